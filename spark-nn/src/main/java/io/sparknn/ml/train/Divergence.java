package io.sparknn.ml.train;

import java.util.Locale;

/**
 * Stops a fit whose training has diverged: a non-finite training or validation loss, or
 * non-finite averaged parameters, ends it at that epoch, before that epoch is validated,
 * checkpointed or returned. A NaN network would otherwise be "trained" and then predict one
 * class for every row.
 */
final class Divergence {
    private Divergence() {}

    /**
     * @throws IllegalStateException naming the epoch and what to try
     */
    static void checkTraining(int epoch, int epochs, double loss, NetworkSnapshot model) {
        long bad = 0;
        for (double p : model.params()) {
            if (!Double.isFinite(p)) {
                bad++;
            }
        }
        if (bad > 0 || !Double.isFinite(loss)) {
            throw diverged(epoch, epochs, String.format(Locale.ROOT,
                    "the training loss is %s and %,d of the %,d averaged parameters are not"
                    + " finite", loss, bad, model.params().length));
        }
    }

    /**
     * @throws IllegalStateException naming the epoch and what to try
     */
    static void checkValidation(int epoch, int epochs, double loss) {
        if (!Double.isFinite(loss)) {
            throw diverged(epoch, epochs, "the validation loss is " + loss);
        }
    }

    private static IllegalStateException diverged(int epoch, int epochs, String what) {
        return new IllegalStateException("Training diverged in epoch " + epoch + "/" + epochs
                + ": " + what + ". No model of this epoch is checkpointed or returned. Try a"
                + " lower learningRate, features on a common scale (standardize them, e.g."
                + " with StandardScaler), or l2 regularization.");
    }
}
