package io.sparknn.examples;

import io.sparknn.ml.NeuralNetClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.collection.JavaConverters;

/**
 * The bundled digits through a whole MLlib workflow: VectorAssembler -> StandardScaler ->
 * NeuralNetClassifier in a Pipeline, a small CrossValidator grid over hidden layers and learning
 * rate, test accuracy, the confusion matrix, and the PipelineModel saved and loaded.
 *
 * <pre>
 * spark-submit --class io.sparknn.examples.DigitsPipeline ... data/digits.csv.gz [EPOCHS] [DIR]
 * </pre>
 */
public final class DigitsPipeline {
    private DigitsPipeline() {}

    public static void main(String[] args) throws IOException {
        String path = args.length > 0 ? args[0] : "data/digits.csv.gz";
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        String modelDir = args.length > 2 ? args[2]
                : Files.createTempDirectory("digits-pipeline").resolve("model").toString();
        SparkSession spark = ExampleSession.start("spark-nn digits pipeline");
        try {
            Dataset<Row>[] split = DigitsQuickStart.split(spark, path);
            String[] pixels = new String[64];
            Arrays.setAll(pixels, i -> "_c" + i);
            NeuralNetClassifier classifier = new NeuralNetClassifier().setFeaturesCol("scaled")
                    .setEpochs(epochs).setLearningRate(0.005).setSeed(3);
            Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
                new VectorAssembler().setInputCols(pixels).setOutputCol("pixels"),
                new StandardScaler().setInputCol("pixels").setOutputCol("scaled"),
                classifier
            });
            ParamMap[] grid = new ParamGridBuilder()
                    .addGrid(classifier.hiddenLayers(), JavaConverters.iterableAsScalaIterable(
                            List.of(new int[] {32}, new int[] {128})))
                    .addGrid(classifier.learningRate(), new double[] {0.002, 0.01})
                    .build();
            MulticlassClassificationEvaluator accuracy =
                    new MulticlassClassificationEvaluator().setMetricName("accuracy");
            CrossValidatorModel cv = new CrossValidator().setEstimator(pipeline)
                    .setEstimatorParamMaps(grid).setEvaluator(accuracy).setNumFolds(2)
                    .setParallelism(2).setSeed(1).fit(split[0]);
            for (int i = 0; i < grid.length; i++) {
                System.out.printf(Locale.ROOT,
                        "CV accuracy %.4f for hiddenLayers %s, learningRate %s%n",
                        cv.avgMetrics()[i],
                        Arrays.toString(grid[i].apply(classifier.hiddenLayers())),
                        grid[i].apply(classifier.learningRate()));
            }
            PipelineModel best = (PipelineModel) cv.bestModel();
            Dataset<Row> predictions = best.transform(split[1]);
            System.out.printf(Locale.ROOT, "Test accuracy: %.4f%n",
                    accuracy.evaluate(predictions));
            System.out.println("Confusion matrix (rows: label, columns: prediction):");
            predictions.groupBy("label").pivot("prediction").count().na().fill(0)
                    .orderBy("label").show(10, false);

            best.write().overwrite().save(modelDir);
            List<Row> reloaded = PipelineModel.load(modelDir).transform(split[1])
                    .select("prediction").collectAsList();
            System.out.println(reloaded.equals(predictions.select("prediction").collectAsList())
                    ? "Saved to " + modelDir + "; the loaded PipelineModel predicts the same."
                    : "The loaded PipelineModel predicts DIFFERENTLY.");
        } finally {
            spark.stop();
        }
    }
}
