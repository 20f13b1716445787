package io.sparknn.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints every few epochs, and a new fit resuming after the last completed one. */
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
        assertThrows(Exception.class, () -> watch(killer,
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

    @Test
    void keepsTheLastTwoCheckpointsAndSkipsWorkAlreadyDone(@TempDir Path dir) throws Exception {
        String checkpoints = dir.resolve("cp").toString();
        NeuralNetRegressionModel first = estimator(4).setCheckpointDir(checkpoints).fit(DATA);
        String[] names = new File(checkpoints).list((d, n) -> !n.startsWith("."));
        Arrays.sort(names);
        assertArrayEquals(new String[] {"epoch-000003", "epoch-000004"}, names);

        List<NeuralNetRegressionModel> again = new ArrayList<>();
        List<String> epochsRun = watch(new EpochJobs(null),
                () -> again.add(estimator(4).setCheckpointDir(checkpoints).fit(DATA)));
        assertTrue(epochsRun.isEmpty(), "nothing left to train: " + epochsRun);
        assertArrayEquals(Dl4jReference.params(first.network()),
                Dl4jReference.params(again.get(0).network()), 0.0);

        // More epochs continue from the checkpoint of epoch 4.
        epochsRun = watch(new EpochJobs(null),
                () -> estimator(6).setCheckpointDir(checkpoints).fit(DATA));
        assertEquals(List.of("spark-nn epoch 5/6", "spark-nn epoch 6/6"),
                epochsRun.stream().distinct().toList());
    }

    @Test
    void refusesCheckpointsOfAnotherTraining(@TempDir Path dir) {
        String checkpoints = dir.resolve("cp").toString();
        estimator(2).setCheckpointDir(checkpoints).fit(DATA);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> estimator(2).setHiddenLayers(5).setCheckpointDir(checkpoints).fit(DATA));
        assertTrue(e.getMessage().contains("checkpointDir") && e.getMessage().contains(checkpoints),
                e.getMessage());
    }

    @Test
    void checkpointIntervalMinusOneWritesNothing(@TempDir Path dir) {
        String checkpoints = dir.resolve("cp").toString();
        estimator(2).setCheckpointDir(checkpoints).setCheckpointInterval(-1).fit(DATA);
        assertTrue(!new File(checkpoints).exists());
        assertThrows(IllegalArgumentException.class, () -> estimator(2).setCheckpointInterval(0));
    }
}
