package io.sparknn.bench;

import io.sparknn.ml.data.RowKeys;
import io.sparknn.ml.train.Initialization;
import io.sparknn.ml.train.EpochShuffle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The baseline a DL4J user would write without Spark: one JVM, one MultiLayerNetwork, the
 * rows in memory, {@code network.fit(batch)} over shuffled mini-batches.
 *
 * <p>Two timings per epoch: the fit loop alone over batches prepared ahead (only the batch
 * order reshuffled each epoch), and a whole epoch that also reshuffles the rows and converts
 * them into ND4J batches, as spark-nn does in its tasks.
 */
final class RawDl4j {
    private RawDl4j() {}

    /** Per-epoch seconds and mean losses, and the trained network. */
    record Run(Timing epochSeconds, double[] losses, MultiLayerNetwork network) {
        double finalLoss() {
            return losses[losses.length - 1];
        }
    }

    /** Called after each epoch, outside the timing (e.g. to measure test accuracy). */
    interface EpochListener {
        void afterEpoch(int epoch, MultiLayerNetwork network);
    }

    /** Sets ND4J's native thread count for this JVM (spark-nn sets 1 per task itself). */
    static void threads(int n) {
        Nd4j.getEnvironment().setMaxThreads(n);
        Nd4j.getEnvironment().setMaxMasterThreads(n);
        Nd4j.factory().blas().setMaxThreads(n);
    }

    /**
     * The network spark-nn starts a fit of {@code conf} from (built from hiddenLayers with
     * {@code seed}): DL4J's initialization of the weights, and the biases spark-nn draws.
     */
    static MultiLayerNetwork newNetwork(MultiLayerConfiguration conf, long seed) {
        MultiLayerNetwork network = new MultiLayerNetwork(conf.clone());
        network.init();
        Initialization.DEFAULT.initializeBiases(network, seed);
        return network;
    }

    /** Epochs over batches built once, in a seeded shuffled row order; the fit loop is timed. */
    static Run fitPrepared(MultiLayerConfiguration conf, TabularData data, int numClasses,
            int batchSize, int epochs, long seed) {
        return fitPrepared(conf, data, numClasses, batchSize, epochs, seed, (e, n) -> { });
    }

    static Run fitPrepared(MultiLayerConfiguration conf, TabularData data, int numClasses,
            int batchSize, int epochs, long seed, EpochListener listener) {
        Random random = new Random(seed);
        List<DataSet> batches = batches(data, numClasses, batchSize, permutation(data.rows(),
                random));
        MultiLayerNetwork network = newNetwork(conf, seed);
        double[] seconds = new double[epochs];
        double[] losses = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            Collections.shuffle(batches, random);
            long start = System.nanoTime();
            double sum = 0;
            for (DataSet batch : batches) {
                network.fit(batch);
                sum += network.score() * batch.numExamples();
            }
            seconds[e] = (System.nanoTime() - start) / 1e9;
            losses[e] = sum / data.rows();
            listener.afterEpoch(e + 1, network);
        }
        // Free the prepared batches now, not whenever the GC finds them: on W2 (62,500 batches)
        // their release otherwise ran during the next system's measurement.
        for (DataSet batch : batches) {
            batch.getFeatures().close();
            batch.getLabels().close();
        }
        return new Run(Timing.of(seconds), losses, network);
    }

    /**
     * Epochs that each reshuffle the rows and convert them to batches inside the timing, in the
     * row order spark-nn gives a one-partition task ({@link EpochShuffle#visitOrder}).
     */
    static Run fitWithConversion(MultiLayerConfiguration conf, TabularData data,
            int numClasses, int batchSize, int epochs, long seed) {
        MultiLayerNetwork network = newNetwork(conf, seed);
        double[] seconds = new double[epochs];
        double[] losses = new double[epochs];
        long[] weights = RowKeys.weights(data.width());
        long[] keys = new long[data.rows()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = RowKeys.of(data.features(), i * data.width(), weights, data.labels()[i]);
        }
        for (int e = 0; e < epochs; e++) {
            long start = System.nanoTime();
            int[] order = EpochShuffle.visitOrder(keys, seed, e + 1, 0);
            double sum = 0;
            for (int from = 0; from < order.length; from += batchSize) {
                DataSet batch = batch(data, numClasses, order, from,
                        Math.min(order.length, from + batchSize));
                network.fit(batch);
                sum += network.score() * batch.numExamples();
                batch.getFeatures().close();
                batch.getLabels().close();
            }
            seconds[e] = (System.nanoTime() - start) / 1e9;
            losses[e] = sum / data.rows();
        }
        return new Run(Timing.of(seconds), losses, network);
    }

    /**
     * Lets the previous system's garbage go before the next one is timed: a GC, and time for
     * JavaCPP's deallocator thread to free the native buffers it released (DL4J's runs leave
     * hundreds of MB of them).
     */
    static void settle() {
        for (int i = 0; i < 2; i++) {
            System.gc();
            try {
                Thread.sleep(750);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Class predicted for each row (argmax), scored in batches converted from the arrays. */
    static int[] predictClasses(MultiLayerNetwork network, TabularData data, int batchSize) {
        int[] predicted = new int[data.rows()];
        forEachOutput(network, data, batchSize, (from, out) -> {
            INDArray argmax = out.argMax(1);
            for (int i = 0, n = out.rows(); i < n; i++) {
                predicted[from + i] = argmax.getInt(i);
            }
            argmax.close();
        });
        return predicted;
    }

    /** Mean squared error of a one-output network on every row of {@code data}. */
    static double mse(MultiLayerNetwork network, TabularData data, int batchSize) {
        double[] squares = {0};
        forEachOutput(network, data, batchSize, (from, out) -> {
            for (int i = 0, n = out.rows(); i < n; i++) {
                double error = out.getDouble(i, 0) - data.labels()[from + i];
                squares[0] += error * error;
            }
        });
        return squares[0] / data.rows();
    }

    /** What to do with the network's outputs for rows {@code from, from + out.rows()}. */
    private interface BatchOutput {
        void accept(int from, INDArray out);
    }

    /** The network's outputs for every row of {@code data} in order, a batch at a time. */
    private static void forEachOutput(MultiLayerNetwork network, TabularData data,
            int batchSize, BatchOutput consumer) {
        int[] order = new int[data.rows()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int from = 0; from < order.length; from += batchSize) {
            INDArray x = features(data, order, from, Math.min(order.length, from + batchSize));
            INDArray out = network.output(x, false);
            consumer.accept(from, out);
            x.close();
            out.close();
        }
    }

    static double accuracy(int[] predicted, TabularData data) {
        int right = 0;
        for (int i = 0; i < predicted.length; i++) {
            right += predicted[i] == (int) data.labels()[i] ? 1 : 0;
        }
        return (double) right / predicted.length;
    }

    private static int[] permutation(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static List<DataSet> batches(TabularData data, int numClasses, int batchSize,
            int[] order) {
        List<DataSet> batches = new ArrayList<>();
        for (int from = 0; from < order.length; from += batchSize) {
            batches.add(batch(data, numClasses, order, from,
                    Math.min(order.length, from + batchSize)));
        }
        return batches;
    }

    private static DataSet batch(TabularData data, int numClasses, int[] order, int from,
            int to) {
        int n = to - from;
        float[] y = new float[n * Math.max(1, numClasses)];
        for (int i = 0; i < n; i++) {
            float label = data.labels()[order[from + i]];
            if (numClasses > 0) {
                y[i * numClasses + (int) label] = 1f;
            } else {
                y[i] = label;
            }
        }
        return new DataSet(features(data, order, from, to),
                Nd4j.create(y, new long[] {n, Math.max(1, numClasses)}, DataType.FLOAT));
    }

    private static INDArray features(TabularData data, int[] order, int from, int to) {
        int n = to - from;
        int width = data.width();
        float[] x = new float[n * width];
        for (int i = 0; i < n; i++) {
            System.arraycopy(data.features(), order[from + i] * width, x, i * width, width);
        }
        return Nd4j.create(x, new long[] {n, width}, DataType.FLOAT);
    }
}
