"""The four stages from Python: fit, transform, summary, persistence both ways with Java,
pipelines, CrossValidator, a starting model, a DL4J network, and errors."""

import math

import pytest
from pyspark.errors import IllegalArgumentException
from pyspark.ml import Pipeline, PipelineModel
from pyspark.ml.evaluation import MulticlassClassificationEvaluator, RegressionEvaluator
from pyspark.ml.feature import StandardScaler
from pyspark.ml.linalg import Vectors
from pyspark.ml.tuning import CrossValidator, CrossValidatorModel, ParamGridBuilder

from sparknn import (NeuralNetClassificationModel, NeuralNetClassifier, NeuralNetRegressionModel,
                     NeuralNetRegressor)


def _predictions(frame, column="prediction"):
    return [row[0] for row in frame.select(column).collect()]


@pytest.fixture(scope="module")
def split(digits):
    train, test = digits.randomSplit([0.8, 0.2], 7)
    return train.cache(), test.cache()


@pytest.fixture(scope="module")
def classifier_model(split):
    return NeuralNetClassifier(hiddenLayers=[32], epochs=5, learningRate=0.005,
                               validationFraction=0.1, seed=3).fit(split[0])


def test_a_classifier_learns_the_digits(classifier_model, split):
    scored = classifier_model.transform(split[1])
    assert {"rawPrediction", "probability", "prediction"} <= set(scored.columns)
    accuracy = MulticlassClassificationEvaluator(metricName="accuracy").evaluate(scored)
    assert accuracy >= 0.9
    assert classifier_model.numFeatures == 64
    assert classifier_model.numClasses == 10
    assert classifier_model.getEpochs() == 5
    first = split[1].first()
    assert classifier_model.predict(first.features) == _predictions(
        classifier_model.transform(split[1].limit(1)))[0]


def test_the_summary_has_every_epochs_losses(spark, classifier_model):
    assert classifier_model.hasSummary
    summary = classifier_model.summary
    assert summary.epochs == 5
    assert len(summary.trainingLossHistory) == 5
    assert len(summary.validationLossHistory) == 5
    assert summary.trainingLossHistory[-1] < summary.trainingLossHistory[0]
    history = summary.history.orderBy("epoch").collect()
    assert [row.epoch for row in history] == [1, 2, 3, 4, 5]
    assert [row.trainingLoss for row in history] == summary.trainingLossHistory
    assert [row.validationLoss for row in history] == summary.validationLossHistory


def test_the_python_fit_is_the_java_fit(spark, jvm, classifier_model, split):
    hidden = spark.sparkContext._gateway.new_array(jvm.int, 1)
    hidden[0] = 32
    java = jvm.io.sparknn.ml.NeuralNetClassifier()
    java.setHiddenLayers(hidden).setEpochs(5).setLearningRate(0.005).setValidationFraction(0.1) \
        .setSeed(3)
    java_model = java.fit(split[0]._jdf)
    assert list(java_model.summary().trainingLossHistory()) == \
        classifier_model.summary.trainingLossHistory


def test_a_regressor_fits_and_scores(spark):
    rows = [(Vectors.dense([x / 50.0, (x % 7) / 7.0]), 3.0 * x / 50.0 - (x % 7) / 7.0)
            for x in range(200)]
    frame = spark.createDataFrame(rows, ["features", "label"])
    model = NeuralNetRegressor(hiddenLayers=[16], epochs=30, learningRate=0.01, seed=1).fit(frame)
    assert isinstance(model, NeuralNetRegressionModel)
    rmse = RegressionEvaluator(metricName="rmse").evaluate(model.transform(frame))
    mean = sum(label for _, label in rows) / len(rows)
    spread = RegressionEvaluator(metricName="rmse").evaluate(
        frame.selectExpr("features", "label", "CAST(%r AS DOUBLE) AS prediction" % mean))
    assert rmse < spread / 3
    assert model.summary.epochs == 30


def test_models_saved_from_python_load_in_java_and_back(jvm, classifier_model, split, tmp_path):
    path = str(tmp_path / "from-python")
    classifier_model.save(path)
    java_loaded = jvm.io.sparknn.ml.NeuralNetClassificationModel.load(path)
    expected = _predictions(classifier_model.transform(split[1]))
    from pyspark.sql import DataFrame
    java_scored = DataFrame(java_loaded.transform(split[1]._jdf), split[1].sparkSession)
    assert _predictions(java_scored) == expected

    java_path = str(tmp_path / "from-java")
    java_loaded.write().overwrite().save(java_path)
    loaded = NeuralNetClassificationModel.load(java_path)
    assert isinstance(loaded, NeuralNetClassificationModel)
    assert loaded.uid == classifier_model.uid
    assert _predictions(loaded.transform(split[1])) == expected
    assert loaded.summary.trainingLossHistory == classifier_model.summary.trainingLossHistory


def test_estimators_save_and_load_with_their_params(tmp_path):
    estimator = NeuralNetRegressor(hiddenLayers=[7, 3], epochs=4, optimizer="sgd", l2=0.01)
    estimator.save(str(tmp_path / "regressor"))
    loaded = NeuralNetRegressor.load(str(tmp_path / "regressor"))
    assert loaded.uid == estimator.uid
    assert (loaded.getHiddenLayers(), loaded.getEpochs(), loaded.getOptimizer(), loaded.getL2()) \
        == ([7, 3], 4, "sgd", 0.01)


def test_a_pipeline_model_loads_from_python(split, tmp_path):
    pipeline = Pipeline(stages=[
        StandardScaler(inputCol="features", outputCol="scaled"),
        NeuralNetClassifier(featuresCol="scaled", hiddenLayers=[16], epochs=3, seed=5)])
    model = pipeline.fit(split[0])
    path = str(tmp_path / "pipeline")
    model.write().overwrite().save(path)
    loaded = PipelineModel.load(path)
    assert isinstance(loaded.stages[1], NeuralNetClassificationModel)
    assert loaded.stages[1].getFeaturesCol() == "scaled"
    assert _predictions(loaded.transform(split[1])) == _predictions(model.transform(split[1]))


def test_cross_validation_picks_a_model_and_saves(split, tmp_path):
    nn = NeuralNetClassifier(epochs=2, seed=2)
    grid = ParamGridBuilder().addGrid(nn.hiddenLayers, [[4], [32]]).build()
    evaluator = MulticlassClassificationEvaluator(metricName="accuracy")
    cv = CrossValidator(estimator=nn, estimatorParamMaps=grid, evaluator=evaluator, numFolds=2,
                        seed=1)
    model = cv.fit(split[0])
    assert len(model.avgMetrics) == 2
    assert model.avgMetrics[1] > model.avgMetrics[0]
    assert model.bestModel.getHiddenLayers() == [32]
    path = str(tmp_path / "cv")
    model.write().overwrite().save(path)
    loaded = CrossValidatorModel.load(path)
    assert isinstance(loaded.bestModel, NeuralNetClassificationModel)
    assert _predictions(loaded.transform(split[1])) == _predictions(model.transform(split[1]))


def test_training_continues_from_an_initial_model(classifier_model, split):
    more = NeuralNetClassifier(hiddenLayers=[32], epochs=2, learningRate=0.005, seed=3)
    more.setInitialModel(classifier_model)
    assert more.getInitialModel() is classifier_model
    continued = more.fit(split[0])
    # Starting from the trained weights, the first epoch's loss is already near the last one's.
    assert continued.summary.trainingLossHistory[0] < \
        classifier_model.summary.trainingLossHistory[0] / 2


def test_a_dl4j_network_replaces_the_layer_params(jvm, split):
    builder = jvm.org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().seed(4).list()
    dense = jvm.org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nIn(64).nOut(20) \
        .activation(jvm.org.nd4j.linalg.activations.Activation.TANH).build()
    output = jvm.org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(
        jvm.org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MCXENT).nIn(20).nOut(10) \
        .activation(jvm.org.nd4j.linalg.activations.Activation.SOFTMAX).build()
    network = builder.layer(dense).layer(output).build().toJson()
    model = NeuralNetClassifier(network=network, epochs=2).fit(split[0])
    layers = model._java_obj.network().getLayers()
    assert [layer.getParam("W").shape()[1] for layer in layers] == [20, 10]
    assert all(math.isfinite(loss) for loss in model.summary.trainingLossHistory)


def test_java_errors_reach_python_with_their_text(spark, split):
    with pytest.raises(IllegalArgumentException) as missing:
        NeuralNetClassifier(labelCol="digit").fit(split[0])
    assert "digit" in str(missing.value)
    with pytest.raises(IllegalArgumentException) as invalid:
        NeuralNetClassifier(learningRate=-1.0).fit(split[0])
    assert "learningRate" in str(invalid.value)
    nan = spark.createDataFrame([(Vectors.dense([1.0, float("nan")]), 0.0),
                                 (Vectors.dense([0.0, 1.0]), 1.0)], ["features", "label"])
    with pytest.raises(Exception) as bad_value:
        NeuralNetClassifier(epochs=1).fit(nan)
    assert "features" in str(bad_value.value) and "NaN" in str(bad_value.value)
