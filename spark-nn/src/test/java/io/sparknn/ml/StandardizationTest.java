package io.sparknn.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StandardScalerModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The standardization param: training on standardized features out of the box, a fitted model
 * that is an ordinary network on the raw features, and the statistics it used.
 */
class StandardizationTest {

    private static double accuracy(org.apache.spark.ml.Model<?> model, Dataset<Row> test) {
        return new MulticlassClassificationEvaluator().setMetricName("accuracy")
                .evaluate(model.transform(test));
    }

    @Test
    void breastCancerTrainsAsWellAsLogisticRegressionWithDefaultParams() throws Exception {
        Dataset<Row> data = TestData.breastCancer();
        double nn = 0;
        double lr = 0;
        double raw = 0;
        StringBuilder table = new StringBuilder();
        for (long seed : new long[] {1, 2, 3}) {
            Dataset<Row>[] split = data.randomSplit(new double[] {0.8, 0.2}, seed);
            double a = accuracy(new NeuralNetClassifier().setEpochs(30).fit(split[0]), split[1]);
            double b = accuracy(new LogisticRegression().fit(split[0]), split[1]);
            double c = accuracy(new NeuralNetClassifier().setEpochs(30)
                    .setStandardization(false).fit(split[0]), split[1]);
            table.append(String.format(Locale.ROOT, "split %d: spark-nn %.4f, logistic"
                    + " regression %.4f, spark-nn on raw features %.4f%n", seed, a, b, c));
            nn += a / 3;
            lr += b / 3;
            raw += c / 3;
        }
        System.out.print(table);
        assertTrue(nn >= lr, String.format(Locale.ROOT, "mean %.4f vs %.4f%n%s", nn, lr, table));
        assertTrue(nn > raw, table.toString());
    }

    @Test
    void theFittedModelIsAPlainDl4jNetworkOnTheRawFeatures(@TempDir Path dir) throws Exception {
        Dataset<Row> data = TestData.breastCancer();
        NeuralNetClassificationModel model = new NeuralNetClassifier().setEpochs(5).fit(data);
        String path = dir.resolve("model").toString();
        model.write().save(path);
        MultiLayerNetwork plain = ModelSerializer.restoreMultiLayerNetwork(
                new File(path, "data/network.zip"), false);
        List<Row> scored = model.transform(data).select("features", "probability")
                .collectAsList();
        for (Row row : scored) {
            double[] x = ((Vector) row.get(0)).toArray();
            double[] expected = ((Vector) row.get(1)).toArray();
            double[] actual = plain.output(Nd4j.create(x).castTo(DataType.FLOAT)
                    .reshape(1, x.length), false).castTo(DataType.DOUBLE).toDoubleVector();
            assertArrayEquals(expected, actual, 1e-5);
        }
    }

    @Test
    void theSummaryHoldsTheStatisticsStandardScalerComputes() throws Exception {
        Dataset<Row> data = TestData.breastCancer();
        NeuralNetClassificationModel model = new NeuralNetClassifier().setEpochs(1).fit(data);
        StandardScalerModel scaler = new StandardScaler().setInputCol("features")
                .setWithMean(true).fit(data);
        double[] mean = model.summary().featureMean();
        double[] std = model.summary().featureStd();
        double[] mllibMean = scaler.mean().toArray();
        double[] mllibStd = scaler.std().toArray();
        assertEquals(30, mean.length);
        for (int j = 0; j < 30; j++) {
            // Ours are of the float32 values the network sees.
            assertEquals(mllibMean[j], mean[j], 1e-6 * Math.abs(mllibMean[j]) + 1e-9);
            assertEquals(mllibStd[j], std[j], 1e-6 * mllibStd[j] + 1e-9);
        }
        assertEquals(0, new NeuralNetClassifier().setEpochs(1).setStandardization(false)
                .fit(data).summary().featureMean().length);
    }
}
