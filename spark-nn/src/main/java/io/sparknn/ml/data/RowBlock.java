package io.sparknn.ml.data;

import com.esotericsoftware.kryo.DefaultSerializer;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Up to a few thousand converted rows of one partition: features in one float array, labels in
 * another, and each row's content key ({@link RowKeys}). This is what spark-nn caches between
 * epochs instead of Spark rows. Features are held densely (row-major) or, for rows that are
 * mostly zeros, as compressed sparse rows (each row's nonzero values and their positions): how a
 * block holds its rows saves memory and never changes what is computed from them. Records
 * travel through Java serialization also when Spark's serializer is Kryo, whose field
 * serializer cannot build records.
 *
 * @param features {@code rows * width} values, row-major; or, when {@code rowStarts} is not
 *     null, the nonzero values of all rows, row after row
 * @param labels class index or regression target per row
 * @param keys content key per row
 * @param rows number of rows held
 * @param width features per row
 * @param validation whether these are validation rows
 * @param rowStarts for sparse rows, where each row's values start in {@code features} ({@code
 *     rows + 1} entries, the last one the total); null for dense rows
 * @param indices for sparse rows, the position of each value of {@code features}, ascending
 *     within a row; null for dense rows
 */
@DefaultSerializer(JavaSerializer.class)
public record RowBlock(float[] features, float[] labels, long[] keys, int rows, int width,
        boolean validation, int[] rowStarts, int[] indices) implements Serializable {

    /** Dense rows. */
    public RowBlock(float[] features, float[] labels, long[] keys, int rows, int width,
            boolean validation) {
        this(features, labels, keys, rows, width, validation, null, null);
    }

    /** Whether the rows are held as compressed sparse rows. */
    public boolean sparse() {
        return rowStarts != null;
    }

    /** Bytes of the block's features and labels (for memory budgets). */
    public long bytes() {
        long bytes = 4L * features.length + 4L * labels.length;
        return sparse() ? bytes + 4L * rowStarts.length + 4L * indices.length : bytes;
    }

    /** The number of nonzero feature values of row {@code row}. */
    public int nonzeros(int row) {
        if (sparse()) {
            return rowStarts[row + 1] - rowStarts[row];
        }
        int count = 0;
        for (int i = row * width, end = i + width; i < end; i++) {
            count += features[i] != 0 ? 1 : 0;
        }
        return count;
    }

    /** Writes row {@code row}'s features densely to {@code dest} at {@code offset}. */
    public void copyRow(int row, float[] dest, int offset) {
        if (!sparse()) {
            System.arraycopy(features, row * width, dest, offset, width);
            return;
        }
        Arrays.fill(dest, offset, offset + width, 0f);
        for (int k = rowStarts[row]; k < rowStarts[row + 1]; k++) {
            dest[offset + indices[k]] = features[k];
        }
    }
}
