package io.sparknn.ml;

import java.io.Serializable;

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
    private final int bestEpoch;

    /**
     * @param trainingLoss mean training loss per epoch
     * @param validationLoss mean validation loss per epoch, or empty
     * @param epochSeconds seconds per epoch
     * @param bestEpoch the 1-based epoch whose parameters the model holds
     */
    public NeuralNetTrainingSummary(double[] trainingLoss, double[] validationLoss,
            double[] epochSeconds, int bestEpoch) {
        this.trainingLoss = trainingLoss.clone();
        this.validationLoss = validationLoss.clone();
        this.epochSeconds = epochSeconds.clone();
        this.bestEpoch = bestEpoch;
    }

    static NeuralNetTrainingSummary of(io.sparknn.ml.train.TrainingResult result) {
        return new NeuralNetTrainingSummary(result.trainingLoss(), result.validationLoss(),
                result.epochSeconds(), result.bestEpoch());
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

    /** Number of epochs completed (fewer than {@code epochs} after early stopping). */
    public int epochs() {
        return trainingLoss.length;
    }

    /** The epoch whose parameters the model holds: the last one, or the best with early stopping. */
    public int bestEpoch() {
        return bestEpoch;
    }
}
