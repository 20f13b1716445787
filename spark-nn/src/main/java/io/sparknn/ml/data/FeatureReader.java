package io.sparknn.ml.data;

import java.io.Serializable;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import scala.collection.Seq;

/**
 * Copies one row's features into a float buffer, or its nonzero features into a {@link
 * Nonzeros} list, checking width and finiteness, so the rest of the library only sees float rows
 * that are valid. Immutable; shipped to executors.
 */
public final class FeatureReader implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Fields of a Vector in Spark's internal rows (type, size, indices, values). */
    private static final int VECTOR_FIELDS = 4;
    private static final VectorUDT VECTORS = new VectorUDT();

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
    public int width(InternalRow row, int index) {
        checkNotNull(row.isNullAt(index));
        return switch (kind) {
            case VECTOR -> VECTORS.deserialize(row.getStruct(index, VECTOR_FIELDS)).size();
            case FLOAT_ARRAY, DOUBLE_ARRAY -> row.getArray(index).numElements();
        };
    }

    /** The number of nonzero features in {@code row}'s field {@code index}. */
    public int nonzeros(InternalRow row, int index) {
        checkNotNull(row.isNullAt(index));
        if (kind == FeatureKind.VECTOR) {
            return VECTORS.deserialize(row.getStruct(index, VECTOR_FIELDS)).numNonzeros();
        }
        ArrayData array = row.getArray(index);
        int count = 0;
        for (int i = 0; i < array.numElements(); i++) {
            boolean zero = array.isNullAt(i) || (kind == FeatureKind.FLOAT_ARRAY
                    ? array.getFloat(i) == 0 : array.getDouble(i) == 0);
            count += zero ? 0 : 1;
        }
        return count;
    }

    /**
     * Writes {@code width} features of field {@code index} to {@code dest} at {@code offset}.
     *
     * @throws IllegalArgumentException naming the column on null, a width other than {@code
     *     width}, NaN or infinity
     */
    public void read(Row row, int index, int width, float[] dest, int offset) {
        checkNotNull(row.isNullAt(index));
        Object value = row.get(index);
        switch (kind) {
            case VECTOR -> readVector((Vector) value, width, dest, offset);
            case FLOAT_ARRAY, DOUBLE_ARRAY -> readSeq((Seq<?>) value, width, dest, offset);
        }
    }

    /**
     * {@link #read(Row, int, int, float[], int)} for Spark's internal row format, with the same
     * checks and messages: an array is copied in bulk from the row's own bytes, where the {@code
     * Row} form has every element boxed first.
     */
    public void read(InternalRow row, int index, int width, float[] dest, int offset) {
        checkNotNull(row.isNullAt(index));
        switch (kind) {
            case VECTOR -> readVector(VECTORS.deserialize(row.getStruct(index, VECTOR_FIELDS)),
                    width, dest, offset);
            case FLOAT_ARRAY -> readFloats(row.getArray(index), width, dest, offset);
            case DOUBLE_ARRAY -> readDoubles(row.getArray(index), width, dest, offset);
        }
    }

    /**
     * Appends the nonzero features of field {@code index} to {@code dest} (a sparse vector's
     * values are copied as they are, explicit zeros dropped; other rows are read densely into
     * {@code scratch}, of at least {@code width} floats, first), with the checks of {@link
     * #read(InternalRow, int, int, float[], int)}. A value of -0.0 counts as 0.
     */
    public void readNonzeros(InternalRow row, int index, int width, float[] scratch,
            Nonzeros dest) {
        if (kind == FeatureKind.VECTOR) {
            checkNotNull(row.isNullAt(index));
            readNonzeros(VECTORS.deserialize(row.getStruct(index, VECTOR_FIELDS)), width,
                    scratch, dest);
            return;
        }
        read(row, index, width, scratch, 0);
        dest.addDense(scratch, 0, width);
    }

    /** {@link #readNonzeros(InternalRow, int, int, float[], Nonzeros)} for a {@code Row}. */
    public void readNonzeros(Row row, int index, int width, float[] scratch, Nonzeros dest) {
        if (kind == FeatureKind.VECTOR) {
            checkNotNull(row.isNullAt(index));
            readNonzeros((Vector) row.get(index), width, scratch, dest);
            return;
        }
        read(row, index, width, scratch, 0);
        dest.addDense(scratch, 0, width);
    }

    private void readNonzeros(Vector vector, int width, float[] scratch, Nonzeros dest) {
        if (vector instanceof SparseVector sparse) {
            checkWidth(sparse.size(), width);
            int[] indices = sparse.indices();
            double[] values = sparse.values();
            dest.grow(dest.size() + indices.length);
            for (int i = 0; i < indices.length; i++) {
                float value = finite(values[i]);
                if (value != 0) {
                    dest.add(indices[i], value);
                }
            }
            return;
        }
        readVector(vector, width, scratch, 0);
        dest.addDense(scratch, 0, width);
    }

    /**
     * Writes a vector's {@code width} features to {@code dest} at {@code offset}, with the row
     * checks.
     */
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
                throw nullElement(i);
            }
            dest[offset + i] = finite(((Number) element).doubleValue());
        }
    }

    /**
     * One bulk copy of the array's values (a null element reads as 0 there, so the null bits
     * are checked first), then one pass over the copy for NaN and infinity. Arrays in Spark's
     * row format ({@link UnsafeArrayData}, what cached and scanned rows hold) are copied straight
     * from the row's bytes ({@link UnsafeArrays}).
     */
    private void readFloats(ArrayData array, int width, float[] dest, int offset) {
        checkWidth(array.numElements(), width);
        checkNoNullElements(array, width);
        if (array instanceof UnsafeArrayData unsafe) {
            UnsafeArrays.copyFloats(unsafe, width, dest, offset);
        } else {
            System.arraycopy(array.toFloatArray(), 0, dest, offset, width);
        }
        if (!UnsafeArrays.allFinite(dest, offset, offset + width)) {
            for (int i = 0; i < width; i++) {
                finite(array.getFloat(i));
            }
        }
    }

    private void readDoubles(ArrayData array, int width, float[] dest, int offset) {
        checkWidth(array.numElements(), width);
        checkNoNullElements(array, width);
        if (array instanceof UnsafeArrayData unsafe) {
            UnsafeArrays.copyDoublesAsFloats(unsafe, width, dest, offset);
        } else {
            double[] values = array.toDoubleArray();
            for (int i = 0; i < width; i++) {
                dest[offset + i] = (float) values[i];
            }
        }
        if (!UnsafeArrays.allFinite(dest, offset, offset + width)) {
            for (int i = 0; i < width; i++) {
                finite(array.getDouble(i));
            }
        }
    }

    private void checkNoNullElements(ArrayData array, int width) {
        if (array instanceof UnsafeArrayData unsafe && !UnsafeArrays.hasNull(unsafe)) {
            return;
        }
        for (int i = 0; i < width; i++) {
            if (array.isNullAt(i)) {
                throw nullElement(i);
            }
        }
    }

    private IllegalArgumentException nullElement(int position) {
        return new IllegalArgumentException(
                "Column '" + column + "' has a null element at position " + position + ".");
    }

    /**
     * {@code value} as the float the network sees. A finite double beyond float's range (about
     * 3.4e38) would become infinity there, so it is rejected too.
     */
    private float finite(double value) {
        float asFloat = (float) value;
        if (Float.isFinite(asFloat)) {
            return asFloat;
        }
        if (Double.isFinite(value)) {
            throw new IllegalArgumentException("Column '" + column + "' has a value (" + value
                    + ") beyond float32's range; networks train on float32 features (scale"
                    + " the column).");
        }
        throw new IllegalArgumentException("Column '" + column + "' has a " + value
                + " value; features must be finite numbers (impute or drop such rows).");
    }

    private void checkWidth(int actual, int expected) {
        if (actual != expected) {
            throw new IllegalArgumentException("Column '" + column + "' has a row with "
                    + actual + " features, expected " + expected
                    + " (all rows must have the same width as the model's input).");
        }
    }

    private void checkNotNull(boolean isNull) {
        if (isNull) {
            throw new IllegalArgumentException("Column '" + column + "' has a null value.");
        }
    }
}
