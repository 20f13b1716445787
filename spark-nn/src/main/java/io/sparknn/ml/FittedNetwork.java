package io.sparknn.ml;

import io.sparknn.ml.predict.LocalNetwork;
import io.sparknn.ml.predict.ScoringBroadcast;
import io.sparknn.ml.train.NetworkSnapshot;
import java.io.Serializable;
import org.apache.spark.ml.linalg.Vector;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * What a fitted model holds besides its Params: the trained network as values, its input width,
 * its classes (0 for a regressor) and the training summary (null when unknown). Shared by both
 * model classes; immutable.
 */
final class FittedNetwork implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The state of a model constructed reflectively, before any network is attached. */
    static final FittedNetwork NONE = new FittedNetwork(null, -1, 0, null);

    private final NetworkSnapshot snapshot;
    private final int numFeatures;
    private final int numClasses;
    private final NeuralNetTrainingSummary summary;
    private final LocalNetwork local;
    /** Made on the first transform; not serialized (a broadcast belongs to one SparkContext). */
    private transient ScoringBroadcast scoring;

    FittedNetwork(NetworkSnapshot snapshot, int numFeatures, int numClasses,
            NeuralNetTrainingSummary summary) {
        this.snapshot = snapshot;
        this.numFeatures = numFeatures;
        this.numClasses = numClasses;
        this.summary = summary;
        this.local = snapshot == null ? null : new LocalNetwork(snapshot, numFeatures, "features");
    }

    /**
     * The trained network's state.
     *
     * @throws IllegalStateException when the model has none
     */
    NetworkSnapshot snapshot(String uid) {
        if (snapshot == null) {
            throw new IllegalStateException("Model " + uid + " has no trained network: fit an"
                    + " estimator to get one.");
        }
        return snapshot;
    }

    /** The network as every transform of the model ships it to executors. */
    synchronized ScoringBroadcast scoring(String uid) {
        if (scoring == null) {
            scoring = new ScoringBroadcast(snapshot(uid));
        }
        return scoring;
    }

    int numFeatures() {
        return numFeatures;
    }

    int numClasses() {
        return numClasses;
    }

    boolean hasSummary() {
        return summary != null;
    }

    NeuralNetTrainingSummary summary(String uid) {
        if (summary == null) {
            throw new IllegalStateException("No training summary available for " + uid + ".");
        }
        return summary;
    }

    /** A copy of the network, with its updater state; the caller owns it. */
    MultiLayerNetwork network(String uid) {
        return snapshot(uid).toNetwork();
    }

    /** Frees the single-row network's native memory; it reopens on the next prediction. */
    void releaseLocalNetwork() {
        if (local != null) {
            local.close();
        }
    }

    /** Whether the single-row network holds native memory now. */
    boolean localNetworkOpen() {
        return local != null && local.isOpen();
    }

    /** The network's outputs for one row, computed on the driver. */
    double[] predict(String uid, Vector features) {
        snapshot(uid);
        return local.predict(features);
    }
}
