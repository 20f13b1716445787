package io.sparknn.ml;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What happened during a fit, one value per completed epoch: mean training loss, mean validation
 * loss (empty without validation rows) and wall-clock seconds.
 *
 * <pre>{@code
 * NeuralNetTrainingSummary s = model.summary();
 * double last = s.trainingLossHistory()[s.epochs() - 1];
 * }</pre>
 */
public final class NeuralNetTrainingSummary implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double[] trainingLoss;
    private final double[] validationLoss;
    private final double[] epochSeconds;
    private final double[] fitLoopSeconds;
    private final int[] averagingRounds;
    private final int[] roundBatches;
    private final double[] averagingShare;
    private final int bestEpoch;
    private final boolean denseKernel;
    private final double[] featureMean;
    private final double[] featureStd;

    /**
     * @param trainingLoss mean training loss per epoch
     * @param validationLoss mean validation loss per epoch, or empty
     * @param epochSeconds seconds per epoch
     * @param fitLoopSeconds per epoch, the longest task's seconds inside DL4J's fit calls (NaN
     *     where unknown)
     * @param averagingRounds per epoch, the rounds its workers were averaged in (0 where
     *     unknown)
     * @param roundBatches per epoch, the batches per worker of its last round (0 where unknown)
     * @param averagingShare per epoch, the share of the training time spent averaging (NaN where
     *     unknown)
     * @param bestEpoch the 1-based epoch whose parameters the model holds
     * @param denseKernel whether spark-nn's dense kernel trained the network (false: DL4J's fit)
     * @param featureMean the features' means standardization used, or empty
     * @param featureStd their standard deviations, or empty
     */
    public NeuralNetTrainingSummary(double[] trainingLoss, double[] validationLoss,
            double[] epochSeconds, double[] fitLoopSeconds, int[] averagingRounds,
            int[] roundBatches, double[] averagingShare, int bestEpoch, boolean denseKernel,
            double[] featureMean, double[] featureStd) {
        int epochs = epochSeconds.length;
        if (fitLoopSeconds.length != epochs || averagingRounds.length != epochs
                || roundBatches.length != epochs || averagingShare.length != epochs) {
            throw new IllegalArgumentException("fitLoopSeconds, averagingRounds, roundBatches"
                    + " and averagingShare need one value for each of the " + epochs + " epochs");
        }
        this.trainingLoss = trainingLoss.clone();
        this.validationLoss = validationLoss.clone();
        this.epochSeconds = epochSeconds.clone();
        this.fitLoopSeconds = fitLoopSeconds.clone();
        this.averagingRounds = averagingRounds.clone();
        this.roundBatches = roundBatches.clone();
        this.averagingShare = averagingShare.clone();
        this.bestEpoch = bestEpoch;
        this.denseKernel = denseKernel;
        this.featureMean = featureMean.clone();
        this.featureStd = featureStd.clone();
    }

    static NeuralNetTrainingSummary of(io.sparknn.ml.train.TrainingResult result) {
        return new NeuralNetTrainingSummary(result.trainingLoss(), result.validationLoss(),
                result.epochSeconds(), result.fitLoopSeconds(), result.rounds().count(),
                result.rounds().lastBatches(), result.rounds().averagingShare(),
                result.bestEpoch(),
                result.denseKernel(), result.featureMean(), result.featureStd());
    }

    /** Mean training loss (DL4J's score: loss plus any l2 term) of each epoch. */
    public double[] trainingLossHistory() {
        return trainingLoss.clone();
    }

    /** Mean validation loss of each epoch; empty when the fit had no validation rows. */
    public double[] validationLossHistory() {
        return validationLoss.clone();
    }

    /** Wall-clock seconds of each epoch, validation pass included. */
    public double[] epochSeconds() {
        return epochSeconds.clone();
    }

    /**
     * Per epoch, the seconds the slowest training task spent inside DL4J's fit calls (forward,
     * backward, optimizer step): the part of {@link #epochSeconds()} that is training proper.
     * The rest is Spark's scheduling, the broadcast of the parameters, batching rows into
     * tensors, averaging and the validation pass. NaN for epochs restored from a checkpoint.
     */
    public double[] fitLoopSeconds() {
        return fitLoopSeconds.clone();
    }

    /**
     * Per epoch, the rounds in which the workers' parameters were averaged: 1 when they average
     * once per epoch (averagingInterval 0), more with averaging rounds. 0 for epochs restored
     * from a checkpoint.
     */
    public int[] averagingRounds() {
        return averagingRounds.clone();
    }

    /**
     * Per epoch, the mini-batches each worker trained in its last round (with averagingInterval
     * -1, the length the automatic choice had reached). 0 for epochs restored from a checkpoint.
     */
    public int[] roundBatches() {
        return roundBatches.clone();
    }

    /**
     * Per epoch, the share of the rounds' time spent outside training proper: scheduling the
     * jobs, broadcasting the parameters, returning and summing the results (1 minus the tasks'
     * fit time, spread over the cores that ran them, over the rounds' wall time). Automatic
     * rounds aim at 0.05. NaN for epochs restored from a checkpoint.
     */
    public double[] averagingShare() {
        return averagingShare.clone();
    }

    /** Number of epochs completed (fewer than {@code epochs} after early stopping). */
    public int epochs() {
        return trainingLoss.length;
    }

    /**
     * One row per epoch (epoch, trainingLoss, validationLoss, seconds; validationLoss is null
     * without validation rows), for a notebook's built-in charts: {@code
     * display(model.summary().history())} on Databricks, {@code z.show(...)} on Zeppelin.
     */
    public Dataset<Row> history() {
        StructType schema = new StructType()
                .add("epoch", DataTypes.IntegerType, false)
                .add("trainingLoss", DataTypes.DoubleType, false)
                .add("validationLoss", DataTypes.DoubleType, true)
                .add("seconds", DataTypes.DoubleType, false);
        List<Row> rows = new ArrayList<>();
        for (int e = 0; e < trainingLoss.length; e++) {
            rows.add(RowFactory.create(e + 1, trainingLoss[e],
                    e < validationLoss.length ? validationLoss[e] : null, epochSeconds[e]));
        }
        return SparkSession.active().createDataFrame(rows, schema);
    }

    /**
     * Whether spark-nn's dense kernel trained the network on every task (see the README's
     * Architecture), or DL4J's own fit did: for networks the kernel does not cover, on ND4J's
     * CUDA backend, or with {@code spark.sparknn.kernel.enabled=false}.
     */
    public boolean trainedWithDenseKernel() {
        return denseKernel;
    }

    /**
     * The training features' means that standardization used (as MLlib's {@code
     * StandardScalerModel.mean}), one per feature; empty when the fit did not standardize. When
     * the data was sparse (under 10% of the values nonzero) they were not shifted by these.
     */
    public double[] featureMean() {
        return featureMean.clone();
    }

    /**
     * The training features' sample standard deviations that standardization divided by (as
     * MLlib's {@code StandardScalerModel.std}); 0 for a constant feature, which was not scaled;
     * empty when the fit did not standardize.
     */
    public double[] featureStd() {
        return featureStd.clone();
    }

    /** The epoch whose parameters the model holds: the last one, or the best with early stopping. */
    public int bestEpoch() {
        return bestEpoch;
    }
}
