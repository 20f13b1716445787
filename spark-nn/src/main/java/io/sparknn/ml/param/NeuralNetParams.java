package io.sparknn.ml.param;

import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.shared.HasFeaturesCol;
import org.apache.spark.ml.param.shared.HasLabelCol;
import org.apache.spark.ml.param.shared.HasPredictionCol;

/**
 * The Params shared by spark-nn's estimators and models. Names, docs, validators and defaults
 * live in {@link ParamDefs}; each stage builds its own instances ({@link NeuralNetParamSet}) and
 * these accessors expose them. Spark discovers Params by reflecting on public no-argument methods
 * that return a Param (default methods included), so each accessor is named exactly like its
 * param.
 */
public interface NeuralNetParams extends HasFeaturesCol, HasLabelCol, HasPredictionCol {

    /** This stage's Param instances (see {@link NeuralNetParamSet}). */
    NeuralNetParamSet neuralNetParams();

    /** Widths of the hidden dense layers; input and output widths come from the data. Default [64]. */
    default IntArrayParam hiddenLayers() {
        return neuralNetParams().hiddenLayers();
    }


    /** Activation of the hidden layers, a DL4J activation name. Default "relu". */
    default Param<String> activation() {
        return neuralNetParams().activation();
    }

    /** Optimizer: adam, sgd, nesterovs, rmsprop or adagrad. Default "adam". */
    default Param<String> optimizer() {
        return neuralNetParams().optimizer();
    }

    /** Optimizer step size, &gt; 0. Default 1e-3. */
    default DoubleParam learningRate() {
        return neuralNetParams().learningRate();
    }

    /** L2 regularization coefficient on weights, &gt;= 0. Default 0. */
    default DoubleParam l2() {
        return neuralNetParams().l2();
    }

    /** Passes over the training rows, &gt;= 1. Default 10. */
    default IntParam epochs() {
        return neuralNetParams().epochs();
    }

    /**
     * Whether to standardize the training features before fitting (MLlib's name and meaning, as
     * in LogisticRegression): each feature is shifted to mean 0 and scaled to standard deviation
     * 1 with the training rows' statistics, computed in the pass that converts the rows; a
     * constant feature is only centered, and sparse data (fewer than 10% of the values nonzero,
     * however the vectors are stored) is only scaled, as MLlib's LogisticRegression does
     * (centering would make it dense). The scaling is folded into the first layer's
     * weights and biases after training, so the fitted model is an ordinary DL4J network on the
     * raw features. Applies when the first layer is dense (a fully connected network, what
     * hiddenLayers builds); a network given with setNetwork whose first layer is not (a CNN) is
     * trained on the raw features, and the fit logs so. Default true.
     */
    default BooleanParam standardization() {
        return neuralNetParams().standardization();
    }

    /** Training mini-batch size per task, &gt;= 1. Default 32. */
    default IntParam batchSize() {
        return neuralNetParams().batchSize();
    }

    /**
     * Rows per forward pass when a model transforms a DataFrame, &gt;= 1; independent of the
     * training batchSize. Default 1024: bigger batches amortize each forward pass's fixed cost
     * (a Fashion-MNIST MLP's transform was 2x faster in batches of 1,024 than of 64), for a
     * buffer of batch x features floats per task.
     */
    default IntParam inferenceBatchSize() {
        return neuralNetParams().inferenceBatchSize();
    }

    /** Seed for weight initialization, shuffling and the validation split. */
    default LongParam seed() {
        return neuralNetParams().seed();
    }

    /**
     * Name of a boolean column marking validation rows (true) as in MLlib's GBTs. Not set by
     * default; exclusive with validationFraction.
     */
    default Param<String> validationIndicatorCol() {
        return neuralNetParams().validationIndicatorCol();
    }

    /**
     * Fraction of rows held out to compute a validation loss, in [0, 1), each row by a seeded
     * hash of its content. Default 0.
     */
    default DoubleParam validationFraction() {
        return neuralNetParams().validationFraction();
    }

    /**
     * Epochs without a lower validation loss before training stops; the model keeps the best
     * epoch's parameters. 0 (default) disables early stopping.
     */
    default IntParam earlyStoppingPatience() {
        return neuralNetParams().earlyStoppingPatience();
    }

    /**
     * The step of the once-per-epoch outer update when more than one worker trains: the next
     * epoch starts at {@code start + outerLearningRate * (average - start)}, where {@code start}
     * is where the epoch's workers began and {@code average} their example-weighted average.
     * Default 2.0: two or more workers each take a fraction of an epoch's optimizer steps, and
     * restarting from their plain average (1.0) keeps only the average of their progress.
     * The step is taken while the training loss falls; from the first epoch whose loss did not
     * fall, epochs restart from the plain average. The model of every epoch (validated,
     * checkpointed, returned) is the plain average either way; optimizer state is averaged, not
     * extrapolated; one worker is never extrapolated.
     */
    default DoubleParam outerLearningRate() {
        return neuralNetParams().outerLearningRate();
    }

    /**
     * Number of training tasks, each training on one partition of the rows. 0 (default): the
     * task slots the application has (Spark's {@code defaultParallelism}: the executors' cores,
     * or {@code spark.default.parallelism} when set), so that a fit uses the cluster whatever the
     * input's partitioning (a join's 200 shuffle partitions, one file's single split). -1: the
     * input's partitions as they are. An input already in that many partitions is not
     * repartitioned.
     */
    default IntParam numWorkers() {
        return neuralNetParams().numWorkers();
    }

    /**
     * Local mini-batches each worker trains between two averagings of the workers' parameters
     * and optimizer state (DL4J's {@code averagingFrequency}). 0 (default): once per epoch. k
     * &gt;= 1: every k batches, in rounds of one Spark job each, every round continuing each
     * partition's epoch order where the last one stopped. -1: automatic, a round length chosen
     * from round to round so that averaging (the job, the broadcast, the results, the sum)
     * takes about 5% of the training time; automatic rounds depend on timings, so they are not
     * bit-reproducible. With many workers, averaging once per epoch gives each worker 1/k of the
     * epoch's steps, and the model of an epoch trains about as far as 1/k of an epoch would.
     */
    default IntParam averagingInterval() {
        return neuralNetParams().averagingInterval();
    }

    /**
     * Directory for training checkpoints (any Hadoop FileSystem path); a fit with the same
     * directory and params resumes after the last completed epoch. Not set by default.
     */
    default Param<String> checkpointDir() {
        return neuralNetParams().checkpointDir();
    }

    /** Epochs between checkpoints (&gt;= 1), or -1 to disable them. Default 1. */
    default IntParam checkpointInterval() {
        return neuralNetParams().checkpointInterval();
    }

    default int[] getHiddenLayers() {
        return getOrDefault(hiddenLayers());
    }


    default String getActivation() {
        return getOrDefault(activation());
    }

    default String getOptimizer() {
        return getOrDefault(optimizer());
    }

    default double getLearningRate() {
        return (Double) getOrDefault(learningRate());
    }

    default double getL2() {
        return (Double) getOrDefault(l2());
    }

    default int getEpochs() {
        return (Integer) getOrDefault(epochs());
    }

    default boolean getStandardization() {
        return (Boolean) getOrDefault(standardization());
    }

    default int getBatchSize() {
        return (Integer) getOrDefault(batchSize());
    }

    default int getInferenceBatchSize() {
        return (Integer) getOrDefault(inferenceBatchSize());
    }

    default long getSeed() {
        return (Long) getOrDefault(seed());
    }

    default String getValidationIndicatorCol() {
        return getOrDefault(validationIndicatorCol());
    }

    default double getValidationFraction() {
        return (Double) getOrDefault(validationFraction());
    }

    default int getEarlyStoppingPatience() {
        return (Integer) getOrDefault(earlyStoppingPatience());
    }

    default double getOuterLearningRate() {
        return (Double) getOrDefault(outerLearningRate());
    }

    default int getNumWorkers() {
        return (Integer) getOrDefault(numWorkers());
    }

    default int getAveragingInterval() {
        return (Integer) getOrDefault(averagingInterval());
    }


    default String getCheckpointDir() {
        return getOrDefault(checkpointDir());
    }

    default int getCheckpointInterval() {
        return (Integer) getOrDefault(checkpointInterval());
    }

    /** True when checkpointDir is set and checkpointInterval is not -1. */
    default boolean checkpointsEnabled() {
        return isDefined(checkpointDir()) && !getCheckpointDir().isEmpty()
                && getCheckpointInterval() >= 1;
    }

    /** True when a validation column or fraction is configured. */
    default boolean hasValidation() {
        return (isDefined(validationIndicatorCol()) && !getValidationIndicatorCol().isEmpty())
                || getValidationFraction() > 0;
    }
}
