package io.sparknn.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.examples.DigitsQuickStart;
import io.sparknn.examples.ResumableTraining;
import io.sparknn.ml.NeuralNetRegressionModel;
import io.sparknn.ml.NeuralNetRegressor;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.ExecutorLostFailure;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * spark-nn on a real standalone cluster on 127.0.0.1: a Master and two Workers (1 core, 2 GiB)
 * as separate JVMs, executors launched by the Workers, drivers submitted with SparkSubmit.
 */
class StandaloneClusterTest {
    private static StandaloneCluster cluster;
    private static final String REPO = System.getProperty("sparknn.it.repo", "..");

    @BeforeAll
    static void startCluster() throws Exception {
        Nd4j.create(1); // extracts ND4J's natives into the cache executors share, read-only
        cluster = StandaloneCluster.start(2, "2g");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static SparkSession clientSession() throws Exception {
        return clientSession("1g");
    }

    private static SparkSession clientSession(String executorMemory) throws Exception {
        List<String> classpath = new ArrayList<>(StandaloneCluster.libraryJars());
        classpath.add(StandaloneCluster.appJar().toString());
        return SparkSession.builder().master(cluster.masterUrl())
                .appName("spark-nn cluster test")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.ui.enabled", "false")
                .config("spark.executor.memory", executorMemory)
                .config("spark.executor.extraClassPath", String.join(File.pathSeparator, classpath))
                .config("spark.executor.extraJavaOptions", StandaloneCluster.executorJavaOptions())
                .config("spark.executorEnv.OMP_NUM_THREADS", "1")
                .getOrCreate();
    }

    private static String waitAndRead(Process process, String name, int minutes)
            throws Exception {
        assertTrue(process.waitFor(minutes, TimeUnit.MINUTES), name + " did not finish");
        String log = Files.readString(cluster.log(name));
        assertEquals(0, process.exitValue(), name + " failed:\n" + tail(log));
        return log;
    }

    private static String tail(String log) {
        return log.substring(Math.max(0, log.length() - 4000));
    }

    private static double[] params(String modelDir) throws Exception {
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(
                new File(modelDir, "data/network.zip"), false);
        return net.params().castTo(DataType.DOUBLE).toDoubleVector();
    }

    @Test
    void theDigitsJobTrainsOnTwoExecutorsAsItDoesLocally() throws Exception {
        String data = Path.of(REPO, "data", "digits.csv.gz").toAbsolutePath().toString();
        String modelDir = cluster.dir().resolve("digits-model").toString();
        long start = System.nanoTime();
        // spark-nn goes as the assembly jar (DL4J, ND4J and natives shaded in, ServiceLoader
        // files merged), as a Databricks cluster library or `spark-submit --jars` would ship it.
        String assembly = System.getProperty("sparknn.it.assemblyJar");
        assertTrue(Files.exists(Path.of(assembly)), assembly);
        String log = waitAndRead(cluster.submit("digits", DigitsQuickStart.class.getName(),
                List.of(data, modelDir), List.of(assembly)), "digits", 8);
        System.out.printf("digits on the cluster: %.1f s end to end%n",
                (System.nanoTime() - start) / 1e9);
        Matcher accuracy = Pattern.compile("Test accuracy: (\\d\\.\\d+)").matcher(log);
        assertTrue(accuracy.find(), tail(log));
        double onCluster = Double.parseDouble(accuracy.group(1));
        assertTrue(log.contains("Executors: 2"), tail(log));
        assertTrue(log.contains("Epoch [20/20]"), tail(log));

        SparkSession local = SparkSession.builder().master("local[2]")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .getOrCreate();
        try {
            String localModelDir = cluster.dir().resolve("digits-local-model").toString();
            double locally = DigitsQuickStart.run(local, data, localModelDir);
            System.out.printf("digits accuracy: cluster %.4f, local[2] %.4f%n", onCluster,
                    locally);
            assertEquals(locally, onCluster, 0.00005 + 1e-9);
            // The model trained on the cluster loads here and predicts exactly what the model
            // trained locally predicts, row by row.
            Dataset<Row> test = DigitsQuickStart.split(local, data)[1];
            List<Row> fromCluster = PipelineModel.load(modelDir).transform(test)
                    .select("probability", "prediction").collectAsList();
            List<Row> fromLocal = PipelineModel.load(localModelDir).transform(test)
                    .select("probability", "prediction").collectAsList();
            assertEquals(test.count(), fromCluster.size());
            assertEquals(fromLocal, fromCluster);
        } finally {
            local.stop();
        }
    }

    @Test
    void losingAnExecutorMidEpochChangesNothing() throws Exception {
        SparkSession spark = clientSession();
        try {
            // Rows out of a shuffle, not cached: the killed executor's partitions are recomputed
            // from the shuffle (its map outputs, lost with it, rerun first), their rows fetched
            // in another order.
            Dataset<Row> data = ResumableTraining.data(spark, 120_000, 2).repartition(4);
            // 256-256: a task trains its 30,000 rows for seconds, so the kill 300 ms into it
            // lands while it runs (at 64-64 a task could end before).
            NeuralNetRegressor estimator = new NeuralNetRegressor().setHiddenLayers(256, 256)
                    .setEpochs(3).setBatchSize(32).setSeed(11).setLearningRate(0.003)
                    .setNumWorkers(-1);
            long start = System.nanoTime();
            NeuralNetRegressionModel undisturbed = estimator.fit(data);
            System.out.printf("cluster fit: %.1f s, epochs %s s%n",
                    (System.nanoTime() - start) / 1e9, java.util.Arrays.toString(
                            undisturbed.summary().epochSeconds()));

            NeuralNetRegressionModel disturbed =
                    fitLosingAnExecutor(spark, estimator, data, "spark-nn epoch 1/3", 300);
            assertArrayEquals(undisturbed.network().params().toDoubleVector(),
                    disturbed.network().params().toDoubleVector(), 0.0);

            // The same with averaging rounds (938 batches per partition and epoch in rounds of
            // 450): the executor dies in epoch 1's second round, whose tasks continue their
            // partitions' order from batch 450. A round's task is half an epoch's, so the kill
            // comes sooner into it.
            NeuralNetRegressor inRounds = estimator.copy(new org.apache.spark.ml.param.ParamMap())
                    .setAveragingInterval(450);
            NeuralNetRegressionModel roundsUndisturbed = inRounds.fit(data);
            assertArrayEquals(new int[] {3, 3, 3}, roundsUndisturbed.summary().averagingRounds());
            NeuralNetRegressionModel roundsDisturbed = fitLosingAnExecutor(spark, inRounds, data,
                    "spark-nn epoch 1/3, round 2 (450 batches)", 150);
            assertArrayEquals(roundsUndisturbed.network().params().toDoubleVector(),
                    roundsDisturbed.network().params().toDoubleVector(), 0.0);

            // Native memory: a network too big for the executors' overhead fails before any
            // training job, with the numbers and the setting to raise.
            List<String> jobs = Collections.synchronizedList(new ArrayList<>());
            SparkListener watcher = new SparkListener() {
                @Override
                public void onJobStart(SparkListenerJobStart job) {
                    String d = job.properties().getProperty("spark.job.description");
                    if (d != null) {
                        jobs.add(d);
                    }
                }
            };
            spark.sparkContext().addSparkListener(watcher);
            try {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> estimator.copy(new org.apache.spark.ml.param.ParamMap())
                                .setHiddenLayers(6000, 6000).fit(data));
                assertTrue(e.getMessage().contains("spark.executor.memoryOverhead"),
                        e.getMessage());
                spark.sparkContext().listenerBus().waitUntilEmpty();
            } finally {
                spark.sparkContext().removeSparkListener(watcher);
            }
            assertFalse(jobs.stream().anyMatch(d -> d.startsWith("spark-nn epoch")),
                    jobs.toString());
        } finally {
            spark.stop();
        }
    }

    /**
     * A fit during which {@link ExecutorKiller} kills an executor {@code delayMs} into a task of
     * the job {@code job}.
     */
    private static NeuralNetRegressionModel fitLosingAnExecutor(SparkSession spark,
            NeuralNetRegressor estimator, Dataset<Row> data, String job, long delayMs)
            throws Exception {
        ExecutorKiller killer = new ExecutorKiller(job, delayMs);
        spark.sparkContext().addSparkListener(killer);
        NeuralNetRegressionModel disturbed;
        try {
            disturbed = estimator.fit(data);
            spark.sparkContext().listenerBus().waitUntilEmpty();
        } finally {
            spark.sparkContext().removeSparkListener(killer);
        }
        assertTrue(killer.killedMidTask.get(),
                "an executor was killed while running a training task of " + job);
        assertTrue(killer.targetLost.get(), "that task was lost with its executor");
        assertTrue(killer.partitionRerun.get(), "its partition trained again in that job");
        return disturbed;
    }

    /**
     * Kills the executor running the first task of the named training job, a delay into
     * that task, and records what Spark saw: the task running when its executor died, lost with
     * it, and its partition trained again by a later attempt in the same job.
     */
    private static final class ExecutorKiller extends SparkListener {
        private final String description;
        private final long delayMs;
        private final Set<Integer> stages = ConcurrentHashMap.newKeySet();
        private final Set<Long> ended = ConcurrentHashMap.newKeySet();
        private final AtomicLong target = new AtomicLong(-1);
        private final AtomicInteger targetPartition = new AtomicInteger(-1);
        /** The executor was killed while the target task was running. */
        final AtomicBoolean killedMidTask = new AtomicBoolean();
        /** The target task ended as lost with its executor. */
        final AtomicBoolean targetLost = new AtomicBoolean();
        /** A later attempt of the target's partition succeeded in the target job. */
        final AtomicBoolean partitionRerun = new AtomicBoolean();

        ExecutorKiller(String description, long delayMs) {
            this.description = description;
            this.delayMs = delayMs;
        }

        @Override
        public void onJobStart(SparkListenerJobStart job) {
            // The epoch's first job is its training job; the validation pass comes after.
            if (description.equals(job.properties().getProperty("spark.job.description"))
                    && stages.isEmpty()) {
                scala.collection.Iterator<Object> ids = job.stageIds().iterator();
                while (ids.hasNext()) {
                    stages.add((Integer) ids.next());
                }
            }
        }

        @Override
        public void onTaskStart(SparkListenerTaskStart task) {
            long id = task.taskInfo().taskId();
            if (stages.contains(task.stageId()) && target.compareAndSet(-1, id)) {
                // The partition, not the index in the task set: a stage attempt resubmitted after a
                // fetch failure holds only the missing partitions, numbered from 0.
                targetPartition.set(task.taskInfo().partitionId());
                String executor = task.taskInfo().executorId();
                Thread kill = new Thread(() -> {
                    try {
                        Thread.sleep(delayMs);
                    } catch (InterruptedException e) {
                        return;
                    }
                    boolean running = !ended.contains(id);
                    cluster.executor(executor).orElseThrow().process().destroyForcibly();
                    killedMidTask.set(running);
                });
                kill.setDaemon(true);
                kill.start();
            }
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd task) {
            long id = task.taskInfo().taskId();
            ended.add(id);
            if (id == target.get() && task.reason() instanceof ExecutorLostFailure) {
                targetLost.set(true);
            } else if (targetLost.get() && stages.contains(task.stageId())
                    && task.taskInfo().partitionId() == targetPartition.get()
                    && task.taskInfo().successful()) {
                partitionRerun.set(true);
            }
        }
    }

    /** CI runs this one on the default Spark line only, for time (about a minute). */
    @Test
    @Tag("default-line-only")
    void aPartitionBiggerThanTheExecutorHeapTrains() throws Exception {
        SparkSession spark = clientSession("512m");
        try {
            // One partition of 262,144 rows x 1,024 float features: 1 GiB of features, made on
            // the executor, on a 512 MiB heap. Each row repeats one value: array_repeat runs as
            // generated code, while a transform(...) lambda, interpreted per element, took 200 of
            // the fit's 208 seconds making rows (44 s with array_repeat, 2026-12-04).
            Dataset<Row> rows = spark.range(0, 262_144, 1, 1).select(
                    functions.expr("array_repeat(cast(((id * 7919) % 2003) / 2003.0 as float),"
                            + " 1024)").as("features"),
                    functions.expr("(id % 97) / 97.0").as("label"));
            long start = System.nanoTime();
            NeuralNetRegressionModel model = new NeuralNetRegressor().setHiddenLayers(8)
                    .setEpochs(2).setBatchSize(256).setSeed(1).setLearningRate(0.001)
                    .setNumWorkers(-1).fit(rows);
            System.out.printf("1 GiB partition on a 512 MiB executor: %.1f s, epochs %s s%n",
                    (System.nanoTime() - start) / 1e9,
                    java.util.Arrays.toString(model.summary().epochSeconds()));
            assertEquals(2, model.summary().epochs());
            for (double loss : model.summary().trainingLossHistory()) {
                assertTrue(Double.isFinite(loss), "loss " + loss);
            }
        } finally {
            spark.stop();
        }
    }

    @Test
    void aKilledDriverResumesFromItsCheckpoint() throws Exception {
        Path dir = cluster.dir();
        String baseline = dir.resolve("baseline-model").toString();
        // 100,000 rows: epochs long enough (about a second) that the kill lands in epoch 4.
        waitAndRead(cluster.submit("resume-baseline", ResumableTraining.class.getName(),
                List.of(dir.resolve("baseline-ckpt").toString(), baseline, "6", "100000")),
                "resume-baseline", 6);

        String checkpoints = dir.resolve("killed-ckpt").toString();
        String resumedModel = dir.resolve("resumed-model").toString();
        List<String> args = List.of(checkpoints, resumedModel, "6", "100000");
        Process first = cluster.submit("resume-killed", ResumableTraining.class.getName(), args);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(6);
        while (!Files.readString(cluster.log("resume-killed"))
                .contains("Checkpoint of epoch 3 written")) {
            assertTrue(first.isAlive() && System.nanoTime() < deadline,
                    tail(Files.readString(cluster.log("resume-killed"))));
            Thread.sleep(20);
        }
        first.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        first.destroyForcibly();
        first.waitFor();
        assertFalse(Files.exists(Path.of(resumedModel)), "the killed driver saved nothing");

        String log = waitAndRead(cluster.submit("resume-again",
                ResumableTraining.class.getName(), args), "resume-again", 6);
        Matcher resumed = Pattern.compile("Resuming from the checkpoint in \\S+ after epoch (\\d)")
                .matcher(log);
        assertTrue(resumed.find(), tail(log));
        int after = Integer.parseInt(resumed.group(1));
        // At least one epoch is trained again after the resume, and none before it.
        assertTrue(after >= 3 && after < 6, "resumed after epoch " + after);
        for (int epoch = after + 1; epoch <= 6; epoch++) {
            assertTrue(log.contains("Epoch [" + epoch + "/6]"), tail(log));
        }
        assertFalse(log.contains("Epoch [" + after + "/6]"), tail(log));
        assertArrayEquals(params(baseline), params(resumedModel), 1e-6);
    }
}
