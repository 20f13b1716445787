package io.sparknn.ml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Models saved by one Spark line for the other to load ({@link CrossLinePersistenceTest}): a
 * NeuralNetClassificationModel and a PipelineModel (StandardScaler, NeuralNetRegressor) fitted on
 * the bundled digits, and what they predict for the first 30 rows, under
 * {@code src/test/resources/io/sparknn/ml/lines/spark-LINE/}. Run on each line to make them:
 *
 * <pre>
 * java -cp ... io.sparknn.ml.SavedByLine spark-nn/src/test/resources/io/sparknn/ml/lines
 * </pre>
 */
public final class SavedByLine {
    static final int ROWS = 30;

    private SavedByLine() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]).resolve(lineOf(SparkTestSession.get().version()));
        Dataset<Row> digits = TestData.digits();
        NeuralNetClassificationModel classifier = new NeuralNetClassifier().setHiddenLayers(16)
                .setEpochs(3).setSeed(1).fit(digits);
        PipelineModel pipeline = new Pipeline().setStages(new PipelineStage[] {
            new StandardScaler().setInputCol("features").setOutputCol("scaled"),
            new NeuralNetRegressor().setFeaturesCol("scaled").setHiddenLayers(8).setEpochs(2)
                    .setSeed(2)
        }).fit(digits);
        classifier.write().overwrite().save(out.resolve("classifier").toString());
        pipeline.write().overwrite().save(out.resolve("pipeline").toString());
        Files.write(out.resolve("predictions.txt"), predictions(classifier, pipeline, digits),
                StandardCharsets.UTF_8);
        // Hadoop's checksum side files are not part of a saved model's format.
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".crc"))
                    .toList()) {
                Files.delete(f);
            }
        }
        SparkTestSession.get().stop();
    }

    /** {@code spark-3.5} or {@code spark-4}: the line of Spark {@code version}. */
    static String lineOf(String version) {
        return version.startsWith("3.") ? "spark-3.5" : "spark-4";
    }

    /**
     * One line per row of the first {@link #ROWS}: the classifier's probabilities, then the
     * pipeline's prediction, each value as Java prints a double (exactly).
     */
    static List<String> predictions(NeuralNetClassificationModel classifier,
            PipelineModel pipeline, Dataset<Row> digits) {
        Dataset<Row> rows = digits.limit(ROWS);
        List<Row> probabilities = classifier.transform(rows).select("probability")
                .collectAsList();
        List<Row> predictions = pipeline.transform(rows).select("prediction").collectAsList();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < probabilities.size(); i++) {
            StringBuilder line = new StringBuilder();
            for (double p : ((Vector) probabilities.get(i).get(0)).toArray()) {
                line.append(p).append(',');
            }
            lines.add(line.append(predictions.get(i).getDouble(0)).toString());
        }
        return lines;
    }
}
