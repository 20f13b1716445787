package io.sparknn.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The microbenchmark behind bench/PERFORMANCE-LOG.md: {@code trainers} threads in one JVM, each
 * fitting its own one-hidden-layer DL4J network on one fixed batch, as spark-nn's concurrent
 * tasks do. Prints each thread's microseconds per step, the aggregate steps/s and the JVM's
 * resident memory after each round; run it under different JVM flags or OMP_NUM_THREADS to see
 * what they do to DL4J's step cost.
 *
 * <pre>
 * java ... io.sparknn.bench.ConcurrentTrainers IN HIDDEN OUT BATCH TRAINERS STEPS ROUNDS ND4J_THREADS
 * </pre>
 */
public final class ConcurrentTrainers {
    private ConcurrentTrainers() {}

    public static void main(String[] args) throws Exception {
        int in = Integer.parseInt(args[0]);
        int hidden = Integer.parseInt(args[1]);
        int out = Integer.parseInt(args[2]);
        int batch = Integer.parseInt(args[3]);
        int trainers = Integer.parseInt(args[4]);
        int steps = Integer.parseInt(args[5]);
        int rounds = Integer.parseInt(args[6]);
        RawDl4j.threads(Integer.parseInt(args[7]));
        ExecutorService pool = Executors.newFixedThreadPool(trainers);
        try {
            for (int round = 0; round < rounds; round++) {
                long start = System.nanoTime();
                List<Future<Double>> perStep = new ArrayList<>();
                for (int t = 0; t < trainers; t++) {
                    perStep.add(pool.submit(() -> microsPerStep(in, hidden, out, batch, steps)));
                }
                StringBuilder line = new StringBuilder();
                for (Future<Double> f : perStep) {
                    line.append(String.format(Locale.ROOT, "%.0f ", f.get()));
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "%d trainers: us/step %s| %.0f steps/s | %s%n",
                        trainers, line, trainers * steps / seconds, residentMemory());
            }
        } finally {
            pool.shutdown();
        }
    }

    private static double microsPerStep(int in, int hidden, int out, int batch, int steps) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.FLOAT).updater(new Adam(1e-3)).weightInit(WeightInit.RELU)
                .list()
                .layer(new DenseLayer.Builder().nIn(in).nOut(hidden)
                        .activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(hidden)
                        .nOut(out).activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        DataSet data = new DataSet(Nd4j.rand(DataType.FLOAT, batch, in),
                Nd4j.rand(DataType.FLOAT, batch, out));
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            network.fit(data);
        }
        return (System.nanoTime() - start) / 1e3 / steps;
    }

    private static String residentMemory() throws java.io.IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("VmRSS")).findFirst().orElse("VmRSS: ?")
                .replaceAll("\\s+", " ");
    }
}
