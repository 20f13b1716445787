package io.sparknn.ml.kernel;

import java.io.Serializable;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * A run of consecutive parameters sharing one optimizer configuration: DL4J's "updater block".
 * Its optimizer state sits at {@code stateOffset} of DL4J's flat updater state, laid out as DL4J
 * lays it out (Adam: all first moments of the run, then all second moments).
 */
public record UpdaterSegment(int paramStart, int paramEnd, int stateOffset, IUpdater updater)
        implements Serializable {

    public int length() {
        return paramEnd - paramStart;
    }

    /** Optimizer state values of this run: 0 (SGD), 1 or 2 (Adam) per parameter. */
    public int stateLength() {
        return (int) updater.stateSize(length());
    }
}
