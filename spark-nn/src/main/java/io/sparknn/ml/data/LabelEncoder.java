package io.sparknn.ml.data;

import java.io.Serializable;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * Checks a label and stores it as a float: a class index for classification, the target for
 * regression. Batches turn class indices into one-hot rows. Immutable; shipped to executors.
 */
public final class LabelEncoder implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String column;
    private final boolean classification;
    /** Number of classes when the column's metadata declares it; -1 when found from the data. */
    private final int declaredClasses;

    public LabelEncoder(String column, boolean classification, int declaredClasses) {
        this.column = column;
        this.classification = classification;
        this.declaredClasses = declaredClasses;
    }

    /**
     * The label of field {@code index} (Predictor.fit has cast it to double).
     *
     * @throws IllegalArgumentException naming the column on null, NaN, infinity, and for
     *     classification a negative, fractional or out-of-range class
     */
    public float encode(InternalRow row, int index) {
        if (row.isNullAt(index)) {
            throw new IllegalArgumentException("Column '" + column
                    + "' has a null label; drop or impute such rows before fit.");
        }
        double label = row.getDouble(index);
        if (Double.isNaN(label) || Double.isInfinite(label)) {
            throw new IllegalArgumentException(
                    "Column '" + column + "' has a " + label + " label; labels must be finite.");
        }
        if (classification) {
            if (label < 0 || label != Math.rint(label)) {
                throw new IllegalArgumentException("Column '" + column + "' has label " + label
                        + "; classifier labels must be whole numbers 0, 1, ..., k-1.");
            }
            if (declaredClasses > 0 && label >= declaredClasses) {
                throw new IllegalArgumentException("Column '" + column + "' has label " + label
                        + ", but its metadata declares " + declaredClasses
                        + " classes (labels 0.." + (declaredClasses - 1) + ").");
            }
            if (label > (1 << 24)) {
                throw new IllegalArgumentException("Column '" + column + "' has label " + label
                        + "; that many classes is not supported.");
            }
        }
        return (float) label;
    }
}
