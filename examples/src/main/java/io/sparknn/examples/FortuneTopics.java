package io.sparknn.examples;

import io.sparknn.ml.NeuralNetClassificationModel;
import io.sparknn.ml.NeuralNetClassifier;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.ml.feature.StopWordsRemover;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Text classification on sparse features: which of eight topics a fortune (Debian's {@code
 * fortunes} package) comes from, through Spark's own text pipeline, tokenizer -> stop words ->
 * HashingTF (262,144 features, about 20 nonzero a fortune) -> IDF -> NeuralNetClassifier,
 * next to MLlib's LogisticRegression on the same features and split. The rows stay sparse all
 * the way into the network's first layer.
 *
 * <pre>
 * apt-get install fortunes
 * spark-submit --class io.sparknn.examples.FortuneTopics ... [FORTUNES_DIR] [EPOCHS] [HIDDEN]
 * </pre>
 */
public final class FortuneTopics {
    /** Where Debian's fortunes package puts its files. */
    public static final String DEBIAN_DIR = "/usr/share/games/fortunes";
    /** Topics whose words differ; each file is one topic. */
    static final List<String> TOPICS = List.of("computers", "politics", "science",
            "songs-poems", "startrek", "law", "food", "sports");

    private FortuneTopics() {}

    public static void main(String[] args) throws Exception {
        String dir = args.length > 0 ? args[0] : DEBIAN_DIR;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int hidden = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        SparkSession spark = ExampleSession.start("spark-nn fortune topics");
        try {
            Dataset<Row>[] split = load(spark, dir).randomSplit(new double[] {0.8, 0.2}, 7);
            Dataset<Row> train = split[0].cache();
            Dataset<Row> test = split[1].cache();
            System.out.printf(Locale.ROOT, "Fortunes: %d training, %d test, %d topics%n",
                    train.count(), test.count(), TOPICS.size());
            PipelineStage[] text = {
                new StringIndexer().setInputCol("topic").setOutputCol("label"),
                new RegexTokenizer().setInputCol("text").setOutputCol("words")
                        .setPattern("[^a-z']+"),
                new StopWordsRemover().setInputCol("words").setOutputCol("terms"),
                new HashingTF().setInputCol("terms").setOutputCol("tf"),
                new IDF().setInputCol("tf").setOutputCol("features")
            };
            MulticlassClassificationEvaluator accuracy =
                    new MulticlassClassificationEvaluator().setMetricName("accuracy");
            long start = System.nanoTime();
            PipelineModel nn = new Pipeline().setStages(with(text, new NeuralNetClassifier()
                    .setHiddenLayers(hidden).setEpochs(epochs).setSeed(7))).fit(train);
            double[] losses = ((NeuralNetClassificationModel) nn.stages()[text.length])
                    .summary().trainingLossHistory();
            System.out.printf(Locale.ROOT, "NeuralNetClassifier test accuracy: %.4f (fit %.1f"
                    + " s, last training loss %.4f)%n", accuracy.evaluate(nn.transform(test)),
                    seconds(start), losses[losses.length - 1]);
            start = System.nanoTime();
            PipelineModel lr = new Pipeline().setStages(with(text, new LogisticRegression()))
                    .fit(train);
            System.out.printf(Locale.ROOT, "LogisticRegression test accuracy: %.4f (fit %.1f"
                    + " s)%n", accuracy.evaluate(lr.transform(test)), seconds(start));
        } finally {
            spark.stop();
        }
    }

    /**
     * One row per fortune ({@code text}, {@code topic}): each topic's file holds fortunes
     * separated by lines of a single {@code %}.
     */
    static Dataset<Row> load(SparkSession spark, String dir) throws FileNotFoundException {
        Dataset<Row> all = null;
        for (String topic : TOPICS) {
            Path file = Path.of(dir, topic);
            if (!Files.isRegularFile(file)) {
                throw new FileNotFoundException(file + " not found: install Debian's fortunes"
                        + " (apt-get install fortunes) or pass the directory of its files.");
            }
            Dataset<Row> fortunes = spark.read().option("lineSep", "\n%\n")
                    .text(file.toString())
                    .select(functions.lower(functions.col("value")).as("text"),
                            functions.lit(topic).as("topic"))
                    .filter(functions.length(functions.trim(functions.col("text"))).gt(0));
            all = all == null ? fortunes : all.union(fortunes);
        }
        return all;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static PipelineStage[] with(PipelineStage[] stages, PipelineStage last) {
        PipelineStage[] all = Arrays.copyOf(stages, stages.length + 1);
        all[stages.length] = last;
        return all;
    }
}
