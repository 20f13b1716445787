package io.sparknn.ml.train;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.ml.NeuralNetClassifier;
import io.sparknn.ml.SparkTestSession;
import io.sparknn.ml.TestData;
import org.apache.spark.SparkConf;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.junit.jupiter.api.Test;

/** The off-heap estimate against executor overhead and JavaCPP limits. */
class NativeMemoryCheckTest {
    private static MultiLayerConfiguration dense(int inputs, int... hidden) {
        return NetworkFactory.configure(new NeuralNetClassifier().setHiddenLayers(hidden),
                inputs, 10);
    }

    private static SparkConf cluster(String overhead) {
        SparkConf conf = new SparkConf().set("spark.master", "spark://127.0.0.1:7077")
                .set("spark.executor.memory", "1g").set("spark.executor.cores", "2");
        return overhead == null ? conf : conf.set("spark.executor.memoryOverhead", overhead);
    }

    @Test
    void estimatesParametersOptimizerStateAndActivations() {
        long small = NativeMemoryCheck.bytesPerTask(dense(64, 128), 64, 32);
        long big = NativeMemoryCheck.bytesPerTask(dense(64, 4096), 64, 32);
        long bigBatch = NativeMemoryCheck.bytesPerTask(dense(64, 4096), 64, 1024);
        // 64*4096 + 4096*10 weights: params, gradients and Adam's two moments, 4 bytes each.
        assertTrue(big > 4L * 4 * (64 * 4096 + 4096 * 10), "estimate " + big);
        assertTrue(small < big && big < bigBatch);
    }

    @Test
    void aNetworkBeyondTheExecutorOverheadFailsWithTheSettingToRaise() {
        // 6000x6000 hidden weights: ~144 MiB each for params, gradients and Adam's two moments.
        MultiLayerConfiguration large = dense(100, 6000, 6000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NativeMemoryCheck.check(large, 100, 32, 8, cluster(null)));
        assertTrue(e.getMessage().contains("spark.executor.memoryOverhead is 384 MiB")
                && e.getMessage().contains("x 2 concurrent tasks"), e.getMessage());
        // Enough overhead, and a heap large enough for JavaCPP's default maxbytes (the heap size).
        assertDoesNotThrow(() -> NativeMemoryCheck.check(large, 100, 32, 8,
                cluster("4g").set("spark.executor.memory", "2g")));
        assertDoesNotThrow(
                () -> NativeMemoryCheck.check(dense(100, 64), 100, 32, 8, cluster(null)));
        IllegalArgumentException javacpp = assertThrows(IllegalArgumentException.class,
                () -> NativeMemoryCheck.check(large, 100, 32, 8, cluster("4g")
                        .set("spark.executor.extraJavaOptions",
                                "-Dorg.bytedeco.javacpp.maxbytes=256m")));
        assertTrue(javacpp.getMessage().contains("maxbytes allows 256 MiB"),
                javacpp.getMessage());
        assertDoesNotThrow(() -> NativeMemoryCheck.check(large, 100, 32, 8,
                cluster(null).set(NativeMemoryCheck.ENABLED_CONF, "false")));
    }

    @Test
    void readsMemorySettingsAsSparkDoes() {
        MultiLayerConfiguration large = dense(100, 4000, 4000);
        long perTask = NativeMemoryCheck.bytesPerTask(large, 100, 32);
        // A unitless spark.executor.memory is MiB to Spark: 8192 is 8 GiB, whose default
        // overhead (819 MiB) holds two such tasks, where the minimum overhead (384 MiB), what
        // 8,192 bytes would give, does not.
        assertTrue(2 * perTask < 819L << 20 && 2 * perTask > 384L << 20, "estimate " + perTask);
        assertDoesNotThrow(() -> NativeMemoryCheck.check(large, 100, 32, 8,
                cluster(null).set("spark.executor.memory", "8192")));
        // So is a unitless memoryOverhead.
        assertDoesNotThrow(() -> NativeMemoryCheck.check(large, 100, 32, 8,
                cluster("1024").set("spark.executor.memory", "2g")));
    }

    @Test
    void countsNoMoreConcurrentTasksThanPartitions() {
        MultiLayerConfiguration large = dense(100, 6000, 6000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NativeMemoryCheck.check(large, 100, 32, 1, cluster(null)));
        assertTrue(e.getMessage().contains("x 1 concurrent tasks"), e.getMessage());
        // One task fits where the executor's two slots would not.
        long perTask = NativeMemoryCheck.bytesPerTask(large, 100, 32);
        String overhead = (perTask * 3 / 2 >> 20) + "m";
        assertDoesNotThrow(() -> NativeMemoryCheck.check(large, 100, 32, 1,
                cluster(overhead).set("spark.executor.memory", "2g")));
        assertThrows(IllegalArgumentException.class, () -> NativeMemoryCheck.check(large, 100,
                32, 2, cluster(overhead).set("spark.executor.memory", "2g")));
    }

    @Test
    void aFitTooBigForThisJvmFailsBeforeTraining() {
        // 20000x20000 weights with Adam need several GiB, more than the test JVM's 4 GiB.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NeuralNetClassifier().setHiddenLayers(20000, 20000).setEpochs(1)
                        .fit(TestData.frame(TestData.classificationRows(20, 3, 2, 1), 1)));
        assertTrue(e.getMessage().contains("native memory"), e.getMessage());
        assertTrue(SparkTestSession.get() != null);
    }
}
