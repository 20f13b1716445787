package io.sparknn.ml.train;

import io.sparknn.ml.data.TrainingData;
import io.sparknn.ml.param.NeuralNetEstimatorParams;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * One fit from the driver's side, shared by both estimators: rows to cached blocks, the network
 * configured and checked against the data, the epoch loop, the cache released.
 *
 * @param result what the epoch loop produced
 * @param numFeatures input width
 * @param numClasses classes of a classifier, 0 for a regressor
 */
public record TrainingRun(TrainingResult result, int numFeatures, int numClasses) {

    /** Default fan-in of the parameter-sum tree; see {@link OrderedTreeSum}. */
    public static final int DEFAULT_FAN_IN = 16;

    public static TrainingRun fit(NeuralNetEstimatorParams<?> params, Dataset<?> dataset,
            boolean classification) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(
                dataset.sparkSession().sparkContext());
        int fanIn = Integer.parseInt(dataset.sparkSession().conf()
                .get(TrainingConfig.FAN_IN_CONF, String.valueOf(DEFAULT_FAN_IN)));
        try (TrainingData data = TrainingData.prepare(dataset, params, classification)) {
            int numClasses = data.numClasses();
            MultiLayerConfiguration conf =
                    NetworkFactory.configure(params, data.numFeatures(), numClasses);
            NetworkSnapshot initial;
            MultiLayerNetwork network = NetworkFactory.initialize(conf, data.numFeatures(),
                    classification ? numClasses : 1, params.getFeaturesCol(),
                    params.getLabelCol());
            try {
                initial = NetworkSnapshot.of(network);
            } finally {
                NetworkMemory.release(network);
            }
            TrainingConfig config = TrainingConfig.of(params, initial.configJson(),
                    data.numFeatures(), numClasses, Math.max(2, fanIn));
            TrainingResult result = DistributedTrainer.train(jsc, data, config, initial);
            return new TrainingRun(result, data.numFeatures(), numClasses);
        }
    }
}
