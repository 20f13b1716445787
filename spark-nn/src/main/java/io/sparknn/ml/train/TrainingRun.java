package io.sparknn.ml.train;

import io.sparknn.ml.data.TrainingData;
import io.sparknn.ml.param.NeuralNetEstimatorParams;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fit from the driver's side, shared by both estimators: rows to cached blocks, the network
 * configured and checked against the data (and started from an initial model's weights when
 * given), the epoch loop, the cache released.
 *
 * @param result what the epoch loop produced
 * @param numFeatures input width
 * @param numClasses classes of a classifier, 0 for a regressor
 */
public record TrainingRun(TrainingResult result, int numFeatures, int numClasses) {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);

    /** Default fan-in of the parameter-sum tree; see {@link OrderedTreeSum}. */
    public static final int DEFAULT_FAN_IN = 16;

    /**
     * @param initialModel the network to start from, or null for a fresh initialization
     * @param checkpoints where to checkpoint and resume, or null
     */
    public static TrainingRun fit(NeuralNetEstimatorParams<?> params, Dataset<?> dataset,
            boolean classification, NetworkSnapshot initialModel, Checkpoints checkpoints) {
        BackendCheck.requireUsableBackend();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(
                dataset.sparkSession().sparkContext());
        int fanIn = Integer.parseInt(dataset.sparkSession().conf()
                .get(TrainingConfig.FAN_IN_CONF, String.valueOf(DEFAULT_FAN_IN)));
        try (TrainingData data = TrainingData.prepare(dataset, params, classification)) {
            int numClasses = data.numClasses();
            MultiLayerConfiguration conf =
                    NetworkFactory.configure(params, data.numFeatures(), numClasses);
            NativeMemoryCheck.check(conf, data.numFeatures(), params.getBatchSize(),
                    jsc.getConf());
            NetworkSnapshot initial;
            MultiLayerNetwork network = NetworkFactory.initialize(conf, data.numFeatures(),
                    classification ? numClasses : 1, params.getFeaturesCol(),
                    params.getLabelCol());
            try {
                initial = NetworkSnapshot.of(network);
            } finally {
                NetworkMemory.release(network);
            }
            if (initialModel != null) {
                initial = startFrom(initial, initialModel);
            }
            long chunkBytes = Long.parseLong(dataset.sparkSession().conf()
                    .get(TrainingConfig.CHUNK_BYTES_CONF, "0"));
            TrainingConfig config = TrainingConfig.of(params, initial.configJson(),
                    data.numFeatures(), numClasses, Math.max(2, fanIn), chunkBytes,
                    KernelSelection.forTraining(conf, dataset.sparkSession()),
                    conf.getDataType() == DataType.FLOAT);
            TrainingResult result = DistributedTrainer.train(jsc, data, config, initial,
                    checkpoints, fingerprint(config, initial, data.hasValidation()));
            return new TrainingRun(result, data.numFeatures(), numClasses);
        }
    }

    /**
     * The configured network with an initial model's parameters, and its updater state and
     * iteration count when the optimizer's state has the same size (the same optimizer).
     */
    static NetworkSnapshot startFrom(NetworkSnapshot configured, NetworkSnapshot model) {
        if (model.params().length != configured.params().length) {
            throw new IllegalArgumentException("Param 'initialModel' has "
                    + model.params().length + " parameters, but the configured network has "
                    + configured.params().length + "; hiddenLayers or network must describe"
                    + " the initial model's architecture.");
        }
        if (model.updaterState().length == configured.updaterState().length) {
            return configured.with(model.params(), model.updaterState(), model.iterationCount(),
                    model.epochCount());
        }
        LOG.info("The initial model's optimizer state does not fit the configured optimizer;"
                + " starting with a fresh optimizer state.");
        return configured.with(model.params(), configured.updaterState(), 0, 0);
    }

    /** Identifies a training for checkpoints: everything that changes its epochs but their count. */
    static String fingerprint(TrainingConfig config, NetworkSnapshot initial,
            boolean validation) {
        String identity = String.join("|", config.networkJson(),
                String.valueOf(config.batchSize()), String.valueOf(config.seed()),
                String.valueOf(config.numFeatures()), String.valueOf(config.numClasses()),
                String.valueOf(config.earlyStoppingPatience()),
                String.valueOf(config.outerLearningRate()), String.valueOf(validation),
                String.valueOf(Arrays.hashCode(initial.params())),
                String.valueOf(Arrays.hashCode(initial.updaterState())));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(identity.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
