package io.sparknn.ml.data;

import java.io.Serializable;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import scala.collection.Seq;

/**
 * Copies one row's features into a float buffer, checking width and finiteness, so the rest of
 * the library only sees dense float rows. Immutable; shipped to executors.
 */
public final class FeatureReader implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String column;
    private final FeatureKind kind;

    public FeatureReader(String column, FeatureKind kind) {
        this.column = column;
        this.kind = kind;
    }

    public String column() {
        return column;
    }

    /** The number of features in {@code row}'s field {@code index}. */
    public int width(Row row, int index) {
        checkNotNull(row, index);
        return switch (kind) {
            case VECTOR -> ((Vector) row.get(index)).size();
            case FLOAT_ARRAY, DOUBLE_ARRAY -> ((Seq<?>) row.get(index)).length();
        };
    }

    /**
     * Writes {@code width} features of field {@code index} to {@code dest} at {@code offset}.
     *
     * @throws IllegalArgumentException naming the column on null, a width other than {@code
     *     width}, NaN or infinity
     */
    public void read(Row row, int index, int width, float[] dest, int offset) {
        checkNotNull(row, index);
        Object value = row.get(index);
        switch (kind) {
            case VECTOR -> readVector((Vector) value, width, dest, offset);
            case FLOAT_ARRAY, DOUBLE_ARRAY -> readSeq((Seq<?>) value, width, dest, offset);
        }
    }

    /** Writes a vector's {@code width} features to {@code dest} at {@code offset}, with the row checks. */
    public void readVector(Vector vector, int width, float[] dest, int offset) {
        checkWidth(vector.size(), width);
        if (vector instanceof DenseVector dense) {
            double[] values = dense.values();
            for (int i = 0; i < width; i++) {
                dest[offset + i] = finite(values[i]);
            }
        } else {
            SparseVector sparse = (SparseVector) vector;
            java.util.Arrays.fill(dest, offset, offset + width, 0f);
            int[] indices = sparse.indices();
            double[] values = sparse.values();
            for (int i = 0; i < indices.length; i++) {
                dest[offset + indices[i]] = finite(values[i]);
            }
        }
    }

    private void readSeq(Seq<?> seq, int width, float[] dest, int offset) {
        checkWidth(seq.length(), width);
        for (int i = 0; i < width; i++) {
            Object element = seq.apply(i);
            if (element == null) {
                throw new IllegalArgumentException(
                        "Column '" + column + "' has a null element at position " + i + ".");
            }
            dest[offset + i] = finite(((Number) element).doubleValue());
        }
    }

    private float finite(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("Column '" + column + "' has a " + value
                    + " value; features must be finite numbers (impute or drop such rows).");
        }
        return (float) value;
    }

    private void checkWidth(int actual, int expected) {
        if (actual != expected) {
            throw new IllegalArgumentException("Column '" + column + "' has a row with "
                    + actual + " features, expected " + expected
                    + " (all rows must have the same width as the model's input).");
        }
    }

    private void checkNotNull(Row row, int index) {
        if (row.isNullAt(index)) {
            throw new IllegalArgumentException("Column '" + column + "' has a null value.");
        }
    }
}
