"""The Python Quick start reaches the Java one's test accuracy on the bundled digits."""

from pyspark.ml.evaluation import MulticlassClassificationEvaluator
from pyspark.ml.feature import MinMaxScaler, VectorAssembler
from pyspark.sql import DataFrame

from sparknn.examples import digits_quickstart


def test_the_quick_start_reaches_ninety_six_percent(spark, tmp_path, capsys):
    accuracy = digits_quickstart.run(spark, model_path=str(tmp_path / "model"))
    out = capsys.readouterr().out
    assert "Test accuracy: %.4f" % accuracy in out
    assert len([line for line in out.splitlines() if line[:5].strip().isdigit()]) == 20
    # The Java Quick start's bar (ExamplesTest.digitsQuickStartReachesNinetySixPercent).
    assert accuracy >= 0.96
    assert (tmp_path / "model" / "stages").is_dir()


def test_its_classifier_is_the_java_quick_starts(spark, jvm):
    """The same network, params and split as io.sparknn.examples.DigitsQuickStart: the Java
    estimator set up as that job sets it scores exactly as the Python one."""
    train, test = digits_quickstart.split(spark, digits_quickstart.digits_path())
    assembler = VectorAssembler(inputCols=["_c%d" % i for i in range(64)], outputCol="pixels")
    scaler = MinMaxScaler(inputCol="pixels", outputCol="scaled").fit(assembler.transform(train))
    train, test = (scaler.transform(assembler.transform(f)) for f in (train, test))
    hidden = spark.sparkContext._gateway.new_array(jvm.int, 1)
    hidden[0] = 128
    java = (jvm.io.sparknn.ml.NeuralNetClassifier().setFeaturesCol("scaled")
            .setHiddenLayers(hidden).setLearningRate(0.005).setEpochs(20).setNumWorkers(2)
            .setBatchSize(32).setValidationFraction(0.1).setSeed(3))
    java_scored = DataFrame(java.fit(train._jdf).transform(test._jdf), spark)
    python_scored = digits_quickstart.classifier().fit(train).transform(test)
    evaluator = MulticlassClassificationEvaluator(metricName="accuracy")
    assert evaluator.evaluate(python_scored) == evaluator.evaluate(java_scored)
    assert [r.prediction for r in python_scored.select("prediction").collect()] == \
        [r.prediction for r in java_scored.select("prediction").collect()]
