"""The four stages from a Spark Connect client (PySpark 4) against a local Connect server that
has spark-nn's jar (the Spark 4 line): fit, transform, save and load. Runs alone in its pytest
process (python/run-tests --spark-4): the local server needs a process without a classic
session."""

import pytest

pyspark = pytest.importorskip("pyspark")
if int(pyspark.__version__.split(".")[0]) < 4:
    pytest.skip("Spark Connect ML needs PySpark 4", allow_module_level=True)

from pyspark import SparkContext  # noqa: E402
from pyspark.ml.linalg import Vectors  # noqa: E402
from pyspark.sql import SparkSession  # noqa: E402

import sparknn  # noqa: E402


@pytest.fixture(scope="module")
def connect(tmp_path_factory):
    cache = tmp_path_factory.mktemp("javacpp-cache")
    session = (SparkSession.builder.remote("local[2]")
               .config("spark.jars", sparknn.jar_path())
               .config("spark.driver.extraJavaOptions",
                       "-Dorg.bytedeco.javacpp.maxphysicalbytes=0"
                       " -Dorg.bytedeco.javacpp.cachedir=" + str(cache))
               .getOrCreate())
    assert type(session).__module__.startswith("pyspark.sql.connect")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def server_jvm(connect):
    """The local Connect server's JVM (this process started it), to check results against."""
    return SparkContext._active_spark_context._jvm


def _rows(count):
    return [(Vectors.dense([x / count, (x % 7) / 7.0]), float((x // 10) % 2)) for x in range(count)]


def test_a_classifier_fits_transforms_saves_and_loads_over_connect(connect, server_jvm,
                                                                   tmp_path):
    frame = connect.createDataFrame(_rows(120), ["features", "label"])
    model = sparknn.NeuralNetClassifier(hiddenLayers=[8], epochs=3, seed=1).fit(frame)
    assert isinstance(model, sparknn.NeuralNetClassificationModel)
    assert model.numFeatures == 2 and model.numClasses == 2
    assert model.getEpochs() == 3
    scored = model.transform(frame).select("features", "probability", "prediction").collect()
    assert len(scored) == 120

    path = str(tmp_path / "classifier")
    model.write().overwrite().save(path)
    loaded = sparknn.NeuralNetClassificationModel.load(path)
    assert isinstance(loaded, sparknn.NeuralNetClassificationModel)
    assert loaded.uid == model.uid
    assert [r.prediction for r in loaded.transform(frame).select("prediction").collect()] == \
        [r.prediction for r in scored]
    # The Java model the server saved predicts, row by row, what the client was sent.
    java = server_jvm.io.sparknn.ml.NeuralNetClassificationModel.load(path)
    gateway = SparkContext._active_spark_context._gateway
    for row in scored[:20]:
        values = gateway.new_array(server_jvm.double, len(row.features))
        for i, v in enumerate(row.features):
            values[i] = float(v)
        java_vector = server_jvm.org.apache.spark.ml.linalg.Vectors.dense(values)
        assert java.predict(java_vector) == row.prediction


def test_a_regressor_and_an_estimator_over_connect(connect, tmp_path):
    frame = connect.createDataFrame([(v, float(2.0 * v[0] - v[1])) for v, _ in _rows(100)],
                                    ["features", "label"])
    estimator = sparknn.NeuralNetRegressor(hiddenLayers=[6], epochs=4, seed=2)
    estimator.save(str(tmp_path / "regressor"))
    loaded = sparknn.NeuralNetRegressor.load(str(tmp_path / "regressor"))
    assert (loaded.uid, loaded.getHiddenLayers(), loaded.getEpochs()) == \
        (estimator.uid, [6], 4)
    model = loaded.fit(frame)
    assert isinstance(model, sparknn.NeuralNetRegressionModel)
    predictions = [r.prediction for r in model.transform(frame).select("prediction").collect()]
    assert len(predictions) == 100 and len(set(predictions)) > 1


def test_the_summary_says_it_is_not_available_over_connect(connect):
    frame = connect.createDataFrame(_rows(40), ["features", "label"])
    model = sparknn.NeuralNetClassifier(hiddenLayers=[4], epochs=1).fit(frame)
    with pytest.raises(NotImplementedError, match="Spark Connect"):
        model.summary
