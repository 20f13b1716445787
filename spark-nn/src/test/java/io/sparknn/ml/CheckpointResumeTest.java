package io.sparknn.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkException;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints every few epochs, a new fit of the same training resuming after the last completed
 * one, and never another training's: other data, other params, a CrossValidator's folds, a second
 * fit at the same time, a diverged epoch.
 */
class CheckpointResumeTest {
    private static final Dataset<Row> DATA = TestData.frame(TestData.regressionRows(160, 4, 3), 2);

    private static NeuralNetRegressor estimator(int epochs) {
        return new NeuralNetRegressor().setHiddenLayers(12).setEpochs(epochs).setSeed(21)
                .setLearningRate(0.01).setBatchSize(16).setValidationFraction(0.2);
    }

    /** Records the epoch jobs of fits and cancels the job of {@code cancelEpoch}, if given. */
    private static final class EpochJobs extends SparkListener {
        final List<String> started = Collections.synchronizedList(new ArrayList<>());
        private final String cancel;

        EpochJobs(String cancel) {
            this.cancel = cancel;
        }

        @Override
        public void onJobStart(SparkListenerJobStart job) {
            String description = job.properties().getProperty("spark.job.description");
            if (description != null && description.startsWith("spark-nn epoch")) {
                started.add(description);
                if (description.equals(cancel)) {
                    SparkTestSession.get().sparkContext().cancelJob(job.jobId());
                }
            }
        }
    }

    private static List<String> watch(EpochJobs listener, Runnable fit) throws Exception {
        SparkContext sc = SparkTestSession.get().sparkContext();
        sc.addSparkListener(listener);
        try {
            fit.run();
        } finally {
            sc.listenerBus().waitUntilEmpty();
            sc.removeSparkListener(listener);
        }
        return listener.started;
    }

    @Test
    void aFitKilledInEpochEightResumesAndEndsAsAnUninterruptedRun(@TempDir Path dir)
            throws Exception {
        NeuralNetRegressionModel uninterrupted = estimator(12).fit(DATA);

        String checkpoints = dir.resolve("checkpoints").toString();
        EpochJobs killer = new EpochJobs("spark-nn epoch 8/12");
        // A cancelled job reaches the caller as Spark's own exception.
        assertThrows(SparkException.class, () -> watch(killer,
                () -> estimator(12).setCheckpointDir(checkpoints).fit(DATA)));
        assertTrue(killer.started.contains("spark-nn epoch 8/12"));

        List<NeuralNetRegressionModel> resumed = new ArrayList<>();
        List<String> epochsRun = watch(new EpochJobs(null),
                () -> resumed.add(estimator(12).setCheckpointDir(checkpoints).fit(DATA)));
        assertEquals("spark-nn epoch 8/12", epochsRun.get(0), "resumes after epoch 7");
        assertTrue(epochsRun.stream().noneMatch(d -> d.equals("spark-nn epoch 7/12")));

        NeuralNetRegressionModel model = resumed.get(0);
        assertArrayEquals(Dl4jReference.params(uninterrupted.network()),
                Dl4jReference.params(model.network()), 1e-6);
        assertEquals(12, model.summary().epochs());
        assertArrayEquals(uninterrupted.summary().trainingLossHistory(),
                model.summary().trainingLossHistory(), 1e-9);
        assertArrayEquals(uninterrupted.summary().validationLossHistory(),
                model.summary().validationLossHistory(), 1e-9);
    }

    /** The one training directory under {@code checkpoints}. */
    static File trainingDir(String checkpoints) {
        File[] trainings = new File(checkpoints).listFiles((d, n) -> n.startsWith("training-"));
        assertEquals(1, trainings.length, Arrays.toString(trainings));
        return trainings[0];
    }

    @Test
    void keepsTheLastTwoCheckpointsAndSkipsWorkAlreadyDone(@TempDir Path dir) throws Exception {
        String checkpoints = dir.resolve("cp").toString();
        NeuralNetRegressionModel first = estimator(4).setCheckpointDir(checkpoints).fit(DATA);
        String[] names = trainingDir(checkpoints).list((d, n) -> !n.startsWith("."));
        Arrays.sort(names);
        assertArrayEquals(new String[] {"epoch-000003", "epoch-000004"}, names,
                "the last two checkpoints, and no lock left behind");

        List<NeuralNetRegressionModel> again = new ArrayList<>();
        List<String> epochsRun = watch(new EpochJobs(null),
                () -> again.add(estimator(4).setCheckpointDir(checkpoints).fit(DATA)));
        assertTrue(epochsRun.isEmpty(), "nothing left to train: " + epochsRun);
        assertArrayEquals(Dl4jReference.params(first.network()),
                Dl4jReference.params(again.get(0).network()), 0.0);

        // More epochs continue from the checkpoint of epoch 4; fewer cannot use it.
        epochsRun = watch(new EpochJobs(null),
                () -> estimator(6).setCheckpointDir(checkpoints).fit(DATA));
        assertEquals(List.of("spark-nn epoch 5/6", "spark-nn epoch 6/6"),
                epochsRun.stream().distinct().toList());
        IllegalArgumentException fewer = assertThrows(IllegalArgumentException.class,
                () -> estimator(3).setCheckpointDir(checkpoints).fit(DATA));
        assertTrue(fewer.getMessage().contains("after epoch 6")
                && fewer.getMessage().contains("epochs=3"), fewer.getMessage());
    }

    @Test
    void otherDataOrParamsNeverResumeAnotherTrainingsCheckpoints(@TempDir Path dir)
            throws Exception {
        String checkpoints = dir.resolve("cp").toString();
        estimator(3).setCheckpointDir(checkpoints).fit(DATA);

        // Tomorrow's data, same params and directory (a nightly retrain): trains all epochs and
        // ends where a fit without checkpoints ends, not with yesterday's model.
        Dataset<Row> tomorrow = TestData.frame(TestData.regressionRows(160, 4, 4), 2);
        List<NeuralNetRegressionModel> retrained = new ArrayList<>();
        List<String> epochsRun = watch(new EpochJobs(null),
                () -> retrained.add(estimator(3).setCheckpointDir(checkpoints).fit(tomorrow)));
        assertEquals(List.of("spark-nn epoch 1/3", "spark-nn epoch 2/3", "spark-nn epoch 3/3"),
                epochsRun.stream().distinct().toList());
        assertArrayEquals(Dl4jReference.params(estimator(3).fit(tomorrow).network()),
                Dl4jReference.params(retrained.get(0).network()), 0.0);

        // The same rows in other partitions, another architecture, other validation: the same,
        // each training in its own directory.
        for (Map.Entry<NeuralNetRegressor, Dataset<Row>> other : List.of(
                Map.entry(estimator(3), DATA.repartition(3)),
                Map.entry(estimator(3).setHiddenLayers(5), DATA),
                Map.entry(estimator(3).setValidationFraction(0.3), DATA))) {
            NeuralNetRegressor plain = other.getKey();
            NeuralNetRegressor checkpointed =
                    plain.copy(new ParamMap()).setCheckpointDir(checkpoints);
            assertArrayEquals(Dl4jReference.params(plain.fit(other.getValue()).network()),
                    Dl4jReference.params(checkpointed.fit(other.getValue()).network()), 0.0);
        }
        assertEquals(5, new File(checkpoints).list((d, n) -> n.startsWith("training-")).length);
    }

    @Test
    void aSecondFitOfTheSameTrainingIsRefusedWhileTheFirstHoldsItsLock(@TempDir Path dir)
            throws Exception {
        String checkpoints = dir.resolve("cp").toString();
        estimator(2).setCheckpointDir(checkpoints).fit(DATA);
        File lock = new File(trainingDir(checkpoints), "_lock");
        String host = InetAddress.getLocalHost().getHostName();
        // Held by a live process of this host (the build's JVM that started this test JVM).
        long live = ProcessHandle.current().parent().orElseThrow().pid();
        Files.writeString(lock.toPath(), "{\"token\":\"t\",\"application\":\"app-1\","
                + "\"host\":\"" + host + "\",\"pid\":" + live + "}");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> estimator(4).setCheckpointDir(checkpoints).fit(DATA));
        assertTrue(e.getMessage().contains("in use by application app-1")
                && e.getMessage().contains("checkpointDir"), e.getMessage());
        assertTrue(lock.exists(), "the other fit's lock is left alone");

        // Its holder has ended (a killed driver, resubmitted on its host): taken over at once.
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Files.writeString(lock.toPath(), "{\"token\":\"t\",\"application\":\"app-2\","
                + "\"host\":\"" + host + "\",\"pid\":" + ended.pid() + "}");
        List<String> epochsRun = watch(new EpochJobs(null),
                () -> estimator(4).setCheckpointDir(checkpoints).fit(DATA));
        assertEquals(List.of("spark-nn epoch 3/4", "spark-nn epoch 4/4"),
                epochsRun.stream().distinct().toList());

        // Held from another host: refused while renewed, taken over once not renewed for the
        // lock timeout.
        Files.writeString(lock.toPath(), "{\"token\":\"t\",\"application\":\"app-3\","
                + "\"host\":\"elsewhere\",\"pid\":1}");
        assertThrows(IllegalStateException.class,
                () -> estimator(5).setCheckpointDir(checkpoints).fit(DATA));
        assertTrue(lock.setLastModified(System.currentTimeMillis() - 61_000));
        assertEquals(5, estimator(5).setCheckpointDir(checkpoints).fit(DATA).summary().epochs());
        assertFalse(lock.exists());
    }

    @Test
    void anUnwritableCheckpointDirFailsBeforeAnyJob(@TempDir Path dir) throws Exception {
        File file = dir.resolve("a-file").toFile();
        Files.writeString(file.toPath(), "not a directory");
        String checkpoints = new File(file, "cp").toString();
        List<String> jobs = Collections.synchronizedList(new ArrayList<>());
        SparkListener anyJob = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart job) {
                jobs.add(String.valueOf(job.jobId()));
            }
        };
        SparkContext sc = SparkTestSession.get().sparkContext();
        sc.addSparkListener(anyJob);
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> estimator(2).setCheckpointDir(checkpoints).fit(DATA));
            assertTrue(e.getMessage().contains("Param 'checkpointDir' (" + checkpoints
                    + ") cannot be written"), e.getMessage());
        } finally {
            sc.listenerBus().waitUntilEmpty();
            sc.removeSparkListener(anyJob);
        }
        assertTrue(jobs.isEmpty(), "jobs ran: " + jobs);
    }

    @Test
    void eachCrossValidationFoldKeepsItsOwnCheckpoints(@TempDir Path dir) {
        NeuralNetRegressor plain = estimator(2).setValidationFraction(0);
        ParamMap[] grid = new ParamGridBuilder()
                .addGrid(plain.learningRate(), new double[] {0.01, 0.003}).build();
        CrossValidator cv = new CrossValidator().setEstimator(plain).setEstimatorParamMaps(grid)
                .setEvaluator(new RegressionEvaluator()).setNumFolds(2).setSeed(3)
                .setParallelism(2);
        double[] without = cv.fit(DATA).avgMetrics();
        String checkpoints = dir.resolve("cp").toString();
        double[] with = cv.setEstimator(plain.copy(new ParamMap()).setCheckpointDir(checkpoints))
                .fit(DATA).avgMetrics();
        assertArrayEquals(without, with, 0.0);
        // Two folds x two learning rates, plus the best model refitted on all rows.
        assertEquals(5, new File(checkpoints).list((d, n) -> n.startsWith("training-")).length);
    }

    @Test
    void aDivergingFitStopsAndNeverCheckpointsItsNaNs(@TempDir Path dir) throws Exception {
        String checkpoints = dir.resolve("cp").toString();
        List<Row> scaled = new ArrayList<>();
        for (Row row : TestData.regressionRows(160, 4, 3)) {
            double[] x = ((Vector) row.get(0)).toArray();
            for (int j = 0; j < x.length; j++) {
                x[j] *= 1e4;
            }
            scaled.add(RowFactory.create(Vectors.dense(x), row.getDouble(1)));
        }
        Dataset<Row> huge = TestData.frame(scaled, 2);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new NeuralNetRegressor().setHiddenLayers(8).setOptimizer("sgd")
                        .setLearningRate(1e4).setEpochs(5).setCheckpointDir(checkpoints)
                        .fit(huge));
        assertTrue(e.getMessage().startsWith("Training diverged in epoch ")
                && e.getMessage().contains("lower learningRate"), e.getMessage());
        for (File epoch : trainingDir(checkpoints).listFiles((d, n) -> n.startsWith("epoch-"))) {
            MultiLayerNetwork saved = ModelSerializer.restoreMultiLayerNetwork(
                    new File(epoch, "network.zip"), false);
            for (double p : Dl4jReference.params(saved)) {
                assertTrue(Double.isFinite(p), epoch + " holds a non-finite parameter");
            }
        }
    }

    @Test
    void checkpointIntervalMinusOneWritesNothing(@TempDir Path dir) {
        String checkpoints = dir.resolve("cp").toString();
        estimator(2).setCheckpointDir(checkpoints).setCheckpointInterval(-1).fit(DATA);
        assertTrue(!new File(checkpoints).exists());
        assertThrows(IllegalArgumentException.class, () -> estimator(2).setCheckpointInterval(0));
    }
}
