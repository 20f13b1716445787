package io.sparknn.ml.train;

/**
 * Where fits keep their checkpoints ({@code checkpointDir}): one series of checkpoints per
 * training, told apart by the training's fingerprint (its data, params and initial network), so
 * a fit on other data or with other params never resumes another's, and the folds of a
 * CrossValidator each keep their own.
 */
public interface Checkpoints {

    /**
     * Fails before any training work when the location cannot be written.
     *
     * @throws IllegalArgumentException naming checkpointDir and the reason
     */
    void checkWritable();

    /**
     * The checkpoints of the training identified by {@code fingerprint}, locked for this fit
     * until closed.
     *
     * @throws IllegalStateException when another running fit holds them
     */
    CheckpointSeries open(String fingerprint);
}
