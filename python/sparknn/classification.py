"""The neural-network classifier: ``io.sparknn.ml.NeuralNetClassifier`` and its model."""

from pyspark import keyword_only
from pyspark.ml.wrapper import JavaModel

from pyspark.ml.util import JavaMLWritable
from sparknn._params import (_ClassifierParams, _EstimatorOnlyParams, _NeuralNetParams,
                             _accessors, param_names)
from sparknn._summary import _HasTrainingSummary
from sparknn._wrapper import JAVA_PACKAGE, _SparkNnEstimator, _SparkNnReadable

_ALL = param_names(_NeuralNetParams) + param_names(_ClassifierParams)


class _NeuralNetClassifierParams(_NeuralNetParams, _ClassifierParams):
    def _set_defaults(self, java_class):
        self._set_neural_net_defaults(java_class)
        self._set_classifier_defaults()


class NeuralNetClassifier(_SparkNnEstimator, _NeuralNetClassifierParams, _EstimatorOnlyParams):
    """A feed-forward neural network classifier trained on every executor, its parameters
    averaged across executors (``io.sparknn.ml.NeuralNetClassifier``).

    >>> nn = NeuralNetClassifier(hiddenLayers=(64,), epochs=20, validationFraction=0.1)
    >>> model = nn.fit(train)                      # features: vector or array column
    >>> model.transform(test).select("prediction").show()
    >>> model.summary.trainingLossHistory
    """

    _java_class = JAVA_PACKAGE + ".NeuralNetClassifier"

    @keyword_only
    def __init__(self, *, featuresCol="features", labelCol="label", predictionCol="prediction",
                 probabilityCol="probability", rawPredictionCol="rawPrediction", thresholds=None,
                 hiddenLayers=(64,), network="", activation="relu", optimizer="adam",
                 learningRate=0.001, l2=0.0, epochs=10, standardization=True, batchSize=32,
                 inferenceBatchSize=1024, seed=None, validationIndicatorCol=None,
                 validationFraction=0.0, earlyStoppingPatience=0, outerLearningRate=2.0,
                 numWorkers=0, averagingInterval=0, checkpointDir=None, checkpointInterval=1,
                 initialModel=None):
        super().__init__()
        self._java_obj = self._new_java_obj(self._java_class, self.uid)
        self._set_defaults(self._java_class)
        self._set_estimator_defaults()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, featuresCol="features", labelCol="label", predictionCol="prediction",
                  probabilityCol="probability", rawPredictionCol="rawPrediction", thresholds=None,
                  hiddenLayers=(64,), network="", activation="relu", optimizer="adam",
                  learningRate=0.001, l2=0.0, epochs=10, standardization=True, batchSize=32,
                  inferenceBatchSize=1024, seed=None, validationIndicatorCol=None,
                  validationFraction=0.0, earlyStoppingPatience=0, outerLearningRate=2.0,
                  numWorkers=0, averagingInterval=0, checkpointDir=None, checkpointInterval=1,
                  initialModel=None):
        """Sets the params given by keyword; the others keep their values."""
        return self._set(**self._input_kwargs)

    def _create_model(self, java_model):
        return NeuralNetClassificationModel(java_model)


class NeuralNetClassificationModel(JavaModel, _NeuralNetClassifierParams, _HasTrainingSummary,
                                   _SparkNnReadable, JavaMLWritable):
    """A fitted :class:`NeuralNetClassifier` (``io.sparknn.ml.NeuralNetClassificationModel``):
    ``transform`` adds rawPrediction, probability and prediction columns."""

    _java_class = JAVA_PACKAGE + ".NeuralNetClassificationModel"

    def __init__(self, java_model=None):
        super().__init__(java_model)
        self._set_defaults(self._java_class)

    @property
    def numFeatures(self):
        """Width of the feature vectors the model takes."""
        return self._call_java("numFeatures")

    @property
    def numClasses(self):
        """Number of classes the model predicts."""
        return self._call_java("numClasses")

    def predict(self, value):
        """The predicted class of one feature vector."""
        return self._call_java("predict", value)

    def predictProbability(self, value):
        """The class probabilities of one feature vector."""
        return self._call_java("predictProbability", value)


_MODEL_SETTERS = {"featuresCol", "predictionCol", "probabilityCol", "rawPredictionCol",
                  "thresholds", "inferenceBatchSize"}
_accessors(NeuralNetClassifier, _ALL + ["network"], set(_ALL + ["network"]))
_accessors(NeuralNetClassificationModel, _ALL, _MODEL_SETTERS)
