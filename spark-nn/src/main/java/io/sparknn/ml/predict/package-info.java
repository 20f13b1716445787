/**
 * Batched inference: {@link io.sparknn.ml.predict.BatchScorer} runs a model over a partition
 * with one forward pass per batch of rows, appending the columns an {@link
 * io.sparknn.ml.predict.OutputColumns} describes.
 */
package io.sparknn.ml.predict;
