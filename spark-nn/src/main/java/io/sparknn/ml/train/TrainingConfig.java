package io.sparknn.ml.train;

import io.sparknn.ml.data.Standardization;
import io.sparknn.ml.kernel.DenseSpec;
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
 * @param outerLearningRate step of the outer update after each round (see {@link OuterStep})
 * @param averagingInterval batches per worker between averagings: 0 = once per epoch, -1 =
 *     automatic (see {@link RoundLength})
 * @param averagingShare the share of the training time automatic rounds let averaging take
 * @param aggregationFanIn partial sums merged per tree node (see {@link OrderedTreeSum})
 * @param resultsPerJob the most parameter sums the driver receives in one job ({@link
 *     DriverResultLimit})
 * @param shuffleChunkBytes the most row bytes a task shuffles as a whole; 0 = an eighth of the
 *     executor heap (see {@link io.sparknn.ml.data.BlockChunks})
 * @param kernel the dense kernel's description of the network, or null to train with DL4J's
 *     fit (see {@link KernelSelection})
 * @param standardization what each training and validation row is standardized with, or null
 * @param singlePrecision whether the network computes in float32 (its averaged parameters are
 *     then rounded to floats on the driver, as every task would round them)
 * @param sparseInput whether tasks train and validate from sparse batches ({@link
 *     SparseInput})
 */
public record TrainingConfig(
        String networkJson,
        int numFeatures,
        int numClasses,
        int batchSize,
        long seed,
        int epochs,
        int earlyStoppingPatience,
        double outerLearningRate,
        int averagingInterval,
        double averagingShare,
        int aggregationFanIn,
        int resultsPerJob,
        long shuffleChunkBytes,
        DenseSpec kernel,
        Standardization standardization,
        boolean singlePrecision,
        boolean sparseInput)
        implements Serializable {

    /** Spark conf key for the fan-in of the parameter-sum tree. */
    public static final String FAN_IN_CONF = "spark.sparknn.aggregation.fanIn";
    /** Spark conf key for the share of the time automatic averaging rounds aim at. */
    public static final String AVERAGING_SHARE_CONF = "spark.sparknn.averaging.targetShare";


    public static TrainingConfig of(NeuralNetParams params, String networkJson, int numFeatures,
            int numClasses, double averagingShare, int aggregationFanIn, int resultsPerJob,
            long shuffleChunkBytes,
            DenseSpec kernel, Standardization standardization, boolean singlePrecision,
            boolean sparseInput) {
        return new TrainingConfig(networkJson, numFeatures, numClasses, params.getBatchSize(),
                params.getSeed(), params.getEpochs(), params.getEarlyStoppingPatience(),
                params.getOuterLearningRate(), params.getAveragingInterval(), averagingShare,
                aggregationFanIn, resultsPerJob, shuffleChunkBytes,
                kernel, standardization, singlePrecision, sparseInput);
    }

    public boolean classification() {
        return numClasses > 0;
    }
}
