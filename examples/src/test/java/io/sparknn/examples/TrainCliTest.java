package io.sparknn.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TrainCli on files the test writes, its outputs, its help and its bad-flag exits. */
@Tag("default-line-only") // CI runs it on the default Spark line only, for time
class TrainCliTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

    private record Result(int code, String out, String err) {}

    private static Result cli(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TrainCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        System.out.print(out.toString(StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }

    /** The digits as parquet (a vector column) and as CSV (named columns), written by Spark. */
    private static void writeInputs(Path parquet, Path csv) {
        SparkSession spark = SparkSession.builder().master("local[2]")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            var digits = DigitsQuickStart.split(spark, "../data/digits.csv.gz")[0]
                    .unionByName(DigitsQuickStart.split(spark, "../data/digits.csv.gz")[1]);
            var named = digits.selectExpr("_c10 as a", "_c20 as b", "_c30 as c", "_c36 as d",
                    "_c43 as e", "label as digit");
            named.write().parquet(parquet.toString());
            named.write().option("header", "true").csv(csv.toString());
        } finally {
            spark.stop();
        }
    }

    private static void checkOutputs(Path out, String task, List<String> metrics)
            throws Exception {
        JsonNode json = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals(task, json.get("task").asText());
        assertEquals(json.get("epochs").asInt(), json.get("secondsPerEpoch").size());
        assertTrue(json.get("finalTrainingLoss").asDouble() > 0);
        assertTrue(json.get("finalValidationLoss").asDouble() > 0);
        for (String metric : metrics) {
            assertTrue(json.get("test").has(metric), metric);
        }
        Path png = out.resolve("loss.png");
        byte[] bytes = Files.readAllBytes(png);
        assertArrayEquals(PNG_MAGIC, Arrays.copyOf(bytes, 4));
        assertTrue(bytes.length > 5_000, "loss.png is " + bytes.length + " bytes");
        var image = ImageIO.read(png.toFile());
        assertEquals(800, image.getWidth());
        assertEquals(500, image.getHeight());
        assertTrue(Files.exists(out.resolve("model/metadata")));
    }

    @Test
    void trainsFromParquetAndCsvAndWritesModelMetricsAndPlot(@TempDir Path dir)
            throws Exception {
        Path parquet = dir.resolve("digits.parquet");
        Path csv = dir.resolve("digits.csv");
        writeInputs(parquet, csv);

        Result classification = cli("--input", parquet.toString(), "--task", "classification",
                "--features", "a,b,c,d,e", "--label", "digit", "--hidden", "32",
                "--epochs", "4", "--learning-rate", "0.01", "--output",
                dir.resolve("out-parquet").toString());
        assertEquals(0, classification.code(), classification.err());
        assertTrue(classification.out().contains("Epoch [4/4], Loss: "), classification.out());
        assertTrue(classification.out().contains("Test accuracy: "), classification.out());
        checkOutputs(dir.resolve("out-parquet"), "classification", List.of("accuracy", "f1"));

        Result regression = cli("--input", csv.toString(), "--format", "csv", "--task",
                "regression", "--features", "a,b,c,d", "--label", "e", "--epochs", "3",
                "--optimizer", "sgd", "--learning-rate", "0.001", "--batch-size", "16",
                "--workers", "3", "--averaging-interval", "2",
                "--output", dir.resolve("out-csv").toString());
        assertEquals(0, regression.code(), regression.err());
        checkOutputs(dir.resolve("out-csv"), "regression", List.of("rmse", "mae", "r2"));
        // Three tasks averaged every 2 batches of 16: several rounds in every epoch.
        var rounds = new ObjectMapper().readTree(dir.resolve("out-csv/metrics.json").toFile())
                .get("averagingRounds");
        assertEquals(3, rounds.size());
        for (var epoch : rounds) {
            assertTrue(epoch.asInt() > 1, rounds.toString());
        }
        Files.copy(dir.resolve("out-csv/loss.png"), Path.of("target", "TrainCli-loss.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** libsvm: Spark's own sparse format, read into (label, features) without naming columns. */
    @Test
    void trainsFromLibsvm(@TempDir Path dir) throws Exception {
        Path libsvm = dir.resolve("digits.libsvm");
        SparkSession spark = SparkSession.builder().master("local[2]")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            String[] pixels = new String[64];
            Arrays.setAll(pixels, i -> "_c" + i);
            var digits = DigitsQuickStart.split(spark, "../data/digits.csv.gz")[0];
            new org.apache.spark.ml.feature.VectorAssembler().setInputCols(pixels)
                    .setOutputCol("features").transform(digits).select("label", "features")
                    .write().format("libsvm").save(libsvm.toString());
        } finally {
            spark.stop();
        }
        Result result = cli("--input", libsvm.toString(), "--format", "libsvm", "--task",
                "classification", "--hidden", "64", "--epochs", "8", "--learning-rate", "0.005",
                "--output", dir.resolve("out-libsvm").toString());
        assertEquals(0, result.code(), result.err());
        checkOutputs(dir.resolve("out-libsvm"), "classification", List.of("accuracy", "f1"));
        double accuracy = new ObjectMapper().readTree(
                dir.resolve("out-libsvm/metrics.json").toFile()).get("test").get("accuracy")
                .asDouble();
        assertTrue(accuracy >= 0.9, "libsvm digits accuracy " + accuracy);
    }

    /**
     * Breast cancer's 30 features range from 0.001 to 4,000: with no extra flag, TrainCli
     * standardizes them (the estimator's default) and classifies at least as well as MLlib's
     * logistic regression on the same split.
     */
    @Test
    void trainsUnscaledFeaturesWithNoExtraFlag(@TempDir Path dir) throws Exception {
        Path libsvm = dir.resolve("breast-cancer.libsvm");
        SparkSession spark = SparkSession.builder().master("local[2]")
                .config("spark.ui.enabled", "false").getOrCreate();
        double logistic;
        try {
            List<String> lines = Files.readAllLines(Path.of("../data/breast_cancer.csv"));
            List<org.apache.spark.sql.Row> rows = new java.util.ArrayList<>();
            for (String line : lines.subList(1, lines.size())) { // after the header line
                double[] cells = Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble)
                        .toArray();
                rows.add(org.apache.spark.sql.RowFactory.create(cells[30],
                        org.apache.spark.ml.linalg.Vectors.dense(Arrays.copyOf(cells, 30))));
            }
            spark.createDataFrame(rows, new org.apache.spark.sql.types.StructType()
                            .add("label", "double")
                            .add("features", new org.apache.spark.ml.linalg.VectorUDT()))
                    .write().format("libsvm").save(libsvm.toString());
            // TrainCli's split: 80/20 with its seed (default 1).
            var split = spark.read().format("libsvm").load(libsvm.toString())
                    .randomSplit(new double[] {0.8, 0.2}, 1);
            logistic = new org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator()
                    .setMetricName("accuracy").evaluate(
                            new org.apache.spark.ml.classification.LogisticRegression()
                                    .fit(split[0]).transform(split[1]));
        } finally {
            spark.stop();
        }
        Result result = cli("--input", libsvm.toString(), "--format", "libsvm", "--task",
                "classification", "--epochs", "30", "--output", dir.resolve("out").toString());
        assertEquals(0, result.code(), result.err());
        double accuracy = new ObjectMapper().readTree(dir.resolve("out/metrics.json").toFile())
                .get("test").get("accuracy").asDouble();
        assertTrue(accuracy >= logistic, "TrainCli " + accuracy + ", logistic regression "
                + logistic);
    }

    @Test
    void helpDocumentsEveryFlagAndBadFlagsExitTwo() throws Exception {
        Result help = cli("--help");
        assertEquals(0, help.code());
        for (String flag : List.of("--input", "--format", "--features", "--features-col",
                "--label", "--task", "--hidden", "--epochs", "--batch-size", "--optimizer",
                "--learning-rate", "--validation-fraction", "--test-fraction", "--workers",
                "--averaging-interval", "--seed", "--output")) {
            assertTrue(help.out().contains(flag), flag);
        }
        for (String[] bad : List.of(new String[] {"--bogus", "1"},
                new String[] {"--input", "x", "--task", "clustering", "--output", "o"},
                new String[] {"--input", "x", "--task", "regression"},
                new String[] {"--input", "x", "--task", "regression", "--output", "o",
                    "--epochs", "many"})) {
            Result result = cli(bad);
            assertEquals(2, result.code(), String.join(" ", bad));
            assertEquals(1, result.err().strip().lines().count(), result.err());
            assertTrue(result.err().startsWith("TrainCli: "), result.err());
        }
    }
}
