package io.sparknn.ml.train;

import io.sparknn.ml.param.NeuralNetParams;
import java.io.Serializable;

/**
 * The immutable snapshot of a fit's settings that executors see (never the stage itself).
 *
 * @param networkJson the DL4J MultiLayerConfiguration to train
 * @param numFeatures input width
 * @param numClasses classes of a classifier, 0 for a regressor
 * @param batchSize mini-batch rows per task
 * @param seed base seed for shuffling and ND4J's RNG
 * @param epochs passes over the data
 * @param earlyStoppingPatience epochs without improvement before stopping; 0 = off
 * @param aggregationFanIn partial sums merged per tree node (see {@link OrderedTreeSum})
 */
public record TrainingConfig(
        String networkJson,
        int numFeatures,
        int numClasses,
        int batchSize,
        long seed,
        int epochs,
        int earlyStoppingPatience,
        int aggregationFanIn)
        implements Serializable {

    /** Spark conf key for the fan-in of the parameter-sum tree. */
    public static final String FAN_IN_CONF = "spark.sparknn.aggregation.fanIn";

    public static TrainingConfig of(NeuralNetParams params, String networkJson, int numFeatures,
            int numClasses, int aggregationFanIn) {
        return new TrainingConfig(networkJson, numFeatures, numClasses, params.getBatchSize(),
                params.getSeed(), params.getEpochs(), params.getEarlyStoppingPatience(),
                aggregationFanIn);
    }

    public boolean classification() {
        return numClasses > 0;
    }
}
