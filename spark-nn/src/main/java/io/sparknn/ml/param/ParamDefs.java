package io.sparknn.ml.param;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.nd4j.linalg.activations.Activation;
import scala.Function1;

/**
 * The one place that defines spark-nn's Params: name, doc, validator and default. Every stage
 * calls the factory methods from its constructor (so each Param is owned by that stage) and then
 * {@link #setDefaults}.
 */
public final class ParamDefs {
    /** Optimizers accepted by the {@code optimizer} param. */
    public static final List<String> OPTIMIZERS =
            List.of("adam", "sgd", "nesterovs", "rmsprop", "adagrad");

    /** Activations accepted by the {@code activation} param: DL4J's names in lower case. */
    public static final List<String> ACTIVATIONS =
            Arrays.stream(Activation.values())
                    .map(a -> a.name().toLowerCase(Locale.ROOT))
                    .toList();

    /**
     * Rows per forward pass in transform by default: where the Fashion-MNIST MLP's transform
     * stopped getting faster (bench/PERFORMANCE-LOG.md, 2026-12-03).
     */
    public static final int DEFAULT_INFERENCE_BATCH_SIZE = 1024;

    private ParamDefs() {}

    public static IntArrayParam hiddenLayers(Params owner) {
        return new IntArrayParam(owner, "hiddenLayers",
                "widths of the hidden dense layers (each >= 1); input and output widths come"
                        + " from the data",
                validator((int[] widths) -> Arrays.stream(widths).allMatch(w -> w >= 1)));
    }

    public static Param<String> network(Params owner) {
        return new Param<>(owner, "network",
                "a DL4J MultiLayerConfiguration JSON that replaces hiddenLayers, activation,"
                        + " optimizer, learningRate and l2 (empty = not used)",
                validator((String json) -> json.isEmpty() || parsesAsNetwork(json)));
    }

    public static Param<String> activation(Params owner) {
        return new Param<>(owner, "activation",
                "activation of the hidden layers, one of " + ACTIVATIONS,
                ParamValidators.inArray(ACTIVATIONS));
    }

    public static Param<String> optimizer(Params owner) {
        return new Param<>(owner, "optimizer", "optimizer, one of " + OPTIMIZERS,
                ParamValidators.inArray(OPTIMIZERS));
    }

    public static DoubleParam learningRate(Params owner) {
        return new DoubleParam(owner, "learningRate", "optimizer step size (> 0)",
                ParamValidators.gt(0));
    }

    public static DoubleParam l2(Params owner) {
        return new DoubleParam(owner, "l2", "L2 regularization coefficient on weights (>= 0)",
                ParamValidators.gtEq(0));
    }

    public static IntParam epochs(Params owner) {
        return new IntParam(owner, "epochs", "passes over the training rows (>= 1)",
                ParamValidators.gtEq(1));
    }

    public static BooleanParam standardization(Params owner) {
        return new BooleanParam(owner, "standardization",
                "whether to standardize the training features before fitting the model (each"
                        + " to mean 0 and standard deviation 1, constant ones only centered,"
                        + " sparse data (under 10% nonzero) only scaled); the fitted model takes"
                        + " raw features."
                        + " Applies when the first layer is dense");
    }

    public static IntParam batchSize(Params owner) {
        return new IntParam(owner, "batchSize", "training mini-batch size per task (>= 1)",
                ParamValidators.gtEq(1));
    }

    public static IntParam inferenceBatchSize(Params owner) {
        return new IntParam(owner, "inferenceBatchSize",
                "rows per forward pass when a model transforms a DataFrame (>= 1); larger"
                        + " batches amortize each pass's fixed cost, at batch x width floats of"
                        + " buffer per task (capped at 64 MiB of features per pass)",
                ParamValidators.gtEq(1));
    }

    public static LongParam seed(Params owner) {
        return new LongParam(owner, "seed",
                "random seed for weight initialization, shuffling and the validation split");
    }

    public static Param<String> validationIndicatorCol(Params owner) {
        return new Param<>(owner, "validationIndicatorCol",
                "name of a boolean column: true marks a validation row, false a training row");
    }

    public static DoubleParam validationFraction(Params owner) {
        return new DoubleParam(owner, "validationFraction",
                "fraction of rows held out for the validation loss, in [0, 1), each row by a"
                        + " seeded hash of its content; 0 = no validation",
                ParamValidators.inRange(0, 1, true, false));
    }

    public static IntParam earlyStoppingPatience(Params owner) {
        return new IntParam(owner, "earlyStoppingPatience",
                "epochs without a lower validation loss before training stops, keeping the best"
                        + " epoch's parameters (>= 0; 0 = off)",
                ParamValidators.gtEq(0));
    }

    public static DoubleParam outerLearningRate(Params owner) {
        return new DoubleParam(owner, "outerLearningRate",
                "with more than one worker and while the training loss falls, each epoch"
                        + " starts this many times the workers' average change past the previous"
                        + " epoch's start (> 0; 1 = always start from the plain average); the"
                        + " model of every epoch is the plain average",
                ParamValidators.gt(0));
    }

    public static IntParam numWorkers(Params owner) {
        return new IntParam(owner, "numWorkers",
                "number of training tasks (>= 1; 0 = the application's task slots, Spark's"
                        + " defaultParallelism; -1 = the input's partitions as they are); an"
                        + " input already in that many partitions is not repartitioned",
                ParamValidators.gtEq(-1));
    }

    public static IntParam averagingInterval(Params owner) {
        return new IntParam(owner, "averagingInterval",
                "local mini-batches each worker trains between two averagings of the workers'"
                        + " parameters (>= 1; 0 = once per epoch; -1 = automatic, so that"
                        + " averaging takes about 5% of the training time)",
                ParamValidators.gtEq(-1));
    }

    public static Param<String> checkpointDir(Params owner) {
        return new Param<>(owner, "checkpointDir",
                "directory (any Hadoop FileSystem path) for training checkpoints; a fit with the"
                        + " same directory and params resumes after the last completed epoch");
    }

    public static IntParam checkpointInterval(Params owner) {
        return new IntParam(owner, "checkpointInterval",
                "write a checkpoint every this many epochs (>= 1), or disable checkpoints (-1)",
                validator((Object v) -> (Integer) v == -1 || (Integer) v >= 1));
    }

    /**
     * A fitted model whose weights (and optimizer state, when it fits) a fit starts from. Its
     * value is a model object, so it is saved beside the estimator's metadata, not in it.
     */
    public static <M> Param<M> initialModel(Params owner) {
        return new Param<>(owner, "initialModel",
                "a fitted model of this estimator whose weights training starts from");
    }

    /** Sets the documented defaults on a freshly constructed stage. */
    public static void setDefaults(NeuralNetParams stage) {
        stage.setDefault(stage.hiddenLayers(), new int[] {64});
        if (stage instanceof NeuralNetEstimatorParams<?> estimator) {
            stage.setDefault(estimator.network(), "");
        }
        stage.setDefault(stage.activation(), "relu");
        stage.setDefault(stage.optimizer(), "adam");
        stage.setDefault(stage.learningRate(), 1e-3);
        stage.setDefault(stage.l2(), 0.0);
        stage.setDefault(stage.epochs(), 10);
        stage.setDefault(stage.standardization(), true);
        stage.setDefault(stage.batchSize(), 32);
        stage.setDefault(stage.inferenceBatchSize(), DEFAULT_INFERENCE_BATCH_SIZE);
        // MLlib's HasSeed convention: a fixed default derived from the class name.
        stage.setDefault(stage.seed(), (long) stage.getClass().getName().hashCode());
        stage.setDefault(stage.validationFraction(), 0.0);
        stage.setDefault(stage.earlyStoppingPatience(), 0);
        stage.setDefault(stage.outerLearningRate(), 2.0);
        stage.setDefault(stage.numWorkers(), 0);
        stage.setDefault(stage.averagingInterval(), 0);
        stage.setDefault(stage.checkpointInterval(), 1);
    }

    /** True when {@code json} parses as a DL4J MultiLayerConfiguration. */
    public static boolean parsesAsNetwork(String json) {
        try {
            MultiLayerConfiguration.fromJson(json);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A Java predicate as the serializable Scala function Spark's Params expect. */
    private static <T> Function1<T, Object> validator(SerializablePredicate<T> test) {
        return (Function1<T, Object> & Serializable) value -> test.test(value);
    }

    @FunctionalInterface
    private interface SerializablePredicate<T> extends Serializable {
        boolean test(T value);
    }
}
