"""The Quick start in Python: a neural network classifier on the UCI digits (1797 8x8 images)
with a validation loss every epoch, then the test accuracy (the same job, params and split as
the Java ``io.sparknn.examples.DigitsQuickStart``).

    python -m sparknn.examples.digits_quickstart [digits.csv.gz] [model-dir]
"""

import os
import sys
import time

from pyspark.ml import Pipeline
from pyspark.ml.evaluation import MulticlassClassificationEvaluator
from pyspark.ml.feature import MinMaxScaler, VectorAssembler
from pyspark.sql import functions as F

import sparknn

_HERE = os.path.dirname(os.path.abspath(__file__))


def digits_path():
    """The digits CSV: the copy a wheel carries, else the repository's ``data/digits.csv.gz``."""
    for candidate in (os.path.join(_HERE, "..", "data", "digits.csv.gz"),
                      os.path.join(_HERE, "..", "..", "..", "data", "digits.csv.gz")):
        if os.path.isfile(candidate):
            return os.path.normpath(candidate)
    raise FileNotFoundError("digits.csv.gz is neither in this package nor in its repository")


def split(spark, path):
    """The 80/20 split the job trains and tests on (seeded, as the Java job's)."""
    return (spark.read.option("inferSchema", "true").csv(path)
            .withColumn("label", F.col("_c64").cast("double"))
            .randomSplit([0.8, 0.2], 7))


def classifier():
    """The network the Java Quick start trains, with the same params."""
    return sparknn.NeuralNetClassifier(featuresCol="scaled", hiddenLayers=[128],
                                       learningRate=0.005, epochs=20, numWorkers=2,
                                       batchSize=32, validationFraction=0.1, seed=3)


def run(spark, path=None, model_path=None):
    """Trains, prints the losses and the test accuracy, saves the PipelineModel if asked, and
    returns the accuracy."""
    train, test = split(spark, path or digits_path())
    pipeline = Pipeline(stages=[
        VectorAssembler(inputCols=["_c%d" % i for i in range(64)], outputCol="pixels"),
        MinMaxScaler(inputCol="pixels", outputCol="scaled"),
        classifier(),
    ])
    start = time.time()
    model = pipeline.fit(train)
    fit_seconds = time.time() - start
    accuracy = MulticlassClassificationEvaluator(metricName="accuracy").evaluate(
        model.transform(test))
    summary = model.stages[2].summary
    print("\nepoch  training loss  validation loss  seconds")
    for e in range(summary.epochs):
        print("%5d  %13.4f  %15.4f  %7.3f" % (e + 1, summary.trainingLossHistory[e],
                                             summary.validationLossHistory[e],
                                             summary.epochSeconds[e]))
    print("\nTest accuracy: %.4f (%d test rows)" % (accuracy, test.count()))
    print("Fit: %.1f s on %s" % (fit_seconds, spark.sparkContext.master))
    if model_path:
        model.write().overwrite().save(model_path)
        print("Saved the PipelineModel to " + model_path)
    return accuracy


def main(argv):
    spark = sparknn.session_builder(app_name="spark-nn digits quick start").getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    try:
        run(spark, argv[1] if len(argv) > 1 else None, argv[2] if len(argv) > 2 else None)
    finally:
        spark.stop()


if __name__ == "__main__":
    main(sys.argv)
