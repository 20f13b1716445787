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
 * they are copied, so bad data fails here, before any training job. A partition of rows at least
 * {@link #SPARSE_MIN_WIDTH} wide whose first row has fewer than {@link #SPARSE_DENSITY} of its
 * values nonzero (hashed text, one-hot columns) is held as compressed sparse rows: 262,144-wide
 * hashed text with 25 terms a row takes 200 bytes a row that way instead of 1 MiB.
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
    /** Rows held sparse have at most this fraction of nonzero values (judged on the first). */
    static final double SPARSE_DENSITY = 0.1;
    /** Narrower rows are held densely: too little to save, and dense rows copy faster. */
    static final int SPARSE_MIN_WIDTH = 256;

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
        /** {@link RowKeys}' position weights for this width, made with the first dense block. */
        private long[] weights;
        /** Whether the partition's rows are held sparse, decided on its first row. */
        private Boolean sparse;
        /** A dense row read before its nonzeros are taken (sparse blocks only). */
        private float[] scratch;

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
            if (sparse == null) {
                sparse = width >= SPARSE_MIN_WIDTH
                        && features.nonzeros(row, 0) < SPARSE_DENSITY * width;
                if (sparse) {
                    scratch = new float[width];
                } else {
                    weights = RowKeys.weights(width);
                }
            }
            if (train == null) {
                train = new Builder(width, false, weights, scratch);
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
                validation = new Builder(width, true, weights, scratch);
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

    /** One block being filled, dense or sparse (when given a scratch row). */
    private final class Builder {
        private final int width;
        private final boolean validation;
        private final long[] weights;
        private final float[] scratch;
        private final float[] x;
        private final Nonzeros nonzeros;
        private final int[] rowStarts;
        private final float[] y;
        private final long[] keys;
        private int rows;

        Builder(int width, boolean validation, long[] weights, float[] scratch) {
            this.width = width;
            this.validation = validation;
            this.weights = weights;
            this.scratch = scratch;
            int capacity = scratch != null ? 4096
                    : Math.max(1, Math.min(4096, BLOCK_FLOATS / width));
            this.x = scratch != null ? null : new float[capacity * width];
            this.nonzeros = scratch != null ? new Nonzeros() : null;
            this.rowStarts = scratch != null ? new int[capacity + 1] : null;
            this.y = new float[capacity];
            this.keys = new long[capacity];
        }

        /** Reads {@code row} into the next slot, without counting it yet. */
        void stage(InternalRow row) {
            if (x != null) {
                features.read(row, 0, width, x, rows * width);
                y[rows] = labels.encode(row, 1);
                keys[rows] = RowKeys.of(x, rows * width, weights, y[rows]);
                return;
            }
            nonzeros.truncate(rowStarts[rows]);
            features.readNonzeros(row, 0, width, scratch, nonzeros);
            y[rows] = labels.encode(row, 1);
            keys[rows] = RowKeys.ofSparse(nonzeros.indices(), nonzeros.values(), rowStarts[rows],
                    nonzeros.size(), y[rows]);
        }

        long stagedKey() {
            return keys[rows];
        }

        /** Counts the staged row. */
        void commit() {
            rows++;
            if (nonzeros != null) {
                rowStarts[rows] = nonzeros.size();
            }
        }

        /** Adds the row {@code other} has staged. */
        void commitStagedFrom(Builder other) {
            if (x != null) {
                System.arraycopy(other.x, other.rows * width, x, rows * width, width);
            } else {
                for (int k = other.rowStarts[other.rows]; k < other.nonzeros.size(); k++) {
                    nonzeros.add(other.nonzeros.indices()[k], other.nonzeros.values()[k]);
                }
                other.nonzeros.truncate(other.rowStarts[other.rows]);
            }
            y[rows] = other.y[other.rows];
            keys[rows] = other.keys[other.rows];
            commit();
        }

        boolean full() {
            return rows == y.length || (nonzeros != null && nonzeros.size() >= BLOCK_FLOATS);
        }

        RowBlock build() {
            if (nonzeros != null) {
                int count = rowStarts[rows];
                return new RowBlock(Arrays.copyOf(nonzeros.values(), count),
                        Arrays.copyOf(y, rows), Arrays.copyOf(keys, rows), rows, width,
                        validation, Arrays.copyOf(rowStarts, rows + 1),
                        Arrays.copyOf(nonzeros.indices(), count));
            }
            return rows == y.length
                    ? new RowBlock(x, y, keys, rows, width, validation)
                    : new RowBlock(Arrays.copyOf(x, rows * width), Arrays.copyOf(y, rows),
                            Arrays.copyOf(keys, rows), rows, width, validation);
        }
    }
}
