package io.sparknn.bench;

import io.sparknn.ml.data.SparseBatch;
import io.sparknn.ml.kernel.DenseKernel;
import io.sparknn.ml.kernel.DenseSpec;
import io.sparknn.ml.kernel.DenseSupport;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * One task's training steps by the dense kernel on the same random rows as dense and as sparse
 * batches, timed (the median of five rounds of steps): where {@code SparseInput}'s defaults
 * come from.
 */
final class KernelSteps {
    private KernelSteps() {}

    /** Milliseconds per step: {dense batches, sparse batches}. */
    static double[] compare(int width, double density, int hidden, int batch, int steps) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.FLOAT).updater(new Adam(1e-3)).list()
                .layer(new DenseLayer.Builder().nIn(width).nOut(hidden)
                        .activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(hidden).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        double[] params = net.params().castTo(DataType.DOUBLE).toDoubleVector();
        DenseSpec spec = DenseSupport.check(conf).spec();
        Random random = new Random(3);
        float[] x = new float[batch * width];
        SparseBatch sparse = new SparseBatch(batch, width);
        sparse.clear();
        for (int r = 0; r < batch; r++) {
            for (int j = 0; j < width; j++) {
                if (random.nextDouble() < density) {
                    x[r * width + j] = (float) random.nextGaussian();
                    sparse.add(j, x[r * width + j]);
                }
            }
            sparse.endRow();
        }
        float[] y = new float[batch * 10];
        for (int r = 0; r < batch; r++) {
            y[r * 10 + random.nextInt(10)] = 1;
        }
        INDArray features = Nd4j.create(x, new long[] {batch, width}, 'c');
        INDArray labels = Nd4j.create(y, new long[] {batch, 10}, 'c');
        sparse.labels(labels);
        double[] ms = new double[2];
        for (int path = 0; path < 2; path++) {
            try (DenseKernel kernel = DenseKernel.of(spec, batch, true, path == 1)) {
                kernel.load(params, new double[0], 0, 0);
                double[] rounds = new double[5];
                for (int round = 0; round < rounds.length; round++) {
                    long start = System.nanoTime();
                    for (int s = 0; s < steps; s++) {
                        if (path == 0) {
                            kernel.fit(features, labels);
                        } else {
                            kernel.fit(sparse);
                        }
                    }
                    rounds[round] = (System.nanoTime() - start) / 1e6 / steps;
                }
                java.util.Arrays.sort(rounds);
                ms[path] = rounds[2];
            }
        }
        return ms;
    }
}
