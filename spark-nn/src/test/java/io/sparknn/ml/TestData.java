package io.sparknn.ml;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** Datasets for tests: seeded random rows and the bundled digits dataset. */
public final class TestData {
    public static final StructType VECTOR_SCHEMA = new StructType(new StructField[] {
        new StructField("features", new VectorUDT(), false, Metadata.empty()),
        new StructField("label", DataTypes.DoubleType, true, Metadata.empty())
    });

    private TestData() {}

    /** Random features in [-1, 1) and a nonlinear regression target, seeded. */
    public static List<Row> regressionRows(int rows, int width, long seed) {
        Random random = new Random(seed);
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            double[] x = new double[width];
            double y = 0;
            for (int j = 0; j < width; j++) {
                x[j] = random.nextDouble() * 2 - 1;
                y += Math.sin(x[j] * (j + 1));
            }
            out.add(RowFactory.create(Vectors.dense(x), y + 0.05 * random.nextGaussian()));
        }
        return out;
    }

    /** Random features and a class label 0..k-1 that depends on them, seeded. */
    public static List<Row> classificationRows(int rows, int width, int classes, long seed) {
        Random random = new Random(seed);
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            double[] x = new double[width];
            double s = 0;
            for (int j = 0; j < width; j++) {
                x[j] = random.nextDouble() * 2 - 1;
                s += x[j] * (j % 2 == 0 ? 1 : -1);
            }
            int label = Math.floorMod((int) Math.floor((s + width) * classes / 2.0), classes);
            out.add(RowFactory.create(Vectors.dense(x), (double) label));
        }
        return out;
    }

    /** {@code rows} in exactly {@code partitions} partitions, split into contiguous slices. */
    public static Dataset<Row> frame(List<Row> rows, int partitions) {
        return frame(rows, partitions, VECTOR_SCHEMA);
    }

    public static Dataset<Row> frame(List<Row> rows, int partitions, StructType schema) {
        return SparkTestSession.get().createDataFrame(
                SparkTestSession.jsc().parallelize(rows, partitions), schema);
    }

    /** A network of one identity output layer with MSE: the smallest valid DL4J regressor. */
    public static MultiLayerConfiguration outputLayerOnly(int inputs, int outputs) {
        return new NeuralNetConfiguration.Builder().list()
                .layer(new OutputLayer.Builder(LossFunction.MSE).nIn(inputs).nOut(outputs)
                        .activation(Activation.IDENTITY).build())
                .build();
    }

    /** The UCI digits (1797 rows, 64 pixels 0-16, label 0-9) bundled in data/digits.csv.gz. */
    public static Dataset<Row> digits() throws IOException {
        Path file = Path.of("..", "data", "digits.csv.gz");
        List<Row> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.US_ASCII))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] cells = line.split(",");
                double[] x = new double[cells.length - 1];
                for (int i = 0; i < x.length; i++) {
                    x[i] = Double.parseDouble(cells[i]) / 16.0;
                }
                rows.add(RowFactory.create(Vectors.dense(x),
                        Double.parseDouble(cells[cells.length - 1])));
            }
        }
        return frame(rows, 2);
    }

    /**
     * UCI's breast cancer (Wisconsin, diagnostic) rows, bundled in data/: 569 rows of 30
     * features from 0.001 to 4,000, label 0 (malignant) or 1 (benign).
     */
    public static Dataset<Row> breastCancer() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "data", "breast_cancer.csv"),
                StandardCharsets.US_ASCII);
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            double[] x = new double[cells.length - 1];
            for (int i = 0; i < x.length; i++) {
                x[i] = Double.parseDouble(cells[i]);
            }
            rows.add(RowFactory.create(Vectors.dense(x),
                    Double.parseDouble(cells[cells.length - 1])));
        }
        return frame(rows, 2);
    }
}
