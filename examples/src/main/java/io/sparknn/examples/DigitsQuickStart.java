package io.sparknn.examples;

import io.sparknn.ml.NeuralNetClassificationModel;
import io.sparknn.ml.NeuralNetClassifier;
import io.sparknn.ml.NeuralNetTrainingSummary;
import java.util.Arrays;
import java.util.Locale;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.MinMaxScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The Quick start job: trains a neural network classifier on the bundled UCI digits (1797 8x8
 * images, 64 pixel columns and a label) with a validation loss every epoch, then prints the test
 * accuracy.
 *
 * <pre>
 * mvn -q -DskipTests -pl examples -am package exec:exec          # local[*]
 * spark-submit --class io.sparknn.examples.DigitsQuickStart ... data/digits.csv.gz [model-dir]
 * </pre>
 */
public final class DigitsQuickStart {
    private DigitsQuickStart() {}

    public static void main(String[] args) {
        String path = args.length > 0 ? args[0] : "data/digits.csv.gz";
        String modelPath = args.length > 1 ? args[1] : null;
        SparkSession spark = ExampleSession.start("spark-nn digits quick start");
        try {
            run(spark, path, modelPath);
        } finally {
            spark.stop();
        }
    }

    /** Trains, prints the losses and test accuracy, and saves the PipelineModel if asked. */
    public static double run(SparkSession spark, String path, String modelPath) {
        // 64 pixel columns (_c0.._c63, values 0-16) and the digit in _c64; Spark reads gzip.
        Dataset<Row>[] split = split(spark, path);
        String[] pixels = new String[64];
        Arrays.setAll(pixels, i -> "_c" + i);

        NeuralNetClassifier classifier = new NeuralNetClassifier()
                .setFeaturesCol("scaled")
                .setHiddenLayers(128)
                .setLearningRate(0.005)
                .setEpochs(20)
                .setNumWorkers(2)
                .setBatchSize(32)
                .setValidationFraction(0.1)
                .setSeed(3);
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
            new VectorAssembler().setInputCols(pixels).setOutputCol("pixels"),
            new MinMaxScaler().setInputCol("pixels").setOutputCol("scaled"),
            classifier
        });
        long start = System.nanoTime();
        PipelineModel model = pipeline.fit(split[0]);
        double fitSeconds = (System.nanoTime() - start) / 1e9;

        double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy")
                .evaluate(model.transform(split[1]));
        NeuralNetTrainingSummary summary =
                ((NeuralNetClassificationModel) model.stages()[2]).summary();
        System.out.println();
        System.out.println("epoch  training loss  validation loss  seconds");
        for (int e = 0; e < summary.epochs(); e++) {
            System.out.printf(Locale.ROOT, "%5d  %13.4f  %15.4f  %7.3f%n", e + 1,
                    summary.trainingLossHistory()[e], summary.validationLossHistory()[e],
                    summary.epochSeconds()[e]);
        }
        System.out.printf(Locale.ROOT, "%nTest accuracy: %.4f (%d test rows)%n", accuracy,
                split[1].count());
        System.out.printf(Locale.ROOT, "Fit: %.1f s, %.3f s per epoch on %s%n", fitSeconds,
                Arrays.stream(summary.epochSeconds()).average().orElse(0),
                spark.sparkContext().master());
        if (!spark.sparkContext().isLocal()) {
            // The status tracker lists the driver too.
            System.out.println("Executors: "
                    + (spark.sparkContext().statusTracker().getExecutorInfos().length - 1));
        }
        if (modelPath != null) {
            try {
                model.write().overwrite().save(modelPath);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            System.out.println("Saved the PipelineModel to " + modelPath);
        }
        return accuracy;
    }

    /** The 80/20 split the job trains and tests on (seeded, so the same on any cluster). */
    public static Dataset<Row>[] split(SparkSession spark, String path) {
        return spark.read().option("inferSchema", "true").csv(path)
                .withColumn("label", functions.col("_c64").cast("double"))
                .randomSplit(new double[] {0.8, 0.2}, 7);
    }
}
