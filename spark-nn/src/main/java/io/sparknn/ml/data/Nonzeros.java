package io.sparknn.ml.data;

import java.util.Arrays;

/**
 * A growable list of (position, value) pairs: the nonzero features of rows being converted to
 * compressed sparse rows, or of a sparse batch being gathered. Not thread-safe; reused.
 */
public final class Nonzeros {
    private int[] indices = new int[64];
    private float[] values = new float[64];
    private int size;

    /** Appends one nonzero feature. */
    public void add(int index, float value) {
        if (size == indices.length) {
            grow(size + 1);
        }
        indices[size] = index;
        values[size] = value;
        size++;
    }

    /** Appends the nonzero values of the dense row {@code row[from, from + width)}. */
    public void addDense(float[] row, int from, int width) {
        for (int i = 0; i < width; i++) {
            if (row[from + i] != 0) {
                add(i, row[from + i]);
            }
        }
    }

    /** Makes room for {@code capacity} pairs in all. */
    public void grow(int capacity) {
        if (capacity > indices.length) {
            int length = Math.max(capacity, indices.length + (indices.length >> 1));
            indices = Arrays.copyOf(indices, length);
            values = Arrays.copyOf(values, length);
        }
    }

    /** Forgets the pairs from {@code size} on. */
    public void truncate(int size) {
        this.size = size;
    }

    public int size() {
        return size;
    }

    /** The positions (the first {@link #size} are in use; valid until the next append). */
    public int[] indices() {
        return indices;
    }

    /** The values (the first {@link #size} are in use; valid until the next append). */
    public float[] values() {
        return values;
    }
}
