package io.sparknn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.ml.NeuralNetClassifier;
import io.sparknn.ml.train.DeviceBackend;
import io.sparknn.ml.train.Nd4jDevices;
import io.sparknn.ml.train.TaskDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.collection.JavaConverters;

/**
 * Device binding under Spark's real GPU scheduling, on a machine without GPUs: a discovery
 * script reports fake GPUs "0" and "1", a local-cluster executor owns both, and each task asks
 * ND4J's backend (the CPU one here, which answers without a GPU) to bind what Spark gave it.
 */
class GpuSchedulingTest {

    /** Delegates to ND4J's backend and remembers the devices it was asked to bind. */
    static final class RecordingBackend implements DeviceBackend {
        private final DeviceBackend real = new Nd4jDevices();
        final List<Integer> requested = new ArrayList<>();

        @Override
        public String name() {
            return real.name();
        }

        @Override
        public boolean usesGpus() {
            return real.usesGpus();
        }

        @Override
        public int deviceCount() {
            return real.deviceCount();
        }

        @Override
        public void bindCurrentThread(int device) {
            requested.add(device);
            real.bindCurrentThread(device);
        }

        @Override
        public int currentDevice() {
            return real.currentDevice();
        }
    }

    private static SparkSession cluster(String taskGpuAmount, String executorGpus)
            throws IOException {
        Path target = Path.of(System.getProperty("sparknn.it.dir", "target"));
        StandaloneCluster.prepareLauncher(target.resolve("spark-home"));
        Path script = target.resolve("fake-gpu-discovery.sh");
        Files.writeString(script,
                "#!/usr/bin/env bash\necho '{\"name\":\"gpu\",\"addresses\":[\"0\",\"1\"]}'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        org.nd4j.linalg.factory.Nd4j.create(1);
        String cache = System.getProperty("org.bytedeco.javacpp.cachedir");
        return SparkSession.builder()
                .master("local-cluster[1,2,1024]")
                .appName("spark-nn GPU scheduling test")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.ui.enabled", "false")
                .config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                .config("spark.executor.extraJavaOptions",
                        "-Dorg.bytedeco.javacpp.cachedir=" + cache)
                .config("spark.executorEnv.OMP_NUM_THREADS", "1")
                .config("spark.worker.resource.gpu.amount", "2")
                .config("spark.worker.resource.gpu.discoveryScript", script.toString())
                .config("spark.executor.resource.gpu.amount", executorGpus)
                .config("spark.executor.resource.gpu.discoveryScript", script.toString())
                .config("spark.task.resource.gpu.amount", taskGpuAmount)
                .getOrCreate();
    }

    /** Per stage, a latch that holds each task until both run at once in the executor JVM. */
    private static final Map<Integer, CountDownLatch> BOTH_RUNNING = new ConcurrentHashMap<>();

    /** Binds in each of two tasks running at the same time and returns what they saw. */
    private static List<String> bindInTwoConcurrentTasks(SparkSession spark) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return jsc.parallelize(List.of(1, 2), 2).mapPartitions(rows -> {
            CountDownLatch latch = BOTH_RUNNING.computeIfAbsent(TaskContext.get().stageId(),
                    stage -> new CountDownLatch(2));
            latch.countDown();
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the two tasks did not run concurrently");
            }
            RecordingBackend backend = new RecordingBackend();
            TaskDevice.Binding binding = TaskDevice.bind(TaskContext.get(), backend);
            return List.of(binding.gpuAddress() + ":" + binding.requestedDevice() + ":"
                    + backend.requested + ":" + binding.backend()).iterator();
        }).collect();
    }

    @Test
    void eachTaskBindsTheGpuSparkAssignedIt() throws Exception {
        SparkSession spark = cluster("1", "2");
        try {
            List<String> seen = bindInTwoConcurrentTasks(spark);
            assertEquals(Set.of("0:0:[0]:CPU", "1:1:[1]:CPU"), Set.copyOf(seen), seen.toString());

            // Training and scoring run through the same binding on this cluster.
            StructType schema = new StructType(new StructField[] {
                new StructField("features", new VectorUDT(), false, Metadata.empty()),
                new StructField("label", DataTypes.DoubleType, false, Metadata.empty())
            });
            Random random = new Random(2);
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                double a = random.nextGaussian();
                double b = random.nextGaussian();
                rows.add(RowFactory.create(Vectors.dense(a, b), a > b ? 1.0 : 0.0));
            }
            var df = spark.createDataFrame(
                    JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, 2),
                    schema);
            Set<Integer> trainingStages = ConcurrentHashMap.newKeySet();
            SparkListener epochs = new SparkListener() {
                @Override
                public void onJobStart(SparkListenerJobStart job) {
                    String d = job.properties().getProperty("spark.job.description");
                    if (d != null && d.startsWith("spark-nn epoch")) {
                        JavaConverters.seqAsJavaList(job.stageIds())
                                .forEach(id -> trainingStages.add((Integer) id));
                    }
                }
            };
            spark.sparkContext().addSparkListener(epochs);
            var model = new NeuralNetClassifier().setHiddenLayers(4).setEpochs(2).fit(df);
            spark.sparkContext().listenerBus().waitUntilEmpty();
            spark.sparkContext().removeSparkListener(epochs);
            assertEquals(60, model.transform(df).collectAsList().size());

            // Every training task bound the GPU Spark gave it, as its executor's log says.
            Map<Integer, List<String>> gpusByStage = executorLogBindings(spark);
            assertEquals(2, trainingStages.size(), "one training job per epoch");
            for (int stage : trainingStages) {
                assertEquals(List.of("0", "1"), gpusByStage.getOrDefault(stage, List.of())
                        .stream().sorted().toList(), "stage " + stage + ": " + gpusByStage);
            }
        } finally {
            spark.stop();
        }
    }

    /**
     * The GPU each task bound, by stage, from the executors' logs ("spark-nn task 1 (stage 7)
     * uses GPU 1 ..."), which a local-cluster Worker writes to SPARK_HOME/work/APP/EXECUTOR/std*
     * (this module's log4j2.properties logs to stdout).
     */
    private static Map<Integer, List<String>> executorLogBindings(SparkSession spark)
            throws IOException {
        Path app = Path.of(System.getenv("SPARK_HOME"), "work",
                spark.sparkContext().applicationId());
        Pattern binding = Pattern.compile("spark-nn task \\d+ \\(stage (\\d+)\\) uses GPU (\\S+)");
        Map<Integer, List<String>> byStage = new TreeMap<>();
        try (Stream<Path> files = Files.walk(app)) {
            for (Path log : files.filter(f -> f.getFileName().toString().startsWith("std"))
                    .toList()) {
                Matcher m = binding.matcher(Files.readString(log));
                while (m.find()) {
                    byStage.computeIfAbsent(Integer.parseInt(m.group(1)), s -> new ArrayList<>())
                            .add(m.group(2));
                }
            }
        }
        return byStage;
    }

    @Test
    void tasksWithHalfAGpuShareTheExecutorsGpu() throws IOException {
        SparkSession spark = cluster("0.5", "1");
        try {
            List<String> seen = bindInTwoConcurrentTasks(spark);
            Set<String> addresses = seen.stream().map(s -> s.split(":")[0])
                    .collect(Collectors.toSet());
            assertEquals(1, addresses.size(), seen.toString());
            assertTrue(seen.stream().allMatch(s -> s.endsWith(":CPU")));
        } finally {
            spark.stop();
        }
    }
}
