package io.sparknn.bench;

import io.sparknn.ml.NeuralNetTrainingSummary;
import org.apache.spark.ml.Model;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/** spark-nn's numbers from its own training summary, and forced inference timings. */
final class SparkNnRunner {
    private SparkNnRunner() {}

    /**
     * Epoch times and losses of a finished fit; the share outside the fit loop is, per epoch,
     * 1 - (slowest task's time in DL4J's fit calls) / (epoch wall time), median over epochs.
     */
    static SystemResult result(String system, NeuralNetTrainingSummary summary, long rows,
            double testAccuracy, String note) {
        double[] seconds = summary.epochSeconds();
        double[] fit = summary.fitLoopSeconds();
        double[] outside = new double[seconds.length];
        for (int e = 0; e < seconds.length; e++) {
            outside[e] = 1 - fit[e] / seconds[e];
        }
        return new SystemResult(system, Timing.of(seconds), rows, Timing.of(outside).median(),
                summary.trainingLossHistory(), testAccuracy, new double[0], note);
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

    static double accuracy(Model<?> model, Dataset<Row> test) {
        Row counts = model.transform(test).agg(
                functions.sum(functions.when(functions.col("prediction")
                        .equalTo(functions.col("label")), 1).otherwise(0)),
                functions.count(functions.lit(1))).first();
        return (double) counts.getLong(0) / counts.getLong(1);
    }
}
