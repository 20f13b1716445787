package io.sparknn.ml.train;

/**
 * Everything the epoch loop needs to continue after {@code epoch}: where the next epoch starts
 * (with updater state and DL4J's counters), the model to return, and the histories. The shuffle
 * and ND4J seeds derive from (seed, epoch, partition), so the epoch number is the RNG position.
 *
 * @param fingerprint identifies the training (network, seed, batch size, outer step, data width)
 * @param epoch epochs completed
 * @param state where the epoch after {@code epoch} starts ({@link OuterStep})
 * @param best the averaged network of the best epoch so far (early stopping), else of
 *     {@code epoch}
 * @param bestEpoch the epoch {@code best} holds
 * @param bestLoss its validation loss (infinity without validation)
 * @param stopped whether early stopping ended the training
 * @param trainingLoss per-epoch training loss so far
 * @param validationLoss per-epoch validation loss so far
 * @param epochSeconds per-epoch seconds so far
 */
public record TrainingCheckpoint(String fingerprint, int epoch, NetworkSnapshot state,
        NetworkSnapshot best, int bestEpoch, double bestLoss, boolean stopped,
        double[] trainingLoss, double[] validationLoss, double[] epochSeconds) {}
