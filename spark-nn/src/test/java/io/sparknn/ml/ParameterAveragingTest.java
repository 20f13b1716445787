package io.sparknn.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.ml.train.KernelSelection;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * spark-nn's training against plain DL4J: same rows, same order, same start; with spark-nn's
 * dense kernel and with DL4J's own fit inside the tasks.
 */
class ParameterAveragingTest {
    private static final long SEED = 42;
    private static final int BATCH = 16;

    private static MultiLayerConfiguration adamNetwork() {
        return new NeuralNetConfiguration.Builder()
                .seed(SEED)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(0.01))
                .list()
                .layer(new DenseLayer.Builder().nIn(5).nOut(12).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunction.MSE).nIn(12).nOut(1)
                        .activation(Activation.IDENTITY).build())
                .build();
    }

    private static NeuralNetRegressor regressor(int epochs) {
        // On the raw features and the input's partitions, as the DL4J references train.
        return new NeuralNetRegressor().setNetwork(adamNetwork()).setSeed(SEED)
                .setBatchSize(BATCH).setEpochs(epochs).setStandardization(false)
                .setNumWorkers(-1);
    }

    /**
     * Fits with the dense kernel allowed or not ({@link KernelSelection#ENABLED_CONF}), and checks
     * that the fit ran the code asked for.
     */
    static NeuralNetRegressionModel withKernel(boolean kernel,
            Supplier<NeuralNetRegressionModel> fit) {
        SparkTestSession.get().conf().set(KernelSelection.ENABLED_CONF, kernel);
        try {
            NeuralNetRegressionModel model = fit.get();
            assertEquals(kernel, model.summary().trainedWithDenseKernel(),
                    "the dense kernel trained it");
            return model;
        } finally {
            SparkTestSession.get().conf().unset(KernelSelection.ENABLED_CONF);
        }
    }

    @ParameterizedTest(name = "kernel {0}")
    @ValueSource(booleans = {true, false})
    void onePartitionEqualsSingleJvmDl4jTraining(boolean kernel) {
        List<Row> rows = TestData.regressionRows(150, 5, 7);
        NeuralNetRegressionModel model =
                withKernel(kernel, () -> regressor(4).fit(TestData.frame(rows, 1)));

        MultiLayerNetwork reference = Dl4jReference.newNetwork(adamNetwork());
        Dl4jReference.train(reference, rows, SEED, 0, 1, 4, BATCH);

        double[] expected = Dl4jReference.params(reference);
        double[] actual = Dl4jReference.params(model.network());
        assertArrayEquals(expected, actual, 1e-5);
        // Four epochs of Adam moved the parameters far more than the tolerance.
        double[] initial = Dl4jReference.params(Dl4jReference.newNetwork(adamNetwork()));
        assertTrue(maxAbsDifference(initial, expected) > 1e-2);
        // The optimizer state travels with the parameters (Adam's moments, iteration count).
        assertArrayEquals(reference.getUpdater().getStateViewArray().toDoubleVector(),
                model.network().getUpdater().getStateViewArray().toDoubleVector(), 1e-5);
        assertEquals(reference.getIterationCount(), model.network().getIterationCount());
    }

    @ParameterizedTest(name = "kernel {0}")
    @ValueSource(booleans = {true, false})
    void twoPartitionsGiveTheCountWeightedMeanOfSeparateTrainings(boolean kernel) {
        // 101 rows in two slices of 50 and 51: unequal weights.
        List<Row> rows = TestData.regressionRows(101, 5, 8);
        List<Row> first = rows.subList(0, 50);
        List<Row> second = rows.subList(50, 101);
        NeuralNetRegressionModel model =
                withKernel(kernel, () -> regressor(1).fit(TestData.frame(rows, 2)));

        double[] pa = Dl4jReference.params(firstEpoch(first, 0));
        double[] pb = Dl4jReference.params(firstEpoch(second, 1));
        double[] expected = new double[pa.length];
        for (int i = 0; i < pa.length; i++) {
            expected[i] = (50 * pa[i] + 51 * pb[i]) / 101;
        }
        assertArrayEquals(expected, Dl4jReference.params(model.network()), 1e-5);
        // The two halves really trained apart: the mean differs from each.
        assertTrue(maxAbsDifference(pa, pb) > 1e-3);
    }

    @ParameterizedTest(name = "kernel {0}")
    @ValueSource(booleans = {true, false})
    void theSecondEpochStartsAnOuterStepPastTheFirstOnesAverage(boolean kernel) {
        List<Row> rows = TestData.regressionRows(100, 5, 11);
        List<Row> first = rows.subList(0, 50);
        List<Row> second = rows.subList(50, 100);
        double rate = 2.0;
        NeuralNetRegressionModel model = withKernel(kernel, () -> regressor(2)
                .setOuterLearningRate(rate).fit(TestData.frame(rows, 2)));

        // Epoch 1: both halves from the same start, then their mean (equal weights).
        double[] start = Dl4jReference.params(Dl4jReference.newNetwork(adamNetwork()));
        MultiLayerNetwork a = firstEpoch(first, 0);
        MultiLayerNetwork b = firstEpoch(second, 1);
        double[] average = mean(Dl4jReference.params(a), Dl4jReference.params(b));
        double[] state = mean(updaterState(a), updaterState(b));
        double[] next = new double[start.length];
        for (int i = 0; i < next.length; i++) {
            next[i] = start[i] + rate * (average[i] - start[i]);
        }
        // Epoch 2: both halves from that step past the mean, with the mean optimizer state.
        MultiLayerNetwork c = startingAt(a, next, state);
        MultiLayerNetwork d = startingAt(a, next, state);
        Dl4jReference.train(c, first, SEED, 0, 2, 2, BATCH);
        Dl4jReference.train(d, second, SEED, 1, 2, 2, BATCH);
        double[] expected = mean(Dl4jReference.params(c), Dl4jReference.params(d));
        double[] actual = Dl4jReference.params(model.network());
        assertArrayEquals(expected, actual, 1e-5);

        // Starting epoch 2 from the plain mean (rate 1) gives another model.
        double[] plain = Dl4jReference.params(withKernel(kernel, () -> regressor(2)
                .setOuterLearningRate(1.0).fit(TestData.frame(rows, 2))).network());
        assertTrue(maxAbsDifference(plain, actual) > 1e-3);
    }

    /** A fresh network after epoch 1 on {@code rows}, trained as partition {@code partition}. */
    private static MultiLayerNetwork firstEpoch(List<Row> rows, int partition) {
        MultiLayerNetwork net = Dl4jReference.newNetwork(adamNetwork());
        Dl4jReference.train(net, rows, SEED, partition, 1, 1, BATCH);
        return net;
    }

    private static MultiLayerNetwork startingAt(MultiLayerNetwork like, double[] params,
            double[] updaterState) {
        MultiLayerNetwork net = like.clone();
        net.setParams(Nd4j.create(params).castTo(net.params().dataType()).reshape(1, -1));
        net.getUpdater().getStateViewArray().assign(Nd4j.create(updaterState)
                .castTo(net.params().dataType()).reshape(1, -1));
        net.setEpochCount(like.getEpochCount() + 1);
        return net;
    }

    private static double[] updaterState(MultiLayerNetwork net) {
        return net.getUpdater().getStateViewArray().castTo(DataType.DOUBLE).toDoubleVector();
    }

    private static double[] mean(double[] x, double[] y) {
        double[] out = new double[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (x[i] + y[i]) / 2;
        }
        return out;
    }

    @Test
    void anEmptyPartitionDoesNotChangeTheResult() {
        List<Row> rows = TestData.regressionRows(40, 5, 9);
        double[] alone = Dl4jReference.params(
                regressor(2).fit(TestData.frame(rows.subList(0, 20), 1)).network());
        // Two slices of 20 rows, the second emptied: partition 0 holds the same 20 rows.
        Dataset<Row> withEmpty = TestData.frame(rows, 2)
                .mapPartitions(new EmptySecondPartition(), Encoders.row(TestData.VECTOR_SCHEMA));
        assertEquals(2, withEmpty.javaRDD().getNumPartitions());
        assertEquals(20, withEmpty.count());
        double[] padded = Dl4jReference.params(regressor(2).fit(withEmpty).network());
        assertArrayEquals(alone, padded, 0.0);
    }

    @Test
    void sameDataAndSeedGiveBitIdenticalParameters() {
        List<Row> rows = TestData.regressionRows(120, 5, 10);
        double[] first = Dl4jReference.params(regressor(2).fit(TestData.frame(rows, 3)).network());
        double[] second = Dl4jReference.params(regressor(2).fit(TestData.frame(rows, 3)).network());
        assertArrayEquals(first, second, 0.0);
    }

    static double maxAbsDifference(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
