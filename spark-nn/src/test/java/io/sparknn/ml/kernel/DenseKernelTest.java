package io.sparknn.ml.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.ml.data.SparseBatch;
import java.util.Random;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The dense kernel against DL4J itself: the same network, initial state and batches trained
 * step by step by {@code MultiLayerNetwork.fit} and by the kernel must give the same scores,
 * parameters and optimizer state (within float rounding), and the same outputs and
 * per-example losses.
 */
class DenseKernelTest {
    private static final int STEPS = 8;
    private static final double L1 = -1;
    private static final double WEIGHT_DECAY = -2;

    static Stream<Arguments> networks() {
        return Stream.of(
                Arguments.of("relu adam classifier", Activation.RELU, new Adam(1e-2), true, 0.0),
                Arguments.of("relu adam classifier l2", Activation.RELU, new Adam(1e-2), true,
                        1e-3),
                Arguments.of("tanh sgd regressor", Activation.TANH, new Sgd(0.05), false, 0.0),
                Arguments.of("sigmoid nesterovs classifier", Activation.SIGMOID,
                        new Nesterovs(0.05, 0.9), true, 0.0),
                Arguments.of("leakyrelu rmsprop regressor", Activation.LEAKYRELU,
                        new RmsProp(1e-2), false, 1e-2),
                Arguments.of("identity adagrad classifier", Activation.IDENTITY,
                        new AdaGrad(0.05), true, 0.0),
                // Negative l2 values stand for the other regularizations DL4J offers.
                Arguments.of("relu sgd classifier l1", Activation.RELU, new Sgd(0.05), true,
                        L1),
                Arguments.of("tanh adam regressor weight decay", Activation.TANH,
                        new Adam(1e-2), false, WEIGHT_DECAY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void trainsAsDl4jFitDoes(String name, Activation activation, IUpdater updater,
            boolean classifier, double l2) {
        int inputs = 13;
        int outputs = classifier ? 4 : 1;
        MultiLayerNetwork net = new MultiLayerNetwork(conf(inputs, outputs, activation, updater,
                classifier, l2));
        net.init();
        DenseSpec spec = spec(net);
        Random random = new Random(3);
        try (DenseKernel kernel = DenseKernel.forTraining(spec, 16)) {
            kernel.load(doubles(net.params()), doubles(net.getUpdater().getStateViewArray()),
                    0, 0);
            for (int step = 0; step < STEPS; step++) {
                // Full and partial batches, as an epoch's last batch is, and single rows
                // (OpenBLAS's matrix-vector product instead of its matrix product).
                int rows = switch (step % 4) {
                    case 2 -> 5;
                    case 3 -> 1;
                    default -> 16;
                };
                DataSet batch = batch(random, rows, inputs, outputs, classifier);
                net.fit(batch);
                double score = kernel.fit(batch.getFeatures(), batch.getLabels());
                assertEquals(net.score(), score, 1e-5 * Math.max(1, Math.abs(score)),
                        name + " score at step " + step);
            }
            assertClose(doubles(net.params()), kernel.params(), name + " parameters");
            assertClose(doubles(net.getUpdater().getStateViewArray()), kernel.updaterState(),
                    name + " optimizer state");
            assertEquals(net.getIterationCount(), kernel.iteration());

            DataSet test = batch(random, 11, inputs, outputs, classifier);
            float[] out = new float[11 * outputs];
            kernel.output(test.getFeatures(), out);
            assertClose(doubles(net.output(test.getFeatures(), false)), out, name + " output");
            DataSet one = batch(random, 1, inputs, outputs, classifier);
            float[] oneOut = new float[outputs];
            kernel.output(one.getFeatures(), oneOut);
            assertClose(doubles(net.output(one.getFeatures(), false)), oneOut,
                    name + " output of one row");
            double expected = net.scoreExamples(test, false).sumNumber().doubleValue();
            assertEquals(expected, kernel.exampleLossSum(test.getFeatures(), test.getLabels()),
                    1e-4 * Math.max(1, Math.abs(expected)), name + " example losses");
        }
    }

    /**
     * The kernel for sparse input (first layer from each row's nonzero values, its weights kept
     * input-major) against DL4J's fit on the same rows as dense matrices: the same scores,
     * parameters, optimizer state (both back in DL4J's layout), outputs and losses.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void trainsFromSparseBatchesAsDl4jFitDoes(String name, Activation activation,
            IUpdater updater, boolean classifier, double l2) {
        int inputs = 40;
        int outputs = classifier ? 4 : 1;
        MultiLayerNetwork net = new MultiLayerNetwork(conf(inputs, outputs, activation, updater,
                classifier, l2));
        net.init();
        DenseSpec spec = spec(net);
        Random random = new Random(4);
        try (DenseKernel kernel = DenseKernel.of(spec, 16, true, true)) {
            kernel.load(doubles(net.params()), doubles(net.getUpdater().getStateViewArray()),
                    0, 0);
            for (int step = 0; step < STEPS; step++) {
                int rows = step % 4 == 3 ? 1 : step % 4 == 2 ? 5 : 16;
                DataSet batch = sparsified(batch(random, rows, inputs, outputs, classifier));
                net.fit(batch);
                double score = kernel.fit(sparseBatch(batch));
                assertEquals(net.score(), score, 1e-5 * Math.max(1, Math.abs(score)),
                        name + " score at step " + step);
            }
            assertClose(doubles(net.params()), kernel.params(), name + " parameters");
            assertClose(doubles(net.getUpdater().getStateViewArray()), kernel.updaterState(),
                    name + " optimizer state");

            DataSet test = sparsified(batch(random, 11, inputs, outputs, classifier));
            float[] out = new float[11 * outputs];
            kernel.output(sparseBatch(test), out);
            assertClose(doubles(net.output(test.getFeatures(), false)), out, name + " output");
            double expected = net.scoreExamples(test, false).sumNumber().doubleValue();
            assertEquals(expected, kernel.exampleLossSum(sparseBatch(test)),
                    1e-4 * Math.max(1, Math.abs(expected)), name + " example losses");
        }
    }

    /** The kernel's description of {@code net}, which it must take. */
    private static DenseSpec spec(MultiLayerNetwork net) {
        DenseSupport support = DenseSupport.check(net.getLayerWiseConfigurations());
        assertTrue(support.spec() != null, support.reason());
        return support.spec();
    }

    /** {@code batch} with nine features in ten set to 0. */
    private static DataSet sparsified(DataSet batch) {
        float[] x = batch.getFeatures().ravel().toFloatVector();
        for (int i = 0; i < x.length; i++) {
            if (i % 10 != (i / 10) % 10 % 7) {
                x[i] = 0f;
            }
        }
        return new DataSet(Nd4j.create(x, batch.getFeatures().shape(), 'c'), batch.getLabels());
    }

    private static SparseBatch sparseBatch(DataSet batch) {
        INDArray features = batch.getFeatures();
        int rows = features.rows();
        int width = features.columns();
        float[] x = features.ravel().toFloatVector();
        SparseBatch sparse = new SparseBatch(16, width);
        sparse.clear();
        for (int r = 0; r < rows; r++) {
            sparse.nonzeros().addDense(x, r * width, width);
            sparse.endRow();
        }
        sparse.labels(batch.getLabels());
        return sparse;
    }

    /** @param l2 the L2 coefficient, or {@link #L1} / {@link #WEIGHT_DECAY} for 1e-2 of those */
    static MultiLayerConfiguration conf(int inputs, int outputs, Activation activation,
            IUpdater updater, boolean classifier, double l2) {
        NeuralNetConfiguration.Builder builder = new NeuralNetConfiguration.Builder().seed(5)
                .dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER).updater(updater);
        if (l2 == L1) {
            builder.l1(1e-2).l1Bias(1e-3);
        } else if (l2 == WEIGHT_DECAY) {
            builder.weightDecay(1e-2);
        } else {
            builder.l2(l2);
        }
        return builder.list()
                .layer(new DenseLayer.Builder().nIn(inputs).nOut(9).activation(activation)
                        .build())
                .layer(new DenseLayer.Builder().nIn(9).nOut(7).activation(activation).build())
                .layer(new OutputLayer.Builder(classifier ? LossFunction.NEGATIVELOGLIKELIHOOD
                        : LossFunction.MSE).nIn(7).nOut(outputs)
                        .activation(classifier ? Activation.SOFTMAX : Activation.IDENTITY)
                        .build())
                .build();
    }

    private static DataSet batch(Random random, int rows, int inputs, int outputs,
            boolean classifier) {
        float[] x = new float[rows * inputs];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        float[] y = new float[rows * outputs];
        for (int r = 0; r < rows; r++) {
            if (classifier) {
                y[r * outputs + random.nextInt(outputs)] = 1f;
            } else {
                y[r] = (float) (random.nextGaussian() * 2);
            }
        }
        return new DataSet(Nd4j.create(x, new long[] {rows, inputs}, 'c'),
                Nd4j.create(y, new long[] {rows, outputs}, 'c'));
    }

    private static double[] doubles(INDArray array) {
        if (array == null) {
            return new double[0]; // an optimizer without state (SGD)
        }
        return array.castTo(DataType.DOUBLE).ravel().toDoubleVector();
    }

    private static void assertClose(double[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            double error = Math.abs(expected[i] - actual[i]) / (1e-3 + Math.abs(expected[i]));
            if (error > worst) {
                worst = error;
                at = i;
            }
        }
        assertTrue(worst < 1e-3, what + ": worst relative error " + worst + " at " + at
                + (at >= 0 ? " (DL4J " + expected[at] + ", kernel " + actual[at] + ")" : ""));
    }
}
