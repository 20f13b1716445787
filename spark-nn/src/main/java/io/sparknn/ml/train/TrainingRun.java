package io.sparknn.ml.train;

import io.sparknn.ml.data.BlockChunks;
import io.sparknn.ml.data.DataStats;
import io.sparknn.ml.data.Standardization;
import io.sparknn.ml.data.TrainingData;
import io.sparknn.ml.param.NeuralNetEstimatorParams;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fit from the driver's side, shared by both estimators: what can fail without training is
 * checked first (a checkpointDir that cannot be written, the network against the data, native
 * memory, the result size), then rows to cached blocks, the network configured (and started from
 * an initial model's weights when given), the epoch loop, the cache released.
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
        SparkVersionCheck.require(dataset.sparkSession().version());
        BackendCheck.requireUsableBackend();
        if (checkpoints != null) {
            checkpoints.checkWritable();
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(
                dataset.sparkSession().sparkContext());
        int fanIn = Math.max(2, Integer.parseInt(dataset.sparkSession().conf()
                .get(TrainingConfig.FAN_IN_CONF, String.valueOf(DEFAULT_FAN_IN))));
        try (TrainingData data = TrainingData.prepare(dataset, params, classification)) {
            int numClasses = data.numClasses();
            int partitions = data.training().getNumPartitions();
            Initialization init = Initialization.named(dataset.sparkSession().conf()
                    .get(Initialization.CONF, ""));
            MultiLayerConfiguration conf =
                    NetworkFactory.configure(params, data.numFeatures(), numClasses, init);
            NativeMemoryCheck.check(conf, data.numFeatures(), params.getBatchSize(), partitions,
                    jsc.getConf());
            NetworkSnapshot initial;
            MultiLayerNetwork network = NetworkFactory.initialize(conf, data.numFeatures(),
                    classification ? numClasses : 1, params.getFeaturesCol(),
                    params.getLabelCol());
            try {
                if (!params.hasCustomNetwork()) {
                    init.initializeBiases(network, params.getSeed());
                }
                initial = NetworkSnapshot.of(network);
            } finally {
                NetworkMemory.release(network);
            }
            Standardization standardization = params.getStandardization()
                    ? StandardizationFold.forNetwork(conf, data.numFeatures(),
                            data.stats().moments())
                    : null;
            if (initialModel != null) {
                initial = InitialModel.startFrom(initial, initialModel);
                if (standardization != null) {
                    // The initial model takes raw features; training sees standardized ones.
                    initial = StandardizationFold.unfold(initial, standardization);
                }
            }
            int perJob = DriverResultLimit.resultsPerJob(
                    (long) initial.params().length + initial.updaterState().length, partitions,
                    fanIn, jsc.getConf());
            long chunkBytes = Long.parseLong(dataset.sparkSession().conf()
                    .get(BlockChunks.CHUNK_BYTES_CONF, "0"));
            double averagingShare = Double.parseDouble(dataset.sparkSession().conf().get(
                    TrainingConfig.AVERAGING_SHARE_CONF,
                    String.valueOf(RoundLength.TARGET_SHARE)));
            if (!(averagingShare > 0 && averagingShare < 1)) {
                throw new IllegalArgumentException(TrainingConfig.AVERAGING_SHARE_CONF
                        + " must be in (0, 1), not " + averagingShare + ".");
            }
            TrainingConfig config = TrainingConfig.of(params, initial.configJson(),
                    data.numFeatures(), numClasses, averagingShare, fanIn, perJob, chunkBytes,
                    KernelSelection.forTraining(conf, dataset.sparkSession()), standardization,
                    conf.getDataType() == DataType.FLOAT,
                    SparseInput.use(data.stats(), standardization, dataset.sparkSession()));
            if (config.sparseInput()) {
                LOG.info(String.format(Locale.ROOT, "spark-nn trains from sparse batches: %d"
                        + " features, %.3f%% of the values nonzero.", data.numFeatures(),
                        100 * data.stats().density()));
            }
            // Hashing the data's keys and the network's state (200 MB for 8 million parameters
            // with Adam) only matters to checkpoints.
            String fingerprint = checkpoints == null ? "" : fingerprint(config, initial, data);
            CheckpointSeries series = checkpoints == null ? null : checkpoints.open(fingerprint);
            try {
                TrainingResult result = DistributedTrainer.train(jsc, data, config, initial,
                        series, fingerprint);
                if (standardization != null) {
                    result = result.standardized(StandardizationFold.fold(result.network(),
                            standardization), standardization);
                }
                return new TrainingRun(result, data.numFeatures(), numClasses);
            } finally {
                if (series != null) {
                    series.close();
                }
            }
        }
    }

    /**
     * Identifies a training for checkpoints: everything that changes its epochs but their count,
     * that is the data (each partition's rows, through their content keys, and which are
     * validation rows), the settings that change the computation, the starting network and the
     * checkpoint format.
     */
    static String fingerprint(TrainingConfig config, NetworkSnapshot initial,
            TrainingData data) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String settings = String.join("|", "checkpoint format 2", config.networkJson(),
                    String.valueOf(config.batchSize()), String.valueOf(config.seed()),
                    String.valueOf(config.numFeatures()), String.valueOf(config.numClasses()),
                    String.valueOf(config.earlyStoppingPatience()),
                    String.valueOf(config.outerLearningRate()),
                    "averaging interval " + config.averagingInterval() + ", share "
                            + config.averagingShare(),
                    String.valueOf(config.aggregationFanIn()),
                    String.valueOf(config.resultsPerJob()),
                    String.valueOf(config.shuffleChunkBytes()),
                    config.kernel() != null ? "dense kernel" : "DL4J fit",
                    config.sparseInput() ? "sparse batches" : "dense batches",
                    String.valueOf(initial.iterationCount()),
                    config.standardization() == null ? "raw features"
                            : config.standardization().centered() ? "standardized, centered"
                            : "standardized, scaled");
            digest.update(settings.getBytes(StandardCharsets.UTF_8));
            ByteBuffer partition = ByteBuffer.allocate(4 * Long.BYTES);
            for (DataStats stats : data.partitionStats()) {
                partition.clear();
                partition.putLong(stats.trainRows()).putLong(stats.validationRows())
                        .putLong(stats.trainKeySum()).putLong(stats.validationKeySum());
                digest.update(partition.array());
            }
            update(digest, initial.params());
            update(digest, initial.updaterState());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static void update(MessageDigest digest, double[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(Double.BYTES * 4096);
        for (int i = 0; i < values.length; i += 4096) {
            bytes.clear();
            bytes.asDoubleBuffer().put(values, i, Math.min(4096, values.length - i));
            digest.update(bytes.array(), 0, Double.BYTES * Math.min(4096, values.length - i));
        }
    }
}
