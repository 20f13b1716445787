package io.sparknn.ml.train;

import java.util.Optional;

/**
 * The checkpoints of one training ({@link Checkpoints#open}), held by one fit at a time: it
 * resumes from the newest and saves one every few epochs.
 */
public interface CheckpointSeries extends AutoCloseable {

    /** The newest complete checkpoint, if any. */
    Optional<TrainingCheckpoint> latest();

    /** Saves a checkpoint atomically, keeping the last two. */
    void save(TrainingCheckpoint checkpoint);

    /** Epochs between checkpoints. */
    int interval();

    /** Where the checkpoints live, for messages. */
    String location();

    /** Releases the series for other fits. */
    @Override
    void close();
}
