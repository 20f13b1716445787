/**
 * Distributed training on Spark's own primitives. The driver ({@link
 * io.sparknn.ml.train.TrainingRun}, {@link io.sparknn.ml.train.DistributedTrainer}) broadcasts a
 * {@link io.sparknn.ml.train.NetworkSnapshot} each epoch; every partition trains a copy
 * ({@link io.sparknn.ml.train.PartitionTrainer}) and returns a count-weighted {@link
 * io.sparknn.ml.train.ParameterSum}; {@link io.sparknn.ml.train.OrderedTreeSum} adds them in
 * partition order and the average becomes the next epoch's broadcast.
 */
package io.sparknn.ml.train;
