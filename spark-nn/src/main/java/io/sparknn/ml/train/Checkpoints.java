package io.sparknn.ml.train;

import java.util.Optional;

/** Where the epoch loop saves and finds {@link TrainingCheckpoint}s. */
public interface Checkpoints {

    /**
     * The newest complete checkpoint of the training identified by {@code fingerprint}, if any.
     *
     * @throws IllegalArgumentException when the location holds another training's checkpoints
     */
    Optional<TrainingCheckpoint> latest(String fingerprint);

    /** Saves a checkpoint atomically, keeping the last two. */
    void save(TrainingCheckpoint checkpoint);

    /** Epochs between checkpoints. */
    int interval();

    /** Where the checkpoints live, for messages. */
    String location();
}
