/**
 * Distributed training on Spark's own primitives. The driver ({@link
 * io.sparknn.ml.train.TrainingRun}, {@link io.sparknn.ml.train.DistributedTrainer}) broadcasts a
 * {@link io.sparknn.ml.train.NetworkSnapshot} each epoch; in one Spark job ({@link
 * io.sparknn.ml.train.PartitionJob}) every partition trains a copy ({@link
 * io.sparknn.ml.train.PartitionTrainer}) and returns its {@link io.sparknn.ml.train.ParameterSum};
 * {@link io.sparknn.ml.train.OrderedTreeSum} adds them in partition order. The count-weighted
 * average is the epoch's model, and the next epoch's broadcast starts from {@link
 * io.sparknn.ml.train.OuterStep}'s step past it.
 */
package io.sparknn.ml.train;
