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
 * @param fitLoopSeconds per epoch, the longest time a task spent in DL4J's fit calls (NaN for
 *     epochs restored from a checkpoint)
 * @param bestEpoch the epoch (1-based) whose parameters {@code network} holds
 * @param denseKernel whether spark-nn's dense kernel computed every training task of the fit
 *     (false when any ran DL4J's fit)
 * @param featureMean the training features' means used by standardization, or empty
 * @param featureStd their standard deviations, or empty
 */
public record TrainingResult(NetworkSnapshot network, double[] trainingLoss,
        double[] validationLoss, double[] epochSeconds, double[] fitLoopSeconds, int bestEpoch,
        boolean denseKernel, double[] featureMean, double[] featureStd) implements Serializable {

    /** This result with the network folded back to raw features, and the statistics used. */
    TrainingResult standardized(NetworkSnapshot folded, Standardization s) {
        return new TrainingResult(folded, trainingLoss, validationLoss, epochSeconds,
                fitLoopSeconds, bestEpoch, denseKernel, s.mean(), s.std());
    }
}
