"""The Params of spark-nn's stages: the same names, docs and defaults as the Java stages
(``io.sparknn.ml``); ``tests/test_params.py`` compares them with the Java stages' ``params()``."""

from pyspark.ml.param import Param, Params, TypeConverters

ACTIVATIONS = ("cube, elu, hardsigmoid, hardtanh, identity, leakyrelu, rationaltanh, relu, relu6, "
               "rrelu, sigmoid, softmax, softplus, softsign, tanh, rectifiedtanh, selu, swish, "
               "thresholdedrelu, gelu, mish")


def _param(name, doc, converter):
    return Param(Params._dummy(), name, doc, typeConverter=converter)


def java_class_hash(class_name):
    """Java's ``String.hashCode`` of a class name: the Java stages' default seed."""
    h = 0
    for ch in class_name:
        h = (31 * h + ord(ch)) & 0xFFFFFFFF
    return h - (1 << 32) if h >= (1 << 31) else h


class _NeuralNetParams(Params):
    """The params every stage has, estimator and model alike."""

    featuresCol = _param("featuresCol", "features column name", TypeConverters.toString)
    labelCol = _param("labelCol", "label column name", TypeConverters.toString)
    predictionCol = _param("predictionCol", "prediction column name", TypeConverters.toString)
    hiddenLayers = _param(
        "hiddenLayers",
        "widths of the hidden dense layers (each >= 1); input and output widths come from the data",
        TypeConverters.toListInt)
    activation = _param("activation",
                        "activation of the hidden layers, one of [" + ACTIVATIONS + "]",
                        TypeConverters.toString)
    optimizer = _param("optimizer", "optimizer, one of [adam, sgd, nesterovs, rmsprop, adagrad]",
                       TypeConverters.toString)
    learningRate = _param("learningRate", "optimizer step size (> 0)", TypeConverters.toFloat)
    l2 = _param("l2", "L2 regularization coefficient on weights (>= 0)", TypeConverters.toFloat)
    epochs = _param("epochs", "passes over the training rows (>= 1)", TypeConverters.toInt)
    standardization = _param(
        "standardization",
        "whether to standardize the training features before fitting the model (each to mean 0 and "
        "standard deviation 1, constant ones only centered, sparse data (under 10% nonzero) only "
        "scaled); the fitted model takes raw features. Applies when the first layer is dense",
        TypeConverters.toBoolean)
    batchSize = _param("batchSize", "training mini-batch size per task (>= 1)", TypeConverters.toInt)
    inferenceBatchSize = _param(
        "inferenceBatchSize",
        "rows per forward pass when a model transforms a DataFrame (>= 1); larger batches amortize "
        "each pass's fixed cost, at batch x width floats of buffer per task (capped at 64 MiB of "
        "features per pass)",
        TypeConverters.toInt)
    seed = _param("seed", "random seed for weight initialization, shuffling and the validation split",
                  TypeConverters.toInt)
    validationIndicatorCol = _param(
        "validationIndicatorCol",
        "name of a boolean column: true marks a validation row, false a training row",
        TypeConverters.toString)
    validationFraction = _param(
        "validationFraction",
        "fraction of rows held out for the validation loss, in [0, 1), each row by a seeded hash of "
        "its content; 0 = no validation",
        TypeConverters.toFloat)
    earlyStoppingPatience = _param(
        "earlyStoppingPatience",
        "epochs without a lower validation loss before training stops, keeping the best epoch's "
        "parameters (>= 0; 0 = off)",
        TypeConverters.toInt)
    outerLearningRate = _param(
        "outerLearningRate",
        "with more than one worker and while the training loss falls, each epoch starts this many "
        "times the workers' average change past the previous epoch's start (> 0; 1 = always start "
        "from the plain average); the model of every epoch is the plain average",
        TypeConverters.toFloat)
    numWorkers = _param(
        "numWorkers",
        "number of training tasks (>= 1; 0 = the application's task slots, Spark's "
        "defaultParallelism; -1 = the input's partitions as they are); an input already in that "
        "many partitions is not repartitioned",
        TypeConverters.toInt)
    averagingInterval = _param(
        "averagingInterval",
        "local mini-batches each worker trains between two averagings of the workers' parameters "
        "(>= 1; 0 = once per epoch; -1 = automatic, so that averaging takes about 5% of the "
        "training time)",
        TypeConverters.toInt)
    checkpointDir = _param(
        "checkpointDir",
        "directory (any Hadoop FileSystem path) for training checkpoints; a fit with the same "
        "directory and params resumes after the last completed epoch",
        TypeConverters.toString)
    checkpointInterval = _param(
        "checkpointInterval",
        "write a checkpoint every this many epochs (>= 1), or disable checkpoints (-1)",
        TypeConverters.toInt)

    def _set_neural_net_defaults(self, java_class):
        self._setDefault(featuresCol="features", labelCol="label", predictionCol="prediction",
                         hiddenLayers=[64], activation="relu", optimizer="adam",
                         learningRate=0.001, l2=0.0, epochs=10, standardization=True,
                         batchSize=32, inferenceBatchSize=1024, seed=java_class_hash(java_class),
                         validationFraction=0.0, earlyStoppingPatience=0, outerLearningRate=2.0,
                         numWorkers=0, averagingInterval=0, checkpointInterval=1)


class _ClassifierParams(Params):
    """The params of classifiers and classification models beyond the shared ones."""

    probabilityCol = _param(
        "probabilityCol",
        "Column name for predicted class conditional probabilities. Note: Not all models output "
        "well-calibrated probability estimates! These probabilities should be treated as "
        "confidences, not precise probabilities",
        TypeConverters.toString)
    rawPredictionCol = _param("rawPredictionCol", "raw prediction (a.k.a. confidence) column name",
                              TypeConverters.toString)
    thresholds = _param(
        "thresholds",
        "Thresholds in multi-class classification to adjust the probability of predicting each "
        "class. Array must have length equal to the number of classes, with values > 0 excepting "
        "that at most one value may be 0. The class with largest value p/t is predicted, where p "
        "is the original probability of that class and t is the class's threshold",
        TypeConverters.toListFloat)

    def _set_classifier_defaults(self):
        self._setDefault(probabilityCol="probability", rawPredictionCol="rawPrediction")


class _EstimatorOnlyParams(Params):
    """The params only estimators have: the network configuration and the starting model."""

    network = _param(
        "network",
        "a DL4J MultiLayerConfiguration JSON that replaces hiddenLayers, activation, optimizer, "
        "learningRate and l2 (empty = not used)",
        TypeConverters.toString)
    initialModel = _param("initialModel",
                          "a fitted model of this estimator whose weights training starts from",
                          TypeConverters.identity)

    def _set_estimator_defaults(self):
        self._setDefault(network="")


def param_names(cls):
    """The names of the Params ``cls`` declares."""
    return [name for name, value in vars(cls).items() if isinstance(value, Param)]


def _accessors(cls, names, setters):
    """Adds ``getX`` for every param in ``names`` and ``setX`` for those in ``setters``."""
    for name in names:
        title = name[0].upper() + name[1:]

        def getter(self, _name=name):
            return self.getOrDefault(_name)

        getter.__name__ = "get" + title
        getter.__doc__ = "Gets the value of {} or its default.".format(name)
        setattr(cls, getter.__name__, getter)
        if name in setters:
            def setter(self, value, _name=name):
                return self._set(**{_name: value})

            setter.__name__ = "set" + title
            setter.__doc__ = "Sets the value of {}.".format(name)
            setattr(cls, setter.__name__, setter)
    return cls
