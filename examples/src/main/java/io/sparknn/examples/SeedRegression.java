package io.sparknn.examples;

import io.sparknn.ml.NeuralNetRegressionModel;
import io.sparknn.ml.NeuralNetRegressor;
import io.sparknn.ml.NeuralNetTrainingSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The classic deep-learning tutorial, on Spark: a 10-50-1 ReLU network, MSE, SGD with learning
 * rate 0.01, batches of 16, 64 random training rows and 32 validation rows, 100 epochs; then the
 * model is saved, loaded back, and shown to predict the same values.
 *
 * <pre>
 * spark-submit --class io.sparknn.examples.SeedRegression spark-nn-examples.jar [MODEL_DIR]
 * </pre>
 */
public final class SeedRegression {
    private SeedRegression() {}

    public static void main(String[] args) throws IOException {
        String modelDir = args.length > 0 ? args[0]
                : Files.createTempDirectory("seed-regression").resolve("model").toString();
        SparkSession spark = ExampleSession.start("spark-nn seed regression");
        try {
            Dataset<Row> data = randomRows(spark);
            NeuralNetRegressionModel model = new NeuralNetRegressor()
                    .setHiddenLayers(50).setActivation("relu")
                    .setOptimizer("sgd").setLearningRate(0.01)
                    .setBatchSize(16).setEpochs(100).setSeed(42)
                    .setValidationIndicatorCol("isValidation")
                    .fit(data);
            NeuralNetTrainingSummary summary = model.summary();
            for (int epoch = 10; epoch <= summary.epochs(); epoch += 10) {
                System.out.printf(Locale.ROOT, "Epoch [%d/%d], Loss: %.4f, Validation Loss: %.4f%n",
                        epoch, summary.epochs(), summary.trainingLossHistory()[epoch - 1],
                        summary.validationLossHistory()[epoch - 1]);
            }

            model.write().overwrite().save(modelDir);
            NeuralNetRegressionModel loaded = NeuralNetRegressionModel.load(modelDir);
            List<Row> before = model.transform(data).select("prediction").collectAsList();
            List<Row> after = loaded.transform(data).select("prediction").collectAsList();
            System.out.println("Saved to " + modelDir + "; first predictions before/after"
                    + " loading:");
            for (int i = 0; i < 3; i++) {
                System.out.printf(Locale.ROOT, "  %.6f  %.6f%n", before.get(i).getDouble(0),
                        after.get(i).getDouble(0));
            }
            System.out.println(before.equals(after)
                    ? "The loaded model predicts the same values."
                    : "The loaded model predicts DIFFERENT values.");
        } finally {
            spark.stop();
        }
    }

    /** 64 training and 32 validation rows: 10 standard-normal features, a normal target. */
    static Dataset<Row> randomRows(SparkSession spark) {
        Random random = new Random(0);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 96; i++) {
            double[] x = new double[10];
            for (int j = 0; j < x.length; j++) {
                x[j] = random.nextGaussian();
            }
            rows.add(RowFactory.create(Vectors.dense(x), random.nextGaussian(), i >= 64));
        }
        StructType schema = new StructType(new StructField[] {
            new StructField("features", new VectorUDT(), false, Metadata.empty()),
            new StructField("label", DataTypes.DoubleType, false, Metadata.empty()),
            new StructField("isValidation", DataTypes.BooleanType, false, Metadata.empty())
        });
        return spark.createDataFrame(rows, schema);
    }
}
