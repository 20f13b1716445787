"""What the four wrappers share: the Java class each stands for, its reader, and the estimators'
``initialModel`` (a model object, which PySpark's param transfer cannot carry by itself)."""

from pyspark.ml.util import JavaMLReadable, JavaMLReader, JavaMLWritable
from pyspark.ml.wrapper import JavaEstimator, JavaParams
from pyspark.sql.utils import is_remote

JAVA_PACKAGE = "io.sparknn.ml"


class _SparkNnReader(JavaMLReader):
    """Reads with the Java stage's own reader: ``io.sparknn.ml.<class name>``, not the class name
    PySpark derives from the Python module (it maps only ``pyspark`` to ``org.apache.spark``)."""

    @classmethod
    def _java_loader_class(cls, clazz):
        return JAVA_PACKAGE + "." + clazz.__name__


class _SparkNnReadable(JavaMLReadable):
    @classmethod
    def read(cls):
        """Returns an MLReader for this class (models and estimators saved from Java or Python)."""
        if is_remote():
            # Spark Connect's reader names the Java class after the Python class's module; this
            # subclass's module is the Java package, which sparknn registers as a module alias,
            # so the reader also finds the Python class again by that name.
            from pyspark.ml.connect.readwrite import RemoteMLReader
            return RemoteMLReader(type(cls.__name__, (cls,), {"__module__": JAVA_PACKAGE}))
        return _SparkNnReader(cls)


class _SparkNnEstimator(JavaEstimator, _SparkNnReadable, JavaMLWritable):
    """An estimator whose ``initialModel`` param holds a Python model wrapping a Java one."""

    def _transfer_params_to_java(self):
        initial = self._paramMap.pop(self.initialModel, None)
        try:
            super()._transfer_params_to_java()
        finally:
            if initial is not None:
                self._paramMap[self.initialModel] = initial
        if initial is not None:
            self._java_obj.setInitialModel(initial._java_obj)

    def _transfer_params_from_java(self):
        java_param = self._java_obj.getParam("initialModel")
        initial = None
        if self._java_obj.isDefined(java_param):
            initial = JavaParams._from_java(self._java_obj.getOrDefault(java_param))
            self._java_obj.clear(java_param)
        try:
            super()._transfer_params_from_java()
        finally:
            if initial is not None:
                self._java_obj.setInitialModel(initial._java_obj)
        if initial is not None:
            self._set(initialModel=initial)

    def setInitialModel(self, model):
        """Sets a fitted model of this estimator whose weights training starts from."""
        return self._set(initialModel=model)

    def getInitialModel(self):
        """The model training starts from, or None."""
        return self.getOrDefault(self.initialModel) if self.isDefined(self.initialModel) else None
