"""The neural-network regressor: ``io.sparknn.ml.NeuralNetRegressor`` and its model."""

from pyspark import keyword_only
from pyspark.ml.util import JavaMLWritable
from pyspark.ml.wrapper import JavaModel

from sparknn._params import _EstimatorOnlyParams, _NeuralNetParams, _accessors, param_names
from sparknn._summary import _HasTrainingSummary
from sparknn._wrapper import JAVA_PACKAGE, _SparkNnEstimator, _SparkNnReadable

_ALL = param_names(_NeuralNetParams)


class NeuralNetRegressor(_SparkNnEstimator, _NeuralNetParams, _EstimatorOnlyParams):
    """A feed-forward neural network regressor (one numeric target, mean squared error) trained
    on every executor, its parameters averaged across executors
    (``io.sparknn.ml.NeuralNetRegressor``)."""

    _java_class = JAVA_PACKAGE + ".NeuralNetRegressor"

    @keyword_only
    def __init__(self, *, featuresCol="features", labelCol="label", predictionCol="prediction",
                 hiddenLayers=(64,), network="", activation="relu", optimizer="adam",
                 learningRate=0.001, l2=0.0, epochs=10, standardization=True, batchSize=32,
                 inferenceBatchSize=1024, seed=None, validationIndicatorCol=None,
                 validationFraction=0.0, earlyStoppingPatience=0, outerLearningRate=2.0,
                 numWorkers=0, averagingInterval=0, checkpointDir=None, checkpointInterval=1,
                 initialModel=None):
        super().__init__()
        self._java_obj = self._new_java_obj(self._java_class, self.uid)
        self._set_neural_net_defaults(self._java_class)
        self._set_estimator_defaults()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, featuresCol="features", labelCol="label", predictionCol="prediction",
                  hiddenLayers=(64,), network="", activation="relu", optimizer="adam",
                  learningRate=0.001, l2=0.0, epochs=10, standardization=True, batchSize=32,
                  inferenceBatchSize=1024, seed=None, validationIndicatorCol=None,
                  validationFraction=0.0, earlyStoppingPatience=0, outerLearningRate=2.0,
                  numWorkers=0, averagingInterval=0, checkpointDir=None, checkpointInterval=1,
                  initialModel=None):
        """Sets the params given by keyword; the others keep their values."""
        return self._set(**self._input_kwargs)

    def _create_model(self, java_model):
        return NeuralNetRegressionModel(java_model)


class NeuralNetRegressionModel(JavaModel, _NeuralNetParams, _HasTrainingSummary,
                               _SparkNnReadable, JavaMLWritable):
    """A fitted :class:`NeuralNetRegressor` (``io.sparknn.ml.NeuralNetRegressionModel``):
    ``transform`` adds the prediction column."""

    _java_class = JAVA_PACKAGE + ".NeuralNetRegressionModel"

    def __init__(self, java_model=None):
        super().__init__(java_model)
        self._set_neural_net_defaults(self._java_class)

    @property
    def numFeatures(self):
        """Width of the feature vectors the model takes."""
        return self._call_java("numFeatures")

    def predict(self, value):
        """The prediction for one feature vector."""
        return self._call_java("predict", value)


_accessors(NeuralNetRegressor, _ALL + ["network"], set(_ALL + ["network"]))
_accessors(NeuralNetRegressionModel, _ALL, {"featuresCol", "predictionCol", "inferenceBatchSize"})
