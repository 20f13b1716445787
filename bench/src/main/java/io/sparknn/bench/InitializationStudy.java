package io.sparknn.bench;

import io.sparknn.ml.NeuralNetClassifier;
import io.sparknn.ml.NeuralNetRegressor;
import io.sparknn.ml.train.Initialization;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * {@code bench/run init}: the held-out results of each {@link Initialization} of the networks
 * spark-nn builds from hiddenLayers, on the bench's workloads (W1, W2 at batch 16 and 256 on one
 * task, W3 on two) and the bundled small datasets (three 80/20 splits each), with default params
 * otherwise. Printed as a table for the performance log; chooses nothing by itself.
 */
final class InitializationStudy {
    private final SparkSession spark;
    private final boolean quick;

    InitializationStudy(SparkSession spark, boolean quick) {
        this.spark = spark;
        this.quick = quick;
    }

    void run() throws Exception {
        Map<String, List<String>> table = new LinkedHashMap<>();
        for (Initialization init : Initialization.values()) {
            spark.conf().set(Initialization.CONF, init.name());
            List<String> cells = new ArrayList<>();
            cells.add(num(w1()));
            cells.add(num(w2(16)));
            cells.add(num(w2(256)));
            cells.add(num(w3()));
            cells.add(num(classification("breast_cancer.csv", 30)));
            cells.add(num(classification("wine_data.csv", 30)));
            cells.add(num(digits()));
            cells.add(num(diabetes()));
            table.put(init.name().toLowerCase(Locale.ROOT).replace('_', '-'), cells);
            System.out.println(init + ": " + cells);
        }
        spark.conf().unset(Initialization.CONF);
        System.out.println("\n| initialization | W1 held-out MSE | W2 b16 held-out MSE | W2 b256"
                + " held-out MSE | W3 test accuracy | breast cancer | wine | digits | diabetes"
                + " held-out MSE |\n|---|---|---|---|---|---|---|---|---|");
        table.forEach((name, cells) -> System.out.println("| " + name + " | "
                + String.join(" | ", cells) + " |"));
    }

    /** W1, the seed tutorial (one task): MSE on 32 new rows of its noise target. */
    private double w1() {
        Dataset<Row> train = gaussian(64, 0);
        Dataset<Row> test = gaussian(32, 1);
        return mse(new NeuralNetRegressor().setHiddenLayers(50).setOptimizer("sgd")
                .setLearningRate(0.01).setBatchSize(16).setEpochs(100).setNumWorkers(1)
                .setSeed(7).fit(train), test);
    }

    /** W2 on one task: MSE on a tenth as many new rows. */
    private double w2(int batch) {
        int rows = quick ? 100_000 : 1_000_000;
        Dataset<Row> train = TabularData.synthetic(rows, 42).toDataFrame(spark, 2).cache();
        Dataset<Row> test = TabularData.synthetic(rows / 10, 43).toDataFrame(spark, 2).cache();
        try {
            return mse(new NeuralNetRegressor().setHiddenLayers(50).setOptimizer("sgd")
                    .setLearningRate(0.01).setBatchSize(batch).setEpochs(3).setNumWorkers(1)
                    .setSeed(7).fit(train), test);
        } finally {
            train.unpersist();
            test.unpersist();
        }
    }

    /** W3: Fashion-MNIST's MLP on two workers, 3 epochs, test accuracy. */
    private double w3() throws Exception {
        Dataset<Row> train = io.sparknn.examples.FashionMnistData.load(spark,
                io.sparknn.examples.FashionMnistData.DEBIAN_DIR, "train", quick ? 6_000 : 0, 2)
                .cache();
        Dataset<Row> test = io.sparknn.examples.FashionMnistData.load(spark,
                io.sparknn.examples.FashionMnistData.DEBIAN_DIR, "t10k", 0, 2).cache();
        try {
            return accuracy(new NeuralNetClassifier().setHiddenLayers(256, 128)
                    .setBatchSize(64).setEpochs(3).setNumWorkers(2).setSeed(7).fit(train), test);
        } finally {
            train.unpersist();
            test.unpersist();
        }
    }

    /** Mean test accuracy over three 80/20 splits of a bundled CSV (header line first). */
    private double classification(String file, int epochs) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("data", file), StandardCharsets.US_ASCII);
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.add(row(line.split(",")));
        }
        return meanOverSplits(frame(rows), true, epochs);
    }

    private double digits() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : gunzipLines("digits.csv.gz")) {
            rows.add(row(line.split(",")));
        }
        return meanOverSplits(frame(rows), true, 20);
    }

    private double diabetes() throws IOException {
        List<String> x = gunzipLines("diabetes_data_raw.csv.gz");
        List<String> y = gunzipLines("diabetes_target.csv.gz");
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < x.size(); i++) {
            String[] cells = (x.get(i).trim() + " " + y.get(i).trim()).split("\\s+");
            rows.add(row(cells));
        }
        return meanOverSplits(frame(rows), false, 100);
    }

    private double meanOverSplits(Dataset<Row> data, boolean classification, int epochs) {
        double sum = 0;
        for (long seed : new long[] {1, 2, 3}) {
            Dataset<Row>[] split = data.randomSplit(new double[] {0.8, 0.2}, seed);
            sum += classification
                    ? accuracy(new NeuralNetClassifier().setEpochs(epochs).fit(split[0]),
                            split[1])
                    : mse(new NeuralNetRegressor().setEpochs(epochs).fit(split[0]), split[1]);
        }
        return sum / 3;
    }

    private Dataset<Row> gaussian(int rows, long seed) {
        Random random = new Random(seed);
        List<Row> list = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            double[] x = new double[10];
            for (int j = 0; j < x.length; j++) {
                x[j] = random.nextGaussian();
            }
            list.add(RowFactory.create(Vectors.dense(x), random.nextGaussian()));
        }
        return frame(list);
    }

    private Dataset<Row> frame(List<Row> rows) {
        return spark.createDataFrame(rows, new StructType().add("features", new VectorUDT())
                .add("label", "double")).repartition(2).cache();
    }

    private static Row row(String[] cells) {
        double[] x = new double[cells.length - 1];
        for (int i = 0; i < x.length; i++) {
            x[i] = Double.parseDouble(cells[i]);
        }
        return RowFactory.create(Vectors.dense(x), Double.parseDouble(cells[x.length]));
    }

    private static List<String> gunzipLines(String file) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(Path.of("data", file))), StandardCharsets.US_ASCII))) {
            return in.lines().toList();
        }
    }

    private static double accuracy(Model<?> model, Dataset<Row> test) {
        return new MulticlassClassificationEvaluator().setMetricName("accuracy")
                .evaluate(model.transform(test));
    }

    private static double mse(Model<?> model, Dataset<Row> test) {
        return new RegressionEvaluator().setMetricName("mse").evaluate(model.transform(test));
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
