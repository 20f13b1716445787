package io.sparknn.ml.predict;

import java.io.Serializable;

/** Turns one row of network output into the values of the columns a model appends. */
public interface OutputColumns extends Serializable {
    /**
     * The appended column values for the output row starting at {@code offset}.
     *
     * @param output network outputs, row-major
     * @param offset start of this row's outputs
     */
    Object[] values(float[] output, int offset);

    /** Network outputs per row: the classes of a classifier, 1 for a regressor. */
    int width();
}
