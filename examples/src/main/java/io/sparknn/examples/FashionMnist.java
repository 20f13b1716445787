package io.sparknn.examples;

import io.sparknn.ml.NeuralNetClassificationModel;
import io.sparknn.ml.NeuralNetClassifier;
import io.sparknn.ml.NeuralNetTrainingSummary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Fashion-MNIST (Debian package {@code dataset-fashion-mnist}) trained twice: an MLP
 * (784-256-128-10, Adam 1e-3, batch 64) and a small CNN given as a DL4J configuration JSON
 * ({@code fashion-mnist-cnn.json}: conv 5x5x16, max-pool, conv 5x5x32, max-pool, dense 128,
 * softmax) that reads the flat 784-wide features through {@code
 * InputType.convolutionalFlat(28, 28, 1)}. The CNN trains for up to {@code --cnn-epochs} epochs
 * with early stopping: after {@code --cnn-patience} epochs without a lower validation loss it
 * stops and keeps its best epoch (its validation loss flattens while its training loss still
 * falls). Prints each network's losses per epoch and its test accuracy.
 *
 * <pre>
 * spark-submit --class io.sparknn.examples.FashionMnist ... \
 *   [--data /usr/share/datasets/fashion-mnist] [--train-rows 60000] [--test-rows 10000] \
 *   [--mlp-epochs 15] [--cnn-epochs 20] [--cnn-patience 3]
 * </pre>
 */
public final class FashionMnist {
    private FashionMnist() {}

    public static void main(String[] args) throws IOException {
        String data = flag(args, "--data", FashionMnistData.DEBIAN_DIR);
        int trainRows = Integer.parseInt(flag(args, "--train-rows", "0"));
        int testRows = Integer.parseInt(flag(args, "--test-rows", "0"));
        int mlpEpochs = Integer.parseInt(flag(args, "--mlp-epochs", "15"));
        int cnnEpochs = Integer.parseInt(flag(args, "--cnn-epochs", "20"));
        int cnnPatience = Integer.parseInt(flag(args, "--cnn-patience", "3"));
        SparkSession spark = ExampleSession.start("spark-nn Fashion-MNIST");
        try {
            int partitions = spark.sparkContext().defaultParallelism();
            Dataset<Row> train =
                    FashionMnistData.load(spark, data, "train", trainRows, partitions).cache();
            Dataset<Row> test =
                    FashionMnistData.load(spark, data, "t10k", testRows, partitions).cache();
            System.out.printf(Locale.ROOT, "Fashion-MNIST: %d training rows, %d test rows%n",
                    train.count(), test.count());

            NeuralNetClassifier mlp = new NeuralNetClassifier()
                    .setHiddenLayers(256, 128).setOptimizer("adam").setLearningRate(1e-3)
                    .setBatchSize(64).setEpochs(mlpEpochs).setValidationFraction(0.1)
                    .setSeed(7);
            report("MLP", mlp.fit(train), test);

            NeuralNetClassifier cnn = new NeuralNetClassifier()
                    .setNetwork(resource("fashion-mnist-cnn.json"))
                    .setBatchSize(64).setEpochs(cnnEpochs).setValidationFraction(0.1)
                    .setEarlyStoppingPatience(cnnPatience).setSeed(7);
            report("CNN", cnn.fit(train), test);
        } finally {
            spark.stop();
        }
    }

    private static void report(String name, NeuralNetClassificationModel model,
            Dataset<Row> test) {
        NeuralNetTrainingSummary summary = model.summary();
        System.out.println();
        System.out.println(name + ": epoch  training loss  validation loss  seconds");
        for (int e = 0; e < summary.epochs(); e++) {
            System.out.printf(Locale.ROOT, "%s: %5d  %13.4f  %15.4f  %7.2f%n", name, e + 1,
                    summary.trainingLossHistory()[e], summary.validationLossHistory()[e],
                    summary.epochSeconds()[e]);
        }
        double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy")
                .evaluate(model.transform(test));
        System.out.printf(Locale.ROOT, "%s test accuracy: %.4f (%.2f s per epoch; model of"
                + " epoch %d of %d)%n", name, accuracy,
                Arrays.stream(summary.epochSeconds()).average().orElse(0), summary.bestEpoch(),
                summary.epochs());
    }

    /** A configuration shipped beside this class, e.g. the CNN's DL4J JSON. */
    static String resource(String name) throws IOException {
        try (InputStream in = FashionMnist.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("Missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String flag(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
