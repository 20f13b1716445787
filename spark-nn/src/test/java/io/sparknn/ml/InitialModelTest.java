package io.sparknn.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting from a fitted model's weights, and models built around DL4J networks. */
class InitialModelTest {
    private static final Dataset<Row> DATA =
            TestData.frame(TestData.classificationRows(120, 3, 3, 2), 2);

    private static NeuralNetClassifier estimator() {
        return new NeuralNetClassifier().setHiddenLayers(7).setSeed(31).setLearningRate(0.02);
    }

    @Test
    void trainingStartsFromTheInitialModelsWeights() {
        NeuralNetClassificationModel first = estimator().setEpochs(3).fit(DATA);
        // A vanishing learning rate leaves the starting point where it was.
        NeuralNetClassificationModel continued = estimator().setEpochs(1).setLearningRate(1e-12)
                .setInitialModel(first).fit(DATA);
        NeuralNetClassificationModel fresh = estimator().setEpochs(1).setLearningRate(1e-12)
                .fit(DATA);
        double[] start = Dl4jReference.params(first.network());
        assertArrayEquals(start, Dl4jReference.params(continued.network()), 1e-6);
        assertTrue(ParameterAveragingTest.maxAbsDifference(start,
                Dl4jReference.params(fresh.network())) > 1e-2);
        // Same optimizer: Adam's iteration count continues.
        assertTrue(continued.network().getIterationCount()
                > first.network().getIterationCount());
    }

    @Test
    void rejectsAnInitialModelOfAnotherArchitecture() {
        NeuralNetClassificationModel small = estimator().setEpochs(1).fit(DATA);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> estimator().setHiddenLayers(9).setInitialModel(small).setEpochs(1)
                        .fit(DATA));
        assertTrue(e.getMessage().contains("initialModel"), e.getMessage());
    }

    @Test
    void rejectsAnInitialModelWithAsManyParametersInOtherLayers() {
        // 3-8-16-3 and 3-16-8-3 both have 243 parameters: they must not load into each other.
        NeuralNetClassificationModel narrowFirst = estimator().setHiddenLayers(8, 16)
                .setEpochs(1).fit(DATA);
        assertEquals(Dl4jReference.params(narrowFirst.network()).length,
                Dl4jReference.params(estimator().setHiddenLayers(16, 8).setEpochs(1).fit(DATA)
                        .network()).length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> estimator().setHiddenLayers(16, 8).setInitialModel(narrowFirst)
                        .setEpochs(1).fit(DATA));
        assertTrue(e.getMessage().contains("layer 0 is a DenseLayer (3 inputs, 8 outputs)")
                && e.getMessage().contains("a DenseLayer (3 inputs, 16 outputs)"),
                e.getMessage());
    }

    @Test
    void anEstimatorSavesAndLoadsItsInitialModel(@TempDir Path dir) throws IOException {
        NeuralNetClassificationModel first = estimator().setEpochs(1).fit(DATA);
        NeuralNetClassifier withStart = estimator().setInitialModel(first);
        NeuralNetClassifier loaded = MlConformance.checkSaveLoad(withStart,
                NeuralNetClassifier::load, dir);
        assertArrayEquals(Dl4jReference.params(first.network()),
                Dl4jReference.params(loaded.getInitialModel().network()), 0.0);
    }

    @Test
    void modelsWrapNetworksTrainedElsewhere(@TempDir Path dir) throws IOException {
        NeuralNetClassificationModel trained = estimator().setEpochs(2).fit(DATA);
        MultiLayerNetwork dl4j = trained.network();
        NeuralNetClassificationModel wrapped = NeuralNetClassificationModel.fromNetwork(dl4j);
        assertEquals(3, wrapped.numFeatures());
        assertEquals(3, wrapped.numClasses());
        List<Row> expected = trained.transform(DATA).select("probability").collectAsList();
        assertEquals(expected, wrapped.transform(DATA).select("probability").collectAsList());
        String path = dir.resolve("wrapped").toString();
        wrapped.write().save(path);
        assertTrue(Files.exists(dir.resolve("wrapped/data/network.zip")));
        assertEquals(expected, NeuralNetClassificationModel.load(path).transform(DATA)
                .select("probability").collectAsList());

        MultiLayerNetwork regression = new NeuralNetRegressor().setHiddenLayers(4).setEpochs(1)
                .fit(TestData.frame(TestData.regressionRows(20, 3, 1), 1)).network();
        assertEquals(3, NeuralNetRegressionModel.fromNetwork(regression).numFeatures());
        assertThrows(IllegalArgumentException.class,
                () -> NeuralNetRegressionModel.fromNetwork(dl4j, 3));
        assertThrows(IllegalArgumentException.class,
                () -> NeuralNetClassificationModel.fromNetwork(dl4j, 5));
    }
}
