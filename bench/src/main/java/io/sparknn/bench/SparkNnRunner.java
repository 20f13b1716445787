package io.sparknn.bench;

import io.sparknn.ml.NeuralNetClassifier;
import io.sparknn.ml.NeuralNetTrainingSummary;
import io.sparknn.ml.param.NeuralNetEstimatorParams;
import io.sparknn.ml.predict.ModelScoring;
import io.sparknn.ml.train.KernelSelection;
import io.sparknn.ml.train.PartitionJob;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.PredictionModel;
import org.apache.spark.ml.classification.ClassificationModel;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/** spark-nn's numbers from its own training summary, and forced inference timings. */
final class SparkNnRunner {
    private SparkNnRunner() {}

    /**
     * Epoch times and losses of a finished fit; the share outside the fit loop is, per epoch,
     * 1 - (slowest task's time in DL4J's fit calls) / (epoch wall time), median over epochs.
     */
    static SystemResult result(String system, NeuralNetTrainingSummary summary, long rows,
            double testMetric, String note) {
        double[] seconds = summary.epochSeconds();
        double[] fit = summary.fitLoopSeconds();
        double[] outside = new double[seconds.length];
        for (int e = 0; e < seconds.length; e++) {
            outside[e] = 1 - fit[e] / seconds[e];
        }
        return new SystemResult(system, Timing.of(seconds), rows, Timing.of(outside).median(),
                summary.trainingLossHistory(), testMetric, new double[0], note);
    }

    /**
     * The median epoch's time outside the fit loop, split into the part inside the tasks and
     * the Spark job around them ({@link TaskTimes}).
     */
    static String outsideSplit(NeuralNetTrainingSummary summary, double[] longestTask) {
        double[] seconds = summary.epochSeconds();
        double[] fit = summary.fitLoopSeconds();
        int n = Math.min(seconds.length, longestTask.length);
        double[] inTasks = new double[n];
        double[] around = new double[n];
        for (int e = 0; e < n; e++) {
            inTasks[e] = (longestTask[e] - fit[e]) / seconds[e];
            around[e] = (seconds[e] - longestTask[e]) / seconds[e];
        }
        return String.format(Locale.ROOT, "outside the fit loop: %.1f%% in the tasks (batching"
                + " rows, network setup, packing results), %.1f%% around them (scheduling,"
                + " broadcast, fetching results, averaging), medians", 100 * Timing.of(inTasks)
                .median(), 100 * Timing.of(around).median());
    }

    /**
     * Seconds to score every row of {@code data}, {@code repeats} times after {@code warmUps}
     * untimed runs. The prediction column is summed so Spark cannot prune the model's columns
     * away.
     */
    static Timing inference(Model<?> model, Dataset<Row> data, String column, int warmUps,
            int repeats) {
        return Timing.seconds(warmUps, repeats, () -> model.transform(data)
                .agg(functions.sum(functions.col(column))).collectAsList());
    }

    /**
     * The same fit on one task (numWorkers 1): the kernel's speed on one core with spark-nn's
     * machinery around it, and training equal to single-JVM DL4J's (no averaging).
     *
     * @param test rows for the test metric (accuracy or MSE, {@link #testMetric}), or null
     */
    static <E extends Estimator<? extends PredictionModel<?, ?>>
            & NeuralNetEstimatorParams<?>> SystemResult oneTask(E estimator, Dataset<Row> train,
            long rows, Dataset<Row> test) {
        estimator.setNumWorkers(1);
        PredictionModel<?, ?> model = estimator.fit(train);
        return result("spark-nn, 1 task", summary(model), rows,
                test == null ? Double.NaN : testMetric(model, test),
                "numWorkers 1: no averaging, one core training");
    }

    /** The same fit with DL4J's own fit inside the tasks instead of spark-nn's dense kernel. */
    static SystemResult withoutKernel(NeuralNetClassifier estimator, Dataset<Row> train,
            long rows, Dataset<Row> test) {
        PredictionModel<?, ?> model = withoutKernel(train.sparkSession(),
                () -> estimator.fit(train));
        return result("spark-nn local[2], DL4J fit", summary(model), rows,
                accuracy(model, test), KernelSelection.ENABLED_CONF + "=false (spark-nn before"
                        + " its dense kernel)");
    }

    static Timing inferenceWithoutKernel(Model<?> model, Dataset<Row> data, String column,
            int warmUps, int repeats) {
        return withoutKernel(data.sparkSession(),
                () -> inference(model, data, column, warmUps, repeats));
    }

    /**
     * Test accuracy after each of {@code epochs} epochs of one training: fits of 1, 2, ...
     * epochs that each resume from the previous one's checkpoint, which continues exactly as an
     * uninterrupted fit (the shuffle seeds follow the epoch number).
     */
    static double[] accuracyByEpoch(NeuralNetClassifier estimator, Dataset<Row> train,
            Dataset<Row> test, int epochs, Path checkpoints) throws java.io.IOException {
        deleteRecursively(checkpoints);
        estimator.setCheckpointDir(checkpoints.toAbsolutePath().toUri().toString());
        double[] accuracy = new double[epochs];
        for (int e = 1; e <= epochs; e++) {
            accuracy[e - 1] = accuracy(estimator.setEpochs(e).fit(train), test);
            System.out.printf(Locale.ROOT, "  spark-nn test accuracy after epoch %d: %.4f%n",
                    e, accuracy[e - 1]);
        }
        deleteRecursively(checkpoints);
        return accuracy;
    }

    static void deleteRecursively(Path dir) throws java.io.IOException {
        if (java.nio.file.Files.exists(dir)) {
            try (var paths = java.nio.file.Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The same transform over {@code Row}s (the streaming path) instead of internal rows. */
    static Timing inferenceThroughRows(Model<?> model, Dataset<Row> data, String column,
            int warmUps, int repeats) {
        return withConf(data.sparkSession(), ModelScoring.INTERNAL_ROWS_CONF, "false",
                () -> inference(model, data, column, warmUps, repeats));
    }

    private static <T> T withoutKernel(SparkSession session, Supplier<T> work) {
        return withConf(session, KernelSelection.ENABLED_CONF, "false", work);
    }

    private static <T> T withConf(SparkSession session, String key, String value,
            Supplier<T> work) {
        session.conf().set(key, value);
        try {
            return work.get();
        } finally {
            session.conf().unset(key);
        }
    }

    private static NeuralNetTrainingSummary summary(PredictionModel<?, ?> model) {
        if (model instanceof io.sparknn.ml.NeuralNetClassificationModel c) {
            return c.summary();
        }
        return ((io.sparknn.ml.NeuralNetRegressionModel) model).summary();
    }

    /**
     * Seconds for a Spark job of {@code tasks} tasks that do nothing (each returns one number),
     * submitted as an epoch's job is ({@link PartitionJob}): what scheduling, launching and
     * finishing a training epoch's job costs on this machine whatever runs in it.
     */
    static Timing emptyJob(SparkSession spark, int tasks, int warmUps, int repeats) {
        JavaRDD<Integer> rdd = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(java.util.stream.IntStream.range(0, tasks).boxed().toList(), tasks);
        PartitionJob.Task<Integer, Integer> nothing = (partition, rows) -> partition;
        return Timing.seconds(warmUps, repeats,
                () -> PartitionJob.run(rdd, nothing, Integer.class));
    }

    /** Test accuracy of a classifier, mean squared error of a regressor ({@link SystemResult}). */
    static double testMetric(Model<?> model, Dataset<Row> test) {
        return model instanceof ClassificationModel<?, ?> ? accuracy(model, test)
                : mse(model, test);
    }

    /** Mean squared error of a regressor's predictions on {@code test}. */
    static double mse(Model<?> model, Dataset<Row> test) {
        return new RegressionEvaluator().setMetricName("mse").evaluate(model.transform(test));
    }

    static double accuracy(Model<?> model, Dataset<Row> test) {
        Row counts = model.transform(test).agg(
                functions.sum(functions.when(functions.col("prediction")
                        .equalTo(functions.col("label")), 1).otherwise(0)),
                functions.count(functions.lit(1))).first();
        return (double) counts.getLong(0) / counts.getLong(1);
    }
}
