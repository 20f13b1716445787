"""The Python stages have exactly the Java stages' params: names, docs and defaults, as
constructor and setParams keywords, with getters and setters."""

import inspect

import pytest

from sparknn import (NeuralNetClassificationModel, NeuralNetClassifier, NeuralNetRegressionModel,
                     NeuralNetRegressor)

ESTIMATORS = [NeuralNetClassifier, NeuralNetRegressor]
MODELS = [NeuralNetClassificationModel, NeuralNetRegressionModel]


def _python_stage(jvm, cls):
    """A Python stage; its Java stage (``_java_obj``) lives as long as it does."""
    if cls in ESTIMATORS:
        return cls()
    # A model as Spark builds one to load it: from a uid alone.
    return cls(getattr(jvm.io.sparknn.ml, cls.__name__)("a-model"))


def _java_default(java_stage, java_param):
    if not java_stage.hasDefault(java_param):
        return None
    value = java_stage.getDefault(java_param).get()
    return list(value) if hasattr(value, "__len__") and not isinstance(value, str) else value


@pytest.mark.parametrize("cls", ESTIMATORS + MODELS, ids=lambda c: c.__name__)
def test_python_params_are_the_java_params(jvm, cls):
    python = _python_stage(jvm, cls)
    java = python._java_obj
    java_params = {p.name(): p for p in java.params()}
    assert sorted(p.name for p in python.params) == sorted(java_params)
    for param in python.params:
        java_param = java_params[param.name]
        assert param.doc == java_param.doc(), param.name
        python_default = python.getOrDefault(param) if python.hasDefault(param) else None
        if isinstance(python_default, tuple):
            python_default = list(python_default)
        assert python_default == _java_default(java, java_param), param.name


@pytest.mark.parametrize("cls", ESTIMATORS, ids=lambda c: c.__name__)
def test_every_param_is_a_keyword_with_its_default(cls):
    stage = cls()
    for method in (cls.__init__, cls.setParams):
        keywords = inspect.signature(method).parameters
        assert sorted(n for n in keywords if n != "self") == sorted(p.name for p in stage.params)
        for param in stage.params:
            default = keywords[param.name].default
            if default is None:
                assert not stage.hasDefault(param) or param.name == "seed", param.name
            else:
                expected = stage.getOrDefault(param)
                assert (list(default) if isinstance(default, tuple) else default) == expected


@pytest.mark.parametrize("cls", ESTIMATORS, ids=lambda c: c.__name__)
def test_setters_getters_and_set_params_reach_the_java_stage(cls):
    stage = cls(hiddenLayers=[8, 4], epochs=3, seed=11)
    stage.setLearningRate(0.01).setValidationFraction(0.2)
    stage.setParams(batchSize=16, optimizer="sgd")
    assert stage.getHiddenLayers() == [8, 4]
    assert stage.getLearningRate() == 0.01
    assert stage.getOptimizer() == "sgd"
    assert stage.getEpochs() == 3
    stage._transfer_params_to_java()
    java = stage._java_obj

    def java_value(name):
        return java.getOrDefault(java.getParam(name))

    assert list(java_value("hiddenLayers")) == [8, 4]
    assert java_value("epochs") == 3
    assert java_value("seed") == 11
    assert java_value("learningRate") == 0.01
    assert java_value("validationFraction") == 0.2
    assert java_value("batchSize") == 16
    assert java_value("optimizer") == "sgd"


def test_models_can_set_their_output_columns(jvm):
    model = _python_stage(jvm, NeuralNetClassificationModel)
    model.setPredictionCol("digit").setProbabilityCol("p").setInferenceBatchSize(64)
    assert (model.getPredictionCol(), model.getProbabilityCol()) == ("digit", "p")
    assert not hasattr(model, "setEpochs")
    assert model.getInferenceBatchSize() == 64
