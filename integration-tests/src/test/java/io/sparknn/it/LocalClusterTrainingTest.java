package io.sparknn.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.ml.NeuralNetRegressionModel;
import io.sparknn.ml.NeuralNetRegressor;
import io.sparknn.ml.data.RowKeys;
import io.sparknn.ml.train.EpochShuffle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Training on Spark's local-cluster master: a Master and Workers inside this JVM, and two
 * executors as separate JVMs, so tasks, broadcasts and results really are serialized and ND4J
 * loads its native library in each executor.
 */
class LocalClusterTrainingTest {
    private static final long SEED = 5;
    private static SparkSession spark;

    @BeforeAll
    static void startCluster() throws IOException {
        Path target = Path.of(System.getProperty("sparknn.it.dir", "target"));
        StandaloneCluster.prepareLauncher(target.resolve("spark-home"));
        // Extract ND4J's native libraries here first, so executors sharing this cache only read it.
        Nd4j.create(1);
        String cache = System.getProperty("org.bytedeco.javacpp.cachedir");
        spark = SparkSession.builder()
                .master("local-cluster[2,1,1024]")
                .appName("spark-nn local-cluster test")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.ui.enabled", "false")
                .config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                .config("spark.executor.extraJavaOptions",
                        "-Dorg.bytedeco.javacpp.cachedir=" + cache
                                + " -Dorg.bytedeco.javacpp.maxphysicalbytes=0")
                .config("spark.executorEnv.OMP_NUM_THREADS", "1")
                // Small, so that a modest network's epoch results exceed it.
                .config("spark.driver.maxResultSize", "2m")
                .getOrCreate();
    }

    @AfterAll
    static void stopCluster() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static MultiLayerConfiguration network() {
        return new NeuralNetConfiguration.Builder().seed(SEED).weightInit(WeightInit.XAVIER)
                .updater(new Adam(0.01)).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(10).activation(Activation.TANH)
                        .build())
                .layer(new OutputLayer.Builder(LossFunction.MSE).nIn(10).nOut(1)
                        .activation(Activation.IDENTITY).build())
                .build();
    }

    private static List<Row> rows(int n) {
        Random random = new Random(1);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] x = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian(),
                random.nextGaussian()};
            rows.add(RowFactory.create(Vectors.dense(x), Math.tanh(x[0] - x[1]) + x[2] * x[3]));
        }
        return rows;
    }

    /** Plain DL4J on one partition's rows, in the order spark-nn's task visits them. */
    private static double[] trainAlone(List<Row> rows, int partition) {
        MultiLayerNetwork net = new MultiLayerNetwork(network());
        net.init();
        long[] keys = new long[rows.size()];
        long[] weights = RowKeys.weights(4);
        for (int i = 0; i < keys.length; i++) {
            double[] v = ((Vector) rows.get(i).get(0)).toArray();
            float[] x = {(float) v[0], (float) v[1], (float) v[2], (float) v[3]};
            keys[i] = RowKeys.of(x, 0, weights, (float) rows.get(i).getDouble(1));
        }
        int[] order = EpochShuffle.visitOrder(keys, SEED, 1, partition);
        for (int start = 0; start < order.length; start += 16) {
            int n = Math.min(16, order.length - start);
            float[][] x = new float[n][4];
            float[][] y = new float[n][1];
            for (int r = 0; r < n; r++) {
                Row row = rows.get(order[start + r]);
                double[] v = ((Vector) row.get(0)).toArray();
                for (int j = 0; j < 4; j++) {
                    x[r][j] = (float) v[j];
                }
                y[r][0] = (float) row.getDouble(1);
            }
            net.fit(new DataSet(Nd4j.create(x), Nd4j.create(y)));
        }
        return net.params().castTo(DataType.DOUBLE).toDoubleVector();
    }

    @Test
    void twoExecutorJvmsTrainTheCountWeightedAverage() {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        StructType schema = new StructType(new StructField[] {
            new StructField("features", new VectorUDT(), false, Metadata.empty()),
            new StructField("label", DataTypes.DoubleType, false, Metadata.empty())
        });
        List<Row> rows = rows(90);
        Dataset<Row> df = spark.createDataFrame(jsc.parallelize(rows, 2), schema);

        NeuralNetRegressionModel model = new NeuralNetRegressor().setNetwork(network())
                .setStandardization(false).setNumWorkers(-1)
                .setSeed(SEED).setBatchSize(16).setEpochs(1).fit(df);

        // Both executors ran tasks (two distinct executor ids took part in the job).
        Set<String> executors = df.javaRDD().mapPartitions(it -> List.of(
                org.apache.spark.SparkEnv.get().executorId()).iterator()).collect().stream()
                .collect(Collectors.toSet());
        assertEquals(2, executors.size(), "executors: " + executors);

        double[] a = trainAlone(rows.subList(0, 45), 0);
        double[] b = trainAlone(rows.subList(45, 90), 1);
        double[] expected = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            expected[i] = (a[i] + b[i]) / 2;
        }
        double[] actual = model.network().params().castTo(DataType.DOUBLE).toDoubleVector();
        assertArrayEquals(expected, actual, 1e-5);

        // Scoring on the executors gives the driver's single-row predictions.
        List<Row> scored = model.transform(df).select("features", "prediction").collectAsList();
        assertEquals(90, scored.size());
        for (Row row : scored) {
            assertEquals(model.predict((Vector) row.get(0)), row.getDouble(1), 1e-6);
        }
        assertTrue(model.summary().trainingLossHistory()[0] > 0);
    }

    @Test
    void epochResultsBeyondMaxResultSizeAreSummedOnExecutorsOrFailBeforeTraining() {
        Random random = new Random(3);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            rows.add(RowFactory.create(Vectors.dense(random.doubles(200).toArray()),
                    random.nextDouble()));
        }
        StructType schema = new StructType(new StructField[] {
            new StructField("features", new VectorUDT(), false, Metadata.empty()),
            new StructField("label", DataTypes.DoubleType, false, Metadata.empty())
        });
        Dataset<Row> df = spark.createDataFrame(
                JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, 4),
                schema);
        // 200-300-1 with Adam: 181,803 values, 0.7 MB per task as floats, four tasks 2.9 MB:
        // more than spark.driver.maxResultSize (2 MiB) in one job, so the tasks' results are
        // summed on the executors and the driver receives one 1.5 MB sum.
        NeuralNetRegressionModel model = new NeuralNetRegressor().setHiddenLayers(300)
                .setEpochs(2).setSeed(SEED).setNumWorkers(-1).fit(df);
        assertEquals(2, model.summary().epochs());
        // One sum alone is too big (200-2000-1: 9.6 MB): refused before any training job.
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> new NeuralNetRegressor()
                        .setHiddenLayers(2000).setEpochs(1).setNumWorkers(-1).fit(df));
        assertTrue(e.getMessage().contains("spark.driver.maxResultSize (2 MiB)"),
                e.getMessage());
    }
}
