package io.sparknn.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.ml.data.BlockChunks;
import io.sparknn.ml.train.EpochShuffle;
import io.sparknn.ml.train.TrainingConfig;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Averaging rounds within an epoch (averagingInterval): the math of a round against plain DL4J,
 * round boundaries that change nothing for one worker, resuming with rounds, and what the
 * training summary reports.
 */
class AveragingRoundsTest {
    private static final long SEED = 5;
    private static final int BATCH = 8;

    private static MultiLayerConfiguration network(IUpdater updater) {
        return new NeuralNetConfiguration.Builder()
                .seed(SEED)
                .weightInit(WeightInit.XAVIER)
                .updater(updater)
                .list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(10).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunction.MSE).nIn(10).nOut(1)
                        .activation(Activation.IDENTITY).build())
                .build();
    }

    /** Trains on the input's partitions as they are, on raw features, as the references do. */
    private static NeuralNetRegressor regressor(IUpdater updater, int epochs) {
        return new NeuralNetRegressor().setNetwork(network(updater)).setSeed(SEED)
                .setBatchSize(BATCH).setEpochs(epochs).setStandardization(false)
                .setNumWorkers(-1).setOuterLearningRate(1.0);
    }

    @ParameterizedTest(name = "kernel {0}")
    @ValueSource(booleans = {true, false})
    void sgdWorkersAveragedAfterEachBatchTakeOneStepOnTheUnionOfTheirBatches(boolean kernel) {
        // Two partitions of 48 rows: 6 batches of 8 each per epoch, so 6 rounds per epoch.
        List<Row> rows = TestData.regressionRows(96, 4, 17);
        List<List<Row>> partitions = List.of(rows.subList(0, 48), rows.subList(48, 96));
        int epochs = 2;
        NeuralNetRegressionModel model = ParameterAveragingTest.withKernel(kernel,
                () -> regressor(new Sgd(0.05), epochs).setAveragingInterval(1)
                        .fit(TestData.frame(rows, 2)));

        // The mean of two SGD steps from one start is the step of the mean gradient: one step
        // on the 16 rows of the round's two batches (DL4J averages the loss over a batch).
        MultiLayerNetwork reference = Dl4jReference.newNetwork(network(new Sgd(0.05)));
        for (int epoch = 1; epoch <= epochs; epoch++) {
            int[][] orders = new int[2][];
            for (int p = 0; p < 2; p++) {
                orders[p] = EpochShuffle.visitOrder(Dl4jReference.keys(partitions.get(p)), SEED,
                        epoch, p);
            }
            for (int round = 0; round < 48 / BATCH; round++) {
                reference.fit(unionOfBatches(partitions, orders, round));
            }
        }
        double[] actual = Dl4jReference.params(model.network());
        assertArrayEquals(Dl4jReference.params(reference), actual, 1e-5);
        assertArrayEquals(new int[] {6, 6}, model.summary().averagingRounds());

        // Once-per-epoch averaging of the same workers is another model.
        double[] perEpoch = Dl4jReference.params(ParameterAveragingTest.withKernel(kernel,
                () -> regressor(new Sgd(0.05), epochs).fit(TestData.frame(rows, 2))).network());
        assertTrue(ParameterAveragingTest.maxAbsDifference(perEpoch, actual) > 1e-3);
    }

    /** Batch {@code round} of every partition's visit order, as one DataSet. */
    private static DataSet unionOfBatches(List<List<Row>> partitions, int[][] orders,
            int round) {
        int n = BATCH * partitions.size();
        float[][] x = new float[n][4];
        float[][] y = new float[n][1];
        for (int p = 0; p < partitions.size(); p++) {
            for (int r = 0; r < BATCH; r++) {
                Row row = partitions.get(p).get(orders[p][round * BATCH + r]);
                double[] v = ((Vector) row.get(0)).toArray();
                for (int j = 0; j < 4; j++) {
                    x[p * BATCH + r][j] = (float) v[j];
                }
                y[p * BATCH + r][0] = (float) row.getDouble(1);
            }
        }
        return new DataSet(Nd4j.create(x), Nd4j.create(y));
    }

    @ParameterizedTest(name = "kernel {0}")
    @ValueSource(booleans = {true, false})
    void roundBoundariesChangeNothingForOneWorker(boolean kernel) {
        // 100 rows: 13 batches per epoch, in rounds of 3, 3, 3, 3 and 1.
        Dataset<Row> data = TestData.frame(TestData.regressionRows(100, 4, 19), 1);
        MultiLayerNetwork whole = ParameterAveragingTest.withKernel(kernel,
                () -> regressor(new Adam(0.01), 3).fit(data))
                .network();
        NeuralNetRegressionModel rounds = ParameterAveragingTest.withKernel(kernel,
                () -> regressor(new Adam(0.01), 3)
                        .setAveragingInterval(3).fit(data));
        assertArrayEquals(new int[] {5, 5, 5}, rounds.summary().averagingRounds());
        assertArrayEquals(new int[] {1, 1, 1}, rounds.summary().roundBatches());
        // Adam's moments and its iteration count continue across rounds as within one task.
        assertArrayEquals(Dl4jReference.params(whole), Dl4jReference.params(rounds.network()),
                0.0);
        assertArrayEquals(whole.getUpdater().getStateViewArray().toDoubleVector(),
                rounds.network().getUpdater().getStateViewArray().toDoubleVector(), 0.0);
        assertEquals(39, rounds.network().getIterationCount());
        assertEquals(whole.getEpochCount(), rounds.network().getEpochCount());
    }

    @Test
    void roundsCrossTheChunksOfAPartitionOverTheShuffleBudget() {
        // One partition of 10,000 rows in blocks of 4,096, 4,096 and 1,808 rows, each a chunk of
        // its own under a 100 kB budget (BlockChunks): 64, 64 and 29 batches of 64, so rounds of
        // 50 batches start and end inside chunks.
        Dataset<Row> data = TestData.frame(TestData.regressionRows(10_000, 3, 5), 1);
        NeuralNetRegressor estimator = new NeuralNetRegressor().setHiddenLayers(4).setEpochs(2)
                .setSeed(3).setBatchSize(64).setNumWorkers(-1);
        SparkTestSession.get().conf().set(BlockChunks.CHUNK_BYTES_CONF, "100000");
        try {
            double[] whole = Dl4jReference.params(estimator.fit(data).network());
            NeuralNetRegressionModel rounds = estimator.copy(new ParamMap())
                    .setAveragingInterval(50).fit(data);
            assertArrayEquals(new int[] {4, 4}, rounds.summary().averagingRounds());
            assertArrayEquals(new int[] {7, 7}, rounds.summary().roundBatches());
            assertArrayEquals(whole, Dl4jReference.params(rounds.network()), 0.0);
        } finally {
            SparkTestSession.get().conf().unset(BlockChunks.CHUNK_BYTES_CONF);
        }
    }

    @Test
    void aFitResumedWithRoundsEndsAsAnUninterruptedOne(@TempDir Path dir) {
        Dataset<Row> data = TestData.frame(TestData.regressionRows(160, 4, 23), 2);
        double[] uninterrupted = Dl4jReference.params(withRoundsOfFour(4).fit(data).network());
        String checkpoints = dir.resolve("checkpoints").toString();
        withRoundsOfFour(2).setCheckpointDir(checkpoints).fit(data);
        NeuralNetRegressionModel resumed =
                withRoundsOfFour(4).setCheckpointDir(checkpoints).fit(data);
        assertArrayEquals(uninterrupted, Dl4jReference.params(resumed.network()), 0.0);
        // Epochs 1-2 came from the checkpoint: their rounds are not known.
        assertArrayEquals(new int[] {0, 0, 3, 3}, resumed.summary().averagingRounds());
    }

    private static NeuralNetRegressor withRoundsOfFour(int epochs) {
        return new NeuralNetRegressor().setHiddenLayers(8).setBatchSize(BATCH).setSeed(SEED)
                .setAveragingInterval(4).setEpochs(epochs);
    }

    @Test
    void automaticRoundsReportTheirLengthAndShareAndKeepThemWhenSaved(@TempDir Path dir)
            throws Exception {
        Dataset<Row> data = TestData.frame(TestData.regressionRows(640, 4, 29), 2);
        NeuralNetRegressionModel model = new NeuralNetRegressor().setHiddenLayers(8)
                .setBatchSize(BATCH).setEpochs(3).setSeed(SEED).setAveragingInterval(-1)
                .fit(data);
        NeuralNetTrainingSummary summary = model.summary();
        // 40 batches per partition and epoch: the first round is a tenth of the epoch, the
        // following ones as long as the measured costs ask for (the rest of the epoch at most).
        assertTrue(summary.averagingRounds()[0] >= 2, "the first epoch starts with a tenth");
        for (int e = 0; e < 3; e++) {
            assertTrue(summary.averagingRounds()[e] >= 1
                    && summary.averagingRounds()[e] <= 40);
            assertTrue(summary.roundBatches()[e] >= 1 && summary.roundBatches()[e] <= 40);
            assertTrue(summary.averagingShare()[e] >= 0 && summary.averagingShare()[e] < 1);
        }
        model.write().save(dir.resolve("model").toString());
        NeuralNetTrainingSummary loaded =
                NeuralNetRegressionModel.load(dir.resolve("model").toString()).summary();
        assertArrayEquals(summary.averagingRounds(), loaded.averagingRounds());
        assertArrayEquals(summary.roundBatches(), loaded.roundBatches());
        assertArrayEquals(summary.averagingShare(), loaded.averagingShare(), 0.0);
    }

    @Test
    void anAveragingShareOutsideZeroToOneIsRefusedBeforeTraining() {
        Dataset<Row> data = TestData.frame(TestData.regressionRows(40, 4, 31), 2);
        SparkTestSession.get().conf().set(TrainingConfig.AVERAGING_SHARE_CONF, "1.5");
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new NeuralNetRegressor().setEpochs(1).setAveragingInterval(-1)
                            .fit(data));
            assertEquals("spark.sparknn.averaging.targetShare must be in (0, 1), not 1.5.",
                    e.getMessage());
        } finally {
            SparkTestSession.get().conf().unset(TrainingConfig.AVERAGING_SHARE_CONF);
        }
    }
}
