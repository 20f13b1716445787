package io.sparknn.ml.train;

import io.sparknn.ml.data.Standardization;
import java.io.Serializable;

/**
 * What the epoch loop produced.
 *
 * @param network the final (or, with early stopping, the best epoch's) network
 * @param trainingLoss mean training loss per epoch
 * @param validationLoss mean validation loss per epoch; empty without validation rows
 * @param epochSeconds wall-clock seconds per epoch, validation included
 * @param fitLoopSeconds per epoch, the longest time a task spent in DL4J's fit calls, summed
 *     over the epoch's rounds (NaN for epochs restored from a checkpoint)
 * @param rounds per epoch, its averaging rounds
 * @param bestEpoch the epoch (1-based) whose parameters {@code network} holds
 * @param denseKernel whether spark-nn's dense kernel computed every training task of the fit
 *     (false when any ran DL4J's fit)
 * @param featureMean the training features' means used by standardization, or empty
 * @param featureStd their standard deviations, or empty
 */
public record TrainingResult(NetworkSnapshot network, double[] trainingLoss,
        double[] validationLoss, double[] epochSeconds, double[] fitLoopSeconds, Rounds rounds,
        int bestEpoch, boolean denseKernel, double[] featureMean, double[] featureStd)
        implements Serializable {

    /** This result with the network folded back to raw features, and the statistics used. */
    TrainingResult standardized(NetworkSnapshot folded, Standardization s) {
        return new TrainingResult(folded, trainingLoss, validationLoss, epochSeconds,
                fitLoopSeconds, rounds, bestEpoch, denseKernel, s.mean(), s.std());
    }

    /**
     * Per epoch, how its workers were averaged (0 and NaN for epochs restored from a checkpoint).
     *
     * @param count averaging rounds (1: once per epoch)
     * @param lastBatches batches per worker in the epoch's last round
     * @param averagingShare the share of the rounds' wall time outside training proper
     *     (scheduling, broadcast, results, sum): 1 - the tasks' fit time spread over the cores
     *     that ran them, divided by the rounds' time
     */
    public record Rounds(int[] count, int[] lastBatches, double[] averagingShare)
            implements Serializable {}
}
