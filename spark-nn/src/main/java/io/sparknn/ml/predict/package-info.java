/**
 * Batched inference: {@link io.sparknn.ml.predict.ModelScoring} runs a model over every
 * partition with one forward pass per batch of rows ({@link io.sparknn.ml.predict.ScoredBatches}),
 * appending the columns an {@link io.sparknn.ml.predict.OutputColumns} describes: over Spark's
 * internal rows for batch DataFrames ({@link io.sparknn.ml.predict.InternalRowScorer}), over
 * {@code Row}s for streaming ones ({@link io.sparknn.ml.predict.BatchScorer}).
 */
package io.sparknn.ml.predict;
