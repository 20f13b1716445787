package io.sparknn.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The training loop end to end: the seed tutorial, digits, validation and early stopping. */
class TrainingLoopTest {

    /** The seed workload: 64 random training rows, 32 validation rows, 10-50-1, SGD. */
    @Test
    void seedWorkloadLowersItsLossAndRecordsEveryEpoch() {
        StructType schema = new StructType(new StructField[] {
            new StructField("features", new VectorUDT(), false, Metadata.empty()),
            new StructField("label", DataTypes.DoubleType, false, Metadata.empty()),
            new StructField("isVal", DataTypes.BooleanType, false, Metadata.empty())
        });
        Random random = new Random(0);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 96; i++) {
            double[] x = new double[10];
            for (int j = 0; j < 10; j++) {
                x[j] = random.nextGaussian();
            }
            rows.add(RowFactory.create(Vectors.dense(x), random.nextGaussian(), i >= 64));
        }
        NeuralNetRegressionModel model = new NeuralNetRegressor()
                .setHiddenLayers(50).setActivation("relu")
                .setOptimizer("sgd").setLearningRate(0.01)
                .setBatchSize(16).setEpochs(100).setSeed(1)
                .setValidationIndicatorCol("isVal")
                .fit(TestData.frame(rows, 2, schema));

        NeuralNetTrainingSummary summary = model.summary();
        double[] loss = summary.trainingLossHistory();
        assertEquals(100, summary.epochs());
        assertEquals(100, loss.length);
        assertEquals(100, summary.validationLossHistory().length);
        assertTrue(loss[99] < loss[0], "loss went from " + loss[0] + " to " + loss[99]);
        for (double v : summary.validationLossHistory()) {
            assertTrue(Double.isFinite(v) && v > 0);
        }
        assertEquals(10, model.numFeatures());
    }

    @Test
    void digitsReachNinetyFivePercentTestAccuracy() throws IOException {
        Dataset<Row>[] split = TestData.digits().randomSplit(new double[] {0.8, 0.2}, 7);
        NeuralNetClassificationModel model = new NeuralNetClassifier()
                .setHiddenLayers(128).setLearningRate(0.005).setEpochs(30).setSeed(3)
                .fit(split[0]);
        double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy")
                .evaluate(model.transform(split[1]));
        System.out.printf("digits test accuracy %.4f, %.3f s/epoch%n", accuracy,
                java.util.Arrays.stream(model.summary().epochSeconds()).average().orElse(0));
        assertTrue(accuracy >= 0.95, "test accuracy " + accuracy);
        assertEquals(10, model.numClasses());
        assertEquals(64, model.numFeatures());
    }

    @Test
    void validationFractionHoldsOutRowsAndReportsTheirLoss() {
        NeuralNetRegressionModel model = new NeuralNetRegressor().setHiddenLayers(8)
                .setEpochs(3).setValidationFraction(0.25).setSeed(5)
                .fit(TestData.frame(TestData.regressionRows(200, 3, 1), 2));
        NeuralNetTrainingSummary summary = model.summary();
        assertEquals(3, summary.validationLossHistory().length);
        List<Row> history = summary.history().orderBy("epoch").collectAsList();
        assertEquals(3, history.size());
        for (int e = 0; e < 3; e++) {
            Row row = history.get(e);
            assertEquals(e + 1, row.getInt(0));
            assertEquals(summary.trainingLossHistory()[e], row.getDouble(1));
            assertEquals(summary.validationLossHistory()[e], row.getDouble(2));
            assertEquals(summary.epochSeconds()[e], row.getDouble(3));
            double fitLoop = summary.fitLoopSeconds()[e];
            assertTrue(fitLoop > 0 && fitLoop < summary.epochSeconds()[e],
                    "fit loop " + fitLoop + " s within the epoch's " + summary.epochSeconds()[e]);
        }
    }

    @Test
    void theValidationLossIsTheReturnedModelsLossOnTheValidationRows() {
        // Two workers: the next epoch starts past their average (outerLearningRate 2), but the
        // average is the model that is validated and returned.
        Dataset<Row> frame = TestData.frame(TestData.regressionRows(200, 3, 2), 2)
                .withColumn("isValidation",
                        functions.expr("monotonically_increasing_id() % 4 = 0"));
        NeuralNetRegressionModel model = new NeuralNetRegressor().setHiddenLayers(8)
                .setEpochs(3).setValidationIndicatorCol("isValidation").setSeed(5).fit(frame);
        double mse = new RegressionEvaluator().setMetricName("mse")
                .evaluate(model.transform(frame.filter("isValidation")));
        double[] validation = model.summary().validationLossHistory();
        assertEquals(mse, validation[2], 1e-5 * mse);
    }

    @Test
    void earlyStoppingKeepsTheBestEpochsParameters() {
        // A large learning rate on pure-noise targets makes the validation loss rise soon.
        List<Row> rows = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < 120; i++) {
            rows.add(RowFactory.create(Vectors.dense(random.nextGaussian(), random.nextGaussian()),
                    random.nextGaussian()));
        }
        NeuralNetRegressor estimator = new NeuralNetRegressor().setHiddenLayers(64)
                .setLearningRate(0.05).setEpochs(60).setValidationFraction(0.3)
                .setEarlyStoppingPatience(3).setSeed(2);
        NeuralNetRegressionModel model = estimator.fit(TestData.frame(rows, 2));
        NeuralNetTrainingSummary summary = model.summary();
        double[] validation = summary.validationLossHistory();
        int best = summary.bestEpoch();
        assertTrue(summary.epochs() < 60, "stopped after " + summary.epochs() + " epochs");
        assertEquals(best + 3, summary.epochs());
        for (double v : validation) {
            assertTrue(validation[best - 1] <= v);
        }
        // The model holds the best epoch: a fit that stops at that epoch gives the same network.
        NeuralNetRegressionModel atBest = estimator.copy(new org.apache.spark.ml.param.ParamMap())
                .setEarlyStoppingPatience(0).setEpochs(best).fit(TestData.frame(rows, 2));
        assertArrayEquals(Dl4jReference.params(atBest.network()),
                Dl4jReference.params(model.network()), 0.0);
    }
}
