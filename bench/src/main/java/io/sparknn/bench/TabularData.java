package io.sparknn.bench;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A workload's rows held once in the benchmark JVM as float arrays, so every system trains on
 * the same numbers: spark-nn and MLlib through a DataFrame, raw DL4J from the arrays, PyTorch
 * from the float32 files {@link #writeFloat32} leaves for it.
 *
 * @param features row-major, {@code rows x width}
 * @param labels one target (regression) or class index (classification) per row
 */
record TabularData(int rows, int width, float[] features, float[] labels) {

    /** W1: the seed tutorial's 64 rows of 10 standard-normal features and a normal target. */
    static TabularData seedTutorial() {
        return gaussianTarget(64, 10, new Random(0));
    }

    private static TabularData gaussianTarget(int rows, int width, Random random) {
        float[] x = new float[rows * width];
        float[] y = new float[rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < width; j++) {
                x[i * width + j] = (float) random.nextGaussian();
            }
            y[i] = (float) random.nextGaussian();
        }
        return new TabularData(rows, width, x, y);
    }

    /**
     * W2: {@code rows} x 10 standard-normal features and a fixed nonlinear target with noise,
     * {@code y = sin(x0) + x1*x2 + 0.5*x3^2 - x4 + 0.1*tanh(x5 + x6) + N(0, 0.1^2)}, seeded.
     */
    static TabularData synthetic(int rows, long seed) {
        Random random = new Random(seed);
        int width = 10;
        float[] x = new float[rows * width];
        float[] y = new float[rows];
        for (int i = 0; i < rows; i++) {
            int o = i * width;
            for (int j = 0; j < width; j++) {
                x[o + j] = (float) random.nextGaussian();
            }
            y[i] = (float) (Math.sin(x[o]) + x[o + 1] * x[o + 2] + 0.5 * x[o + 3] * x[o + 3]
                    - x[o + 4] + 0.1 * Math.tanh(x[o + 5] + x[o + 6])
                    + 0.1 * random.nextGaussian());
        }
        return new TabularData(rows, width, x, y);
    }

    static final StructType SCHEMA = new StructType()
            .add("features", new VectorUDT(), false)
            .add("label", DataTypes.DoubleType, false);

    /** The rows as (features vector, label), in {@code partitions} partitions. */
    Dataset<Row> toDataFrame(SparkSession spark, int partitions) {
        List<Row> list = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            double[] v = new double[width];
            for (int j = 0; j < width; j++) {
                v[j] = features[i * width + j];
            }
            list.add(RowFactory.create(Vectors.dense(v), (double) labels[i]));
        }
        return spark.createDataFrame(list, SCHEMA).repartition(partitions);
    }

    /** Writes {@code features} then {@code labels} as little-endian float32 for numpy. */
    void writeFloat32(Path featuresFile, Path labelsFile) throws IOException {
        write(featuresFile, features);
        write(labelsFile, labels);
    }

    private static void write(Path file, float[] values) throws IOException {
        Files.createDirectories(file.getParent());
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        try (OutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.write(buffer.array());
        }
    }
}
