package io.sparknn.ml.data;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A mini-batch whose features stay compressed sparse rows (each row's nonzero values and their
 * positions, on the heap) with its labels as a dense matrix: what wide, mostly-zero inputs
 * (hashed text, one-hot columns) train and score from without a {@code rows x width} matrix.
 * Reused batch after batch by its producer; read it before asking for the next.
 */
public final class SparseBatch {
    private final int width;
    private final int[] rowStarts;
    private final Nonzeros nonzeros = new Nonzeros();
    private int rows;
    private INDArray labels;

    /** An empty batch of up to {@code maxRows} rows of {@code width} features. */
    public SparseBatch(int maxRows, int width) {
        this.width = width;
        this.rowStarts = new int[maxRows + 1];
    }

    /** Starts a batch: no rows yet. */
    public void clear() {
        rows = 0;
        nonzeros.truncate(0);
    }

    /** Adds one nonzero value to the row being built. */
    public void add(int index, float value) {
        nonzeros.add(index, value);
    }

    /** The list the row being built is appended to (then call {@link #endRow}). */
    public Nonzeros nonzeros() {
        return nonzeros;
    }

    /** The fraction of the batch's feature values that are not 0. */
    public double density() {
        return rows == 0 ? 0 : (double) rowStarts[rows] / ((double) rows * width);
    }

    /** Ends the row being built. */
    public void endRow() {
        rows++;
        rowStarts[rows] = nonzeros.size();
    }

    /** Sets the batch's labels ({@code rows x outputs}, c-order floats). */
    public void labels(INDArray labels) {
        this.labels = labels;
    }

    public int rows() {
        return rows;
    }

    public int width() {
        return width;
    }

    /** Where each row's values start in {@link #values}, {@code rows + 1} entries in use. */
    public int[] rowStarts() {
        return rowStarts;
    }

    /** The nonzero values' positions, row after row. */
    public int[] indices() {
        return nonzeros.indices();
    }

    /** The nonzero values, row after row. */
    public float[] values() {
        return nonzeros.values();
    }

    public INDArray labels() {
        return labels;
    }

    /**
     * The batch as a dense {@code rows x width} DataSet, for networks that take only dense
     * inputs (DL4J's own fit), written into {@code reuse} when it is a matrix of that shape (a
     * fresh native buffer per batch is an mmap), else into a new matrix.
     */
    public DataSet toDense(INDArray reuse) {
        INDArray features = reuse != null && reuse.rows() == rows && reuse.columns() == width
                ? reuse : FloatTensors.matrix(rows, width);
        FloatBuffer x = FloatTensors.hostView(features);
        for (int i = 0, end = rows * width; i < end; i++) {
            x.put(i, 0f);
        }
        int[] indices = nonzeros.indices();
        float[] values = nonzeros.values();
        for (int r = 0; r < rows; r++) {
            for (int k = rowStarts[r]; k < rowStarts[r + 1]; k++) {
                x.put(r * width + indices[k], values[k]);
            }
        }
        return new DataSet(FloatTensors.written(features), labels);
    }
}
