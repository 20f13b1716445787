package io.sparknn.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparknn.ml.NeuralNetClassifier;
import io.sparknn.ml.NeuralNetRegressor;
import io.sparknn.ml.NeuralNetTrainingSummary;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * A no-code trainer for {@code spark-submit}: reads parquet, CSV or libsvm, trains a
 * NeuralNetClassifier or NeuralNetRegressor, prints the per-epoch losses, and writes the model
 * (a PipelineModel), {@code metrics.json} (final losses, test metrics, seconds per epoch) and
 * {@code loss.png} (training and validation loss per epoch). {@code --help} lists the flags; a
 * bad flag prints one line and exits with code 2.
 *
 * <pre>
 * spark-submit --class io.sparknn.examples.TrainCli spark-nn-examples.jar \
 *   --input data.parquet --task classification --features a,b,c --label y --output out/
 * </pre>
 */
public final class TrainCli {
    private TrainCli() {}

    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the CLI; returns the exit code (0 done, 2 bad flags). */
    public static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        TrainOptions options;
        try {
            options = TrainOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("TrainCli: " + e.getMessage() + " (see --help)");
            return 2;
        }
        if (options == null) {
            out.println(TrainOptions.HELP);
            return 0;
        }
        System.setProperty("java.awt.headless", "true");
        SparkSession spark = ExampleSession.start("spark-nn TrainCli");
        try {
            train(spark, options, out);
            return 0;
        } finally {
            spark.stop();
        }
    }

    private static void train(SparkSession spark, TrainOptions o, PrintStream out)
            throws IOException {
        Dataset<Row> data = switch (o.format()) {
            case "csv" -> spark.read().option("header", "true").option("inferSchema", "true")
                    .csv(o.input());
            case "libsvm" -> spark.read().format("libsvm").load(o.input());
            default -> spark.read().parquet(o.input());
        };
        Dataset<Row>[] split =
                data.randomSplit(new double[] {1 - o.testFraction(), o.testFraction()}, o.seed());
        List<PipelineStage> stages = new ArrayList<>();
        String featuresCol = o.featuresCol();
        if (!o.featureColumns().isEmpty()) {
            featuresCol = "features_assembled";
            stages.add(new VectorAssembler().setInputCols(o.featureColumns().toArray(String[]::new))
                    .setOutputCol(featuresCol));
        }
        boolean classification = o.task().equals("classification");
        stages.add(classification
                ? configure(new NeuralNetClassifier(), o, featuresCol)
                : configure(new NeuralNetRegressor(), o, featuresCol));
        PipelineModel model =
                new Pipeline().setStages(stages.toArray(PipelineStage[]::new)).fit(split[0]);
        NeuralNetTrainingSummary summary = summaryOf(model);
        for (int e = 0; e < summary.epochs(); e++) {
            out.printf("Epoch [%d/%d], Loss: %.4f%s%n", e + 1, summary.epochs(),
                    summary.trainingLossHistory()[e],
                    summary.validationLossHistory().length > e
                            ? String.format(", Validation Loss: %.4f",
                                    summary.validationLossHistory()[e])
                            : "");
        }

        Dataset<Row> scored = model.transform(split[1]);
        ObjectMapper json = new ObjectMapper();
        ObjectNode metrics = json.createObjectNode();
        metrics.put("task", o.task());
        metrics.put("epochs", summary.epochs());
        metrics.put("finalTrainingLoss", summary.trainingLossHistory()[summary.epochs() - 1]);
        if (summary.validationLossHistory().length > 0) {
            metrics.put("finalValidationLoss",
                    summary.validationLossHistory()[summary.epochs() - 1]);
        }
        metrics.putPOJO("secondsPerEpoch", summary.epochSeconds());
        metrics.putPOJO("averagingRounds", summary.averagingRounds());
        ObjectNode test = metrics.putObject("test");
        test.put("rows", split[1].count());
        for (String metric : classification ? List.of("accuracy", "f1")
                : List.of("rmse", "mae", "r2")) {
            double value = classification
                    ? new MulticlassClassificationEvaluator().setLabelCol(o.label())
                            .setMetricName(metric).evaluate(scored)
                    : new RegressionEvaluator().setLabelCol(o.label()).setMetricName(metric)
                            .evaluate(scored);
            test.put(metric, value);
            out.printf("Test %s: %.4f%n", metric, value);
        }

        File dir = new File(o.output());
        model.write().overwrite().save(new File(dir, "model").getPath());
        json.writerWithDefaultPrettyPrinter().writeValue(new File(dir, "metrics.json"), metrics);
        BitmapEncoder.saveBitmap(lossChart(summary), new File(dir, "loss").getPath(),
                BitmapEncoder.BitmapFormat.PNG);
        out.println("Wrote " + dir + "/model, metrics.json and loss.png");
    }

    private static <E extends io.sparknn.ml.param.NeuralNetEstimatorParams<E>> E configure(
            E estimator, TrainOptions o, String featuresCol) {
        estimator.set(estimator.getParam("featuresCol"), featuresCol);
        estimator.set(estimator.getParam("labelCol"), o.label());
        return estimator.setHiddenLayers(o.hidden()).setEpochs(o.epochs())
                .setBatchSize(o.batchSize()).setOptimizer(o.optimizer())
                .setLearningRate(o.learningRate()).setValidationFraction(o.validationFraction())
                .setNumWorkers(o.workers()).setAveragingInterval(o.averagingInterval())
                .setSeed(o.seed());
    }

    private static NeuralNetTrainingSummary summaryOf(PipelineModel model) {
        Object last = model.stages()[model.stages().length - 1];
        return last instanceof io.sparknn.ml.NeuralNetClassificationModel c ? c.summary()
                : ((io.sparknn.ml.NeuralNetRegressionModel) last).summary();
    }

    private static XYChart lossChart(NeuralNetTrainingSummary summary) {
        double[] epochs = IntStream.rangeClosed(1, summary.epochs()).asDoubleStream().toArray();
        XYChart chart = new XYChartBuilder().width(800).height(500)
                .title("Loss per epoch").xAxisTitle("epoch").yAxisTitle("loss").build();
        chart.addSeries("training", epochs, summary.trainingLossHistory());
        if (summary.validationLossHistory().length > 0) {
            chart.addSeries("validation", epochs, summary.validationLossHistory());
        }
        return chart;
    }
}
