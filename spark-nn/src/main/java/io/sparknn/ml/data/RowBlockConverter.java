package io.sparknn.ml.data;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * Converts one partition's rows ({@code features, label[, isValidation]}, in Spark's internal
 * format: features copied in bulk, nothing boxed) into {@link RowBlock}s, once per fit: every
 * later epoch reads the cached blocks, never Spark rows. Rows are checked as
 * they are copied, so bad data fails here, before any training job.
 */
public final class RowBlockConverter implements Serializable {
    private static final long serialVersionUID = 1L;
    /**
     * At most 256 KiB of features per block. Spark's Java serialization stream keeps every
     * object it wrote until it resets (every 100 objects by default), so while a partition
     * spills to disk about 100 blocks stay reachable: small blocks keep that to ~25 MiB, which
     * lets a partition far bigger than the heap spill.
     */
    private static final int BLOCK_FLOATS = 1 << 16;

    private final FeatureReader features;
    private final LabelEncoder labels;
    private final int declaredWidth;
    private final ValidationSplit split;

    /**
     * @param declaredWidth features per row when the schema declares it, else -1 (taken from the
     *     partition's first row; widths are compared across partitions afterwards)
     */
    public RowBlockConverter(
            FeatureReader features, LabelEncoder labels, int declaredWidth, ValidationSplit split) {
        this.features = features;
        this.labels = labels;
        this.declaredWidth = declaredWidth;
        this.split = split;
    }

    /** Lazily converts {@code rows}, the rows of one partition. */
    public Iterator<RowBlock> convert(Iterator<InternalRow> rows) {
        return new BlockIterator(rows);
    }

    private final class BlockIterator implements Iterator<RowBlock> {
        private final Iterator<InternalRow> rows;
        private final ArrayDeque<RowBlock> ready = new ArrayDeque<>(2);
        private Builder train;
        private Builder validation;
        private int width;
        /** {@link RowKeys}' position weights for this width, made with the first block. */
        private long[] weights;

        BlockIterator(Iterator<InternalRow> rows) {
            this.rows = rows;
            this.width = declaredWidth;
        }

        @Override
        public boolean hasNext() {
            while (ready.isEmpty() && rows.hasNext()) {
                add(rows.next());
            }
            if (ready.isEmpty() && !rows.hasNext()) {
                flush(train);
                flush(validation);
                train = null;
                validation = null;
            }
            return !ready.isEmpty();
        }

        @Override
        public RowBlock next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.poll();
        }

        private void add(InternalRow row) {
            if (width < 0) {
                width = features.width(row, 0);
                if (width == 0) {
                    throw new IllegalArgumentException(
                            "Column '" + features.column() + "' has empty feature vectors.");
                }
            }
            if (weights == null) {
                weights = RowKeys.weights(width);
            }
            if (train == null) {
                train = new Builder(width, false, weights);
            }
            // Read into the training block's next slot: a validation row (decided by its
            // content key, known once read) moves to the validation block.
            train.stage(row);
            if (!split.isValidation(row, 2, train.stagedKey())) {
                train.commit();
                if (train.full()) {
                    ready.add(train.build());
                    train = null;
                }
                return;
            }
            if (validation == null) {
                validation = new Builder(width, true, weights);
            }
            validation.commitStagedFrom(train);
            if (validation.full()) {
                ready.add(validation.build());
                validation = null;
            }
        }

        private void flush(Builder builder) {
            if (builder != null && builder.rows > 0) {
                ready.add(builder.build());
            }
        }
    }

    private final class Builder {
        private final int width;
        private final boolean validation;
        private final long[] weights;
        private final float[] x;
        private final float[] y;
        private final long[] keys;
        private int rows;

        Builder(int width, boolean validation, long[] weights) {
            this.width = width;
            this.validation = validation;
            this.weights = weights;
            int capacity = Math.max(1, Math.min(4096, BLOCK_FLOATS / width));
            this.x = new float[capacity * width];
            this.y = new float[capacity];
            this.keys = new long[capacity];
        }

        /** Reads {@code row} into the next slot, without counting it yet. */
        void stage(InternalRow row) {
            features.read(row, 0, width, x, rows * width);
            y[rows] = labels.encode(row, 1);
            keys[rows] = RowKeys.of(x, rows * width, weights, y[rows]);
        }

        long stagedKey() {
            return keys[rows];
        }

        /** Counts the staged row. */
        void commit() {
            rows++;
        }

        /** Adds the row {@code other} has staged. */
        void commitStagedFrom(Builder other) {
            System.arraycopy(other.x, other.rows * width, x, rows * width, width);
            y[rows] = other.y[other.rows];
            keys[rows] = other.keys[other.rows];
            rows++;
        }

        boolean full() {
            return rows == y.length;
        }

        RowBlock build() {
            return full()
                    ? new RowBlock(x, y, keys, rows, width, validation)
                    : new RowBlock(Arrays.copyOf(x, rows * width), Arrays.copyOf(y, rows),
                            Arrays.copyOf(keys, rows), rows, width, validation);
        }
    }
}
