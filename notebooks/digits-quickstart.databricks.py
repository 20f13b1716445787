# Databricks notebook source
# MAGIC %md
# MAGIC # spark-nn quick start in Python: digits
# MAGIC
# MAGIC Trains a neural network on the UCI digits (1,797 8x8 images) inside a Spark ML pipeline,
# MAGIC plots the training and validation loss per epoch, evaluates on held-out rows, and saves
# MAGIC and reloads the fitted pipeline.
# MAGIC
# MAGIC **Attach spark-nn** (Databricks Runtime 14.3 LTS or 15.4 LTS: Spark 3.5, Scala 2.12):
# MAGIC install `assembly/target/spark-nn-assembly_2.12-0.1.0-SNAPSHOT.jar` (`mvn -pl assembly -am
# MAGIC package -DskipTests`) and the spark-nn wheel (`python/build-wheel`) as cluster libraries
# MAGIC (*Compute > your cluster > Libraries > Install new*). On Spark 4 runtimes (Scala 2.13) use
# MAGIC `spark-nn-assembly_2.13` (`-Pspark-4`).
# MAGIC
# MAGIC **Data**: the wheel carries the digits (`digits_path()`); elsewhere, upload
# MAGIC `data/digits.csv.gz` (e.g. to `dbfs:/FileStore/spark-nn/digits.csv.gz`) and read that.

# COMMAND ----------

import sparknn
from sparknn.examples.digits_quickstart import digits_path
from pyspark.sql import functions as F

# 64 pixel columns (_c0.._c63, values 0-16) and the digit in _c64.
digits = (spark.read.option("inferSchema", "true").csv(digits_path())
          .withColumn("label", F.col("_c64").cast("double")))
train, test = digits.randomSplit([0.8, 0.2], 7)

# COMMAND ----------

from pyspark.ml import Pipeline
from pyspark.ml.feature import MinMaxScaler, VectorAssembler

classifier = sparknn.NeuralNetClassifier(
    featuresCol="scaled", hiddenLayers=[128], learningRate=0.005, epochs=20, numWorkers=2,
    batchSize=32, validationFraction=0.1, seed=3)  # a validation loss every epoch
pipeline = Pipeline(stages=[
    VectorAssembler(inputCols=["_c%d" % i for i in range(64)], outputCol="pixels"),
    MinMaxScaler(inputCol="pixels", outputCol="scaled"),
    classifier])
model = pipeline.fit(train)
summary = model.stages[-1].summary
display(summary.history)  # Databricks charts it: plot epoch against the two losses

# COMMAND ----------

import matplotlib.pyplot as plt

epochs = range(1, summary.epochs + 1)
fig, ax = plt.subplots()
ax.plot(epochs, summary.trainingLossHistory, label="training loss")
ax.plot(epochs, summary.validationLossHistory, label="validation loss")
ax.set_xlabel("epoch")
ax.set_ylabel("cross-entropy")
ax.legend()
display(fig)

# COMMAND ----------

from pyspark.ml.evaluation import MulticlassClassificationEvaluator

predictions = model.transform(test)
accuracy = MulticlassClassificationEvaluator(metricName="accuracy").evaluate(predictions)
print("Test accuracy: %.4f" % accuracy)

# COMMAND ----------

from pyspark.ml import PipelineModel

path = "/tmp/spark-nn/digits-pipeline"  # dbfs:/... or a cloud path on a cluster
model.write().overwrite().save(path)
reloaded = PipelineModel.load(path)
same = (reloaded.transform(test).select("prediction").collect()
        == predictions.select("prediction").collect())
print("Reloaded model predicts the same:", same)
