"""spark-nn for PySpark: neural networks trained inside Spark as Spark ML pipeline stages.

The four stages wrap the Java ones (``io.sparknn.ml``); the JVM needs spark-nn's jar, which
:func:`session_builder` puts on the classpath::

    import sparknn
    spark = sparknn.session_builder().getOrCreate()
    model = sparknn.NeuralNetClassifier(hiddenLayers=[64], epochs=20).fit(train)
"""

import sys

from sparknn._jars import jar_path, scala_binary_version, session_builder
from sparknn._summary import NeuralNetTrainingSummary
from sparknn.classification import NeuralNetClassificationModel, NeuralNetClassifier
from sparknn.regression import NeuralNetRegressionModel, NeuralNetRegressor

__version__ = "0.1.0"
__all__ = ["NeuralNetClassifier", "NeuralNetClassificationModel", "NeuralNetRegressor",
           "NeuralNetRegressionModel", "NeuralNetTrainingSummary", "jar_path",
           "scala_binary_version", "session_builder"]

# PySpark finds the Python class of a Java stage it loads (inside a PipelineModel, a
# CrossValidatorModel) by importing the Java class's package as a Python module, renaming only
# org.apache.spark to pyspark. "io" is Python's own io module, so no package can be installed
# under that name: spark-nn's stages are made importable under their Java package instead.
sys.modules.setdefault("io.sparknn", sys.modules[__name__])
sys.modules.setdefault("io.sparknn.ml", sys.modules[__name__])
