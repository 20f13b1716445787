package io.sparknn.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.Params;
import org.junit.jupiter.api.Test;

/** The conventions MLlib's own test utilities check, for all four stages. */
class StageConventionsTest {
    private static final Set<String> SHARED = Set.of("hiddenLayers", "activation", "optimizer",
            "learningRate", "l2", "epochs", "batchSize", "inferenceBatchSize", "seed",
            "validationIndicatorCol", "validationFraction", "earlyStoppingPatience",
            "outerLearningRate", "numWorkers", "averagingInterval", "featuresCol", "labelCol",
            "predictionCol");

    private static NeuralNetClassificationModel classificationModel() {
        return new NeuralNetClassifier().setHiddenLayers(3).setEpochs(1)
                .fit(TestData.frame(TestData.classificationRows(30, 2, 2, 1), 1));
    }

    private static NeuralNetRegressionModel regressionModel() {
        return new NeuralNetRegressor().setHiddenLayers(3).setEpochs(1)
                .fit(TestData.frame(TestData.regressionRows(30, 2, 1), 1));
    }

    @Test
    void allStagesHaveWellFormedParams() {
        for (Params stage : List.<Params>of(new NeuralNetClassifier(), new NeuralNetRegressor(),
                classificationModel(), regressionModel())) {
            MlConformance.checkParams(stage);
            List<String> names = Arrays.stream(stage.params()).map(Param::name).toList();
            assertTrue(names.containsAll(SHARED), "missing: " + SHARED.stream()
                    .filter(n -> !names.contains(n)).collect(Collectors.toSet()));
        }
        assertTrue(List.of(new NeuralNetClassifier().params()).stream()
                .anyMatch(p -> p.name().equals("network")));
        assertTrue(List.of(new NeuralNetClassifier().params()).stream()
                .anyMatch(p -> p.name().equals("thresholds")));
    }

    @Test
    void uidConstructorsArePublicAndKeepTheUid() throws Exception {
        for (Class<?> c : List.of(NeuralNetClassifier.class, NeuralNetRegressor.class,
                NeuralNetClassificationModel.class, NeuralNetRegressionModel.class)) {
            var constructor = c.getConstructor(String.class);
            assertTrue(Modifier.isPublic(constructor.getModifiers()));
            Params stage = (Params) constructor.newInstance("fixed-uid");
            assertEquals("fixed-uid", stage.uid());
            for (Param<?> p : stage.params()) {
                assertEquals("fixed-uid", p.parent());
            }
        }
    }

    @Test
    void modelsTakeTheirEstimatorsUidAndParams() {
        NeuralNetClassifier estimator = new NeuralNetClassifier().setHiddenLayers(5)
                .setEpochs(2).setLearningRate(0.01).setPredictionCol("guess");
        NeuralNetClassificationModel model =
                estimator.fit(TestData.frame(TestData.classificationRows(30, 2, 2, 1), 1));
        assertEquals(estimator.uid(), model.uid());
        assertEquals(estimator, model.parent());
        assertArrayEquals(new int[] {5}, model.getHiddenLayers());
        assertEquals(2, model.getEpochs());
        assertEquals(0.01, model.getLearningRate());
        assertEquals("guess", model.getPredictionCol());
        assertTrue(model.transform(TestData.frame(TestData.classificationRows(3, 2, 2, 2), 1))
                .columns().length == 5);
    }

    @Test
    void copyKeepsUidAndValuesAndAppliesExtras() {
        NeuralNetRegressor estimator = new NeuralNetRegressor().setEpochs(7);
        NeuralNetRegressor copy = estimator.copy(new ParamMap().put(estimator.batchSize(), 8));
        assertEquals(estimator.uid(), copy.uid());
        assertEquals(7, copy.getEpochs());
        assertEquals(8, copy.getBatchSize());
        assertEquals(32, estimator.getBatchSize());
        NeuralNetRegressionModel model = regressionModel();
        NeuralNetRegressionModel modelCopy =
                model.copy(new ParamMap().put(model.predictionCol(), "p"));
        assertEquals(model.uid(), modelCopy.uid());
        assertEquals("p", modelCopy.getPredictionCol());
        assertEquals(model.numFeatures(), modelCopy.numFeatures());
    }

    @Test
    void invalidValuesAreRejectedWhenSet() {
        NeuralNetClassifier c = new NeuralNetClassifier();
        assertThrows(IllegalArgumentException.class, () -> c.setEpochs(0));
        assertThrows(IllegalArgumentException.class, () -> c.setBatchSize(0));
        assertThrows(IllegalArgumentException.class, () -> c.setLearningRate(0));
        assertThrows(IllegalArgumentException.class, () -> c.setL2(-1));
        assertThrows(IllegalArgumentException.class, () -> c.setOptimizer("lbfgs"));
        assertThrows(IllegalArgumentException.class, () -> c.setActivation("wiggle"));
        assertThrows(IllegalArgumentException.class, () -> c.setHiddenLayers(8, 0));
        assertThrows(IllegalArgumentException.class, () -> c.setValidationFraction(1.0));
        assertThrows(IllegalArgumentException.class, () -> c.setEarlyStoppingPatience(-1));
        assertThrows(IllegalArgumentException.class, () -> c.setNumWorkers(-2));
        assertThrows(IllegalArgumentException.class, () -> c.setOuterLearningRate(0));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> c.setNetwork("{not json"));
        assertTrue(e.getMessage().contains("network"));
        // Nothing above changed the defaults.
        assertEquals(10, c.getEpochs());
        assertEquals(32, c.getBatchSize());
        assertEquals("adam", c.getOptimizer());
        assertArrayEquals(new int[] {64}, c.getHiddenLayers());
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        NeuralNetRegressor r = new NeuralNetRegressor();
        assertArrayEquals(new int[] {64}, r.getHiddenLayers());
        assertEquals("relu", r.getActivation());
        assertEquals("adam", r.getOptimizer());
        assertEquals(1e-3, r.getLearningRate());
        assertEquals(0.0, r.getL2());
        assertEquals(10, r.getEpochs());
        assertEquals(32, r.getBatchSize());
        assertEquals(0.0, r.getValidationFraction());
        assertEquals(0, r.getEarlyStoppingPatience());
        assertEquals(2.0, r.getOuterLearningRate());
        assertEquals(0, r.getNumWorkers());
        assertEquals("", r.getNetwork());
        assertFalse(r.isDefined(r.validationIndicatorCol()));
    }

    @Test
    void modelsWithoutANetworkSayWhy() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new NeuralNetRegressionModel("m").transform(
                        TestData.frame(TestData.regressionRows(2, 2, 1), 1)));
        assertTrue(e.getMessage().contains("no trained network"));
        assertThrows(IllegalStateException.class, () -> new NeuralNetRegressionModel("m").summary());
        assertFalse(new NeuralNetClassificationModel("m").hasSummary());
    }
}
