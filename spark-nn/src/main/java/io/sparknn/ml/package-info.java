/**
 * spark-nn's public API: DL4J neural networks as Spark ML stages. {@link
 * io.sparknn.ml.NeuralNetClassifier} and {@link io.sparknn.ml.NeuralNetRegressor} fit a network
 * on a DataFrame (DataFrame rows -&gt; cached row blocks -&gt; mini-batches on every partition
 * -&gt; parameters averaged once per epoch, or in rounds within it) and return {@link
 * io.sparknn.ml.NeuralNetClassificationModel} / {@link io.sparknn.ml.NeuralNetRegressionModel},
 * which score DataFrames in batches.
 */
package io.sparknn.ml;
