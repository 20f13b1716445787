// Databricks notebook source
// MAGIC %md
// MAGIC # spark-nn quick start: digits
// MAGIC
// MAGIC Trains a neural network on the UCI digits (1,797 8x8 images) inside a Spark ML pipeline,
// MAGIC charts the training and validation loss per epoch, evaluates on held-out rows, and saves
// MAGIC and reloads the fitted pipeline.
// MAGIC
// MAGIC **Attach spark-nn** (Databricks Runtime 14.3 LTS or 15.4 LTS: Spark 3.5, Scala 2.12):
// MAGIC build the assembly with `mvn -pl assembly -am package -DskipTests`, then install
// MAGIC `assembly/target/spark-nn-assembly_2.12-0.1.0-SNAPSHOT.jar` as a cluster library
// MAGIC (*Compute > your cluster > Libraries > Install new > JAR*). It bundles DL4J, ND4J and the
// MAGIC linux-x86_64 natives; Spark and Scala come from the runtime.
// MAGIC
// MAGIC **Data**: upload `data/digits.csv.gz` from the repository (e.g. to
// MAGIC `dbfs:/FileStore/spark-nn/digits.csv.gz`) and set `digitsPath` below.

// COMMAND ----------

import io.sparknn.ml.{NeuralNetClassificationModel, NeuralNetClassifier}
import org.apache.spark.ml.{Pipeline, PipelineModel}
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator
import org.apache.spark.ml.feature.{MinMaxScaler, VectorAssembler}
import org.apache.spark.sql.functions.col

// COMMAND ----------

// 64 pixel columns (_c0.._c63, values 0-16) and the digit in _c64.
val digitsPath = "data/digits.csv.gz"
val digits = spark.read.option("inferSchema", "true").csv(digitsPath)
  .withColumn("label", col("_c64").cast("double"))
val Array(train, test) = digits.randomSplit(Array(0.8, 0.2), seed = 7)
println(s"${train.count()} training rows, ${test.count()} test rows")

// COMMAND ----------

// MAGIC %md
// MAGIC The network is one pipeline stage: pixels are assembled into a vector, scaled to [0, 1],
// MAGIC and fed to a 64-128-10 network trained on every executor, with the parameters averaged
// MAGIC once per epoch. 10% of the training rows are held out for a validation loss each epoch.

// COMMAND ----------

val classifier = new NeuralNetClassifier()
  .setFeaturesCol("scaled")
  .setHiddenLayers(128)
  .setLearningRate(0.005)
  .setEpochs(20)
  .setBatchSize(32)
  .setValidationFraction(0.1)
  .setSeed(3)

val pipeline = new Pipeline().setStages(Array(
  new VectorAssembler().setInputCols((0 until 64).map(i => s"_c$i").toArray).setOutputCol("pixels"),
  new MinMaxScaler().setInputCol("pixels").setOutputCol("scaled"),
  classifier))

val model = pipeline.fit(train)

// COMMAND ----------

// MAGIC %md
// MAGIC One row per epoch: `epoch`, `trainingLoss`, `validationLoss`, `seconds`. Pick the
// MAGIC *Line* chart with `epoch` as the key and both losses as values.

// COMMAND ----------

val network = model.stages.last.asInstanceOf[NeuralNetClassificationModel]
val history = network.summary.history
display(history)

// COMMAND ----------

val predictions = model.transform(test)
val accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(predictions)
println(f"Test accuracy: $accuracy%.4f")

// Confusion matrix: one row per true digit, one column per predicted digit.
display(predictions.groupBy("label").pivot("prediction").count().na.fill(0).orderBy("label"))

// COMMAND ----------

// A path without a scheme is on DBFS on Databricks.
val modelPath = "/tmp/spark-nn/digits-pipeline"
model.write.overwrite().save(modelPath)

val reloaded = PipelineModel.load(modelPath)
val samePredictions = reloaded.transform(test).select("prediction").collect()
  .sameElements(predictions.select("prediction").collect())
println(s"The reloaded pipeline predicts the same: $samePredictions")
