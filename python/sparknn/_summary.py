"""A fitted model's training summary, read from the Java model's ``summary()``."""

from pyspark.sql import DataFrame


class NeuralNetTrainingSummary:
    """Losses and timings of each epoch of the fit that made a model
    (``io.sparknn.ml.NeuralNetTrainingSummary``)."""

    def __init__(self, java_summary, session):
        self._java = java_summary
        self._session = session

    def _list(self, name):
        return list(getattr(self._java, name)())

    @property
    def trainingLossHistory(self):
        """Mean training loss of each epoch (DL4J's score: loss plus any l2 term)."""
        return self._list("trainingLossHistory")

    @property
    def validationLossHistory(self):
        """Mean validation loss of each epoch; empty when the fit had no validation rows."""
        return self._list("validationLossHistory")

    @property
    def epochSeconds(self):
        """Wall-clock seconds of each epoch, validation pass included."""
        return self._list("epochSeconds")

    @property
    def epochs(self):
        """Number of epochs completed (fewer than ``epochs`` after early stopping)."""
        return self._java.epochs()

    @property
    def bestEpoch(self):
        """The epoch whose parameters the model holds: the last, or the best with early stopping."""
        return self._java.bestEpoch()

    @property
    def featureMean(self):
        """The training features' means standardization used; empty without standardization."""
        return self._list("featureMean")

    @property
    def featureStd(self):
        """The training features' standard deviations standardization divided by."""
        return self._list("featureStd")

    @property
    def history(self):
        """One row per epoch: epoch, trainingLoss, validationLoss (null without validation rows)
        and seconds, e.g. for ``history.toPandas().plot(...)``."""
        return DataFrame(self._java.history(), self._session)


class _HasTrainingSummary:
    """A model that may carry the summary of the fit that made it."""

    @property
    def hasSummary(self):
        """Whether the model carries a training summary (models loaded from disk do too)."""
        return self._call_java("hasSummary")

    @property
    def summary(self):
        """The training summary; raises when the model has none, and over Spark Connect."""
        from pyspark.sql import SparkSession
        from pyspark.sql.utils import is_remote
        if is_remote():
            # Spark 4.0's Connect server calls only the model methods on its allowlist, and the
            # summary is not among them for third-party stages.
            raise NotImplementedError(
                "The training summary is not available over Spark Connect: read it in a classic "
                "session (or save the model there and load it, with its summary, elsewhere).")
        return NeuralNetTrainingSummary(self._java_obj.summary(), SparkSession.getActiveSession())
