package io.sparknn.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.apache.spark.ml.param.ParamsSuite$;
import org.apache.spark.ml.util.MLTestingUtils$;
import org.junit.jupiter.api.Test;
import scala.runtime.BoxedUnit;

/**
 * MLlib's own test utilities, from its test jar, run on spark-nn's stages as a project built on
 * MLlib runs them on its own: every numeric label type trains the same model and a string label
 * fails with MLlib's message (MLTestingUtils.checkNumericTypes), params pass
 * ParamsSuite.checkParams, and a fitted model keeps its estimator's uid
 * (MLTestingUtils.checkCopyAndUids).
 */
class MllibTestUtilitiesTest {

    @Test
    void theClassifierPassesMllibsChecks() {
        NeuralNetClassifier classifier = new NeuralNetClassifier().setHiddenLayers(3)
                .setEpochs(2).setSeed(5);
        MLTestingUtils$.MODULE$.checkNumericTypes(classifier, SparkTestSession.get(), true,
                (NeuralNetClassificationModel expected, NeuralNetClassificationModel actual) -> {
                    assertArrayEquals(Dl4jReference.params(expected.network()),
                            Dl4jReference.params(actual.network()), 0.0);
                    return BoxedUnit.UNIT;
                });
        ParamsSuite$.MODULE$.checkParams(classifier);
        NeuralNetClassificationModel model = classifier.fit(
                TestData.frame(TestData.classificationRows(30, 3, 2, 1), 2));
        ParamsSuite$.MODULE$.checkParams(model);
        MLTestingUtils$.MODULE$.checkCopyAndUids(classifier, model);
    }

    @Test
    void theRegressorPassesMllibsChecks() {
        NeuralNetRegressor regressor = new NeuralNetRegressor().setHiddenLayers(3).setEpochs(2)
                .setSeed(5);
        MLTestingUtils$.MODULE$.checkNumericTypes(regressor, SparkTestSession.get(), false,
                (NeuralNetRegressionModel expected, NeuralNetRegressionModel actual) -> {
                    assertArrayEquals(Dl4jReference.params(expected.network()),
                            Dl4jReference.params(actual.network()), 0.0);
                    return BoxedUnit.UNIT;
                });
        ParamsSuite$.MODULE$.checkParams(regressor);
        NeuralNetRegressionModel model = regressor.fit(
                TestData.frame(TestData.regressionRows(30, 3, 1), 2));
        ParamsSuite$.MODULE$.checkParams(model);
        MLTestingUtils$.MODULE$.checkCopyAndUids(regressor, model);
    }
}
