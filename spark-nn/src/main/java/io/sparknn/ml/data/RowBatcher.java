package io.sparknn.ml.data;

import java.nio.FloatBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Streams a partition's cached rows into mini-batches in a given order: each batch copies its
 * rows once, straight into one INDArray's memory (never one array per row), or, for wide and
 * mostly-zero features, into compressed sparse rows ({@link #nextSparse}). Blocks held either
 * way make either kind of batch. Classification labels become one-hot rows.
 *
 * <p>Full batches share one pair of arrays: each {@link #next} overwrites the previous batch, so
 * use a batch before asking for the next. A fresh 200 KB native buffer per batch (64 x 784) cost
 * a sixth of the Fashion-MNIST MLP's training time (each one a new mmap, page faults, munmap).
 */
public final class RowBatcher implements Iterator<DataSet> {
    /** Floats between two values {@link #touch} reads: one per kilobyte. */
    private static final int TOUCH_STRIDE = 256;
    private final List<RowBlock> blocks;
    private final int[] blockStart;
    private final int[] order;
    private final int batchSize;
    private final int width;
    /** Number of classes for one-hot labels; 0 for a regression target. */
    private final int numClasses;
    /** Applied to each row as it is copied, or null. */
    private final Standardization standardization;
    /** One row: standardized, or read densely from a sparse block. */
    private final float[] rowScratch;
    private SparseBatch sparseBatch;
    private int position;
    /** Where the visit stops: {@code order.length}, or the end of a round's batches. */
    private final int end;
    /** Where the current batch's rows are, found before they are copied. */
    private final RowBlock[] rowBlocks;
    private final int[] rowIndices;
    /** What {@link #touch} read; kept so that the reads are not optimized away. */
    @SuppressWarnings("unused")
    private float touched;
    private INDArray fullFeatures;
    private INDArray fullLabels;
    private FloatBuffer fullFeaturesView;
    private FloatBuffer fullLabelsView;

    /**
     * @param order row indices (0..rows-1 over the blocks in list order) in visiting order
     * @param numClasses classes for one-hot labels, or 0 for regression
     */
    public RowBatcher(List<RowBlock> blocks, int[] order, int batchSize, int numClasses) {
        this(blocks, order, batchSize, numClasses, null);
    }

    /** As {@link #RowBatcher(List, int[], int, int)}, each row standardized, or not (null). */
    public RowBatcher(List<RowBlock> blocks, int[] order, int batchSize, int numClasses,
            Standardization standardization) {
        this(blocks, order, 0, order.length, batchSize, numClasses, standardization);
    }

    /**
     * As {@link #RowBatcher(List, int[], int, int, Standardization)}, for the rows at positions
     * {@code from} (inclusive) to {@code to} of {@code order} only: one round's batches.
     */
    public RowBatcher(List<RowBlock> blocks, int[] order, int from, int to, int batchSize,
            int numClasses, Standardization standardization) {
        this.blocks = blocks;
        this.order = order;
        this.position = from;
        this.end = to;
        this.batchSize = batchSize;
        this.numClasses = numClasses;
        this.standardization = standardization;
        this.width = blocks.isEmpty() ? 0 : blocks.get(0).width();
        this.rowScratch = new float[width];
        this.rowBlocks = new RowBlock[batchSize];
        this.rowIndices = new int[batchSize];
        this.blockStart = new int[blocks.size() + 1];
        for (int i = 0; i < blocks.size(); i++) {
            blockStart[i + 1] = blockStart[i] + blocks.get(i).rows();
        }
        if (order.length != blockStart[blocks.size()]) {
            throw new IllegalArgumentException("order has " + order.length + " rows, blocks have "
                    + blockStart[blocks.size()]);
        }
    }

    /** Total rows of {@code blocks}. */
    public static int rowCount(List<RowBlock> blocks) {
        return blocks.stream().mapToInt(RowBlock::rows).sum();
    }

    /** The content keys of {@code blocks}' rows, in row order (0..rows-1 over the blocks). */
    public static long[] keys(List<RowBlock> blocks) {
        long[] keys = new long[rowCount(blocks)];
        int at = 0;
        for (RowBlock b : blocks) {
            System.arraycopy(b.keys(), 0, keys, at, b.rows());
            at += b.rows();
        }
        return keys;
    }

    @Override
    public boolean hasNext() {
        return position < end;
    }

    @Override
    public DataSet next() {
        int n = locateNextRows();
        int labelWidth = numClasses > 0 ? numClasses : 1;
        INDArray features;
        FloatBuffer x;
        if (n == batchSize) {
            if (fullFeatures == null) {
                fullFeatures = FloatTensors.matrix(n, width);
                fullFeaturesView = FloatTensors.hostView(fullFeatures);
            }
            features = fullFeatures;
            x = fullFeaturesView;
        } else {
            features = FloatTensors.matrix(n, width);
            x = FloatTensors.hostView(features);
        }
        for (int r = 0; r < n; r++) {
            RowBlock b = rowBlocks[r];
            int local = rowIndices[r];
            float[] row = b.features();
            int from = local * width;
            if (b.sparse()) {
                b.copyRow(local, rowScratch, 0);
                row = rowScratch;
                from = 0;
            }
            if (standardization == null) {
                x.put(r * width, row, from, width);
            } else {
                standardization.apply(row, from, rowScratch);
                x.put(r * width, rowScratch, 0, width);
            }
        }
        INDArray labels = labels(n, labelWidth);
        position += n;
        return new DataSet(FloatTensors.written(features), labels);
    }

    /**
     * The next batch as compressed sparse rows (see {@link SparseBatch}; the one batch object
     * this batcher reuses), standardized as {@link #next} would: only scaled, since sparse
     * batches are made only of data too sparse to be centered.
     */
    public SparseBatch nextSparse() {
        if (standardization != null && standardization.centered()) {
            throw new IllegalStateException("Centered features cannot be batched sparse");
        }
        int n = locateNextRows();
        if (sparseBatch == null) {
            sparseBatch = new SparseBatch(batchSize, width);
        }
        SparseBatch batch = sparseBatch;
        batch.clear();
        for (int r = 0; r < n; r++) {
            RowBlock b = rowBlocks[r];
            int local = rowIndices[r];
            float[] values = b.features();
            if (b.sparse()) {
                int[] indices = b.indices();
                for (int k = b.rowStarts()[local]; k < b.rowStarts()[local + 1]; k++) {
                    batch.add(indices[k], scaled(indices[k], values[k]));
                }
            } else {
                for (int j = 0, at = local * width; j < width; j++, at++) {
                    if (values[at] != 0) {
                        batch.add(j, scaled(j, values[at]));
                    }
                }
            }
            batch.endRow();
        }
        batch.labels(labels(n, numClasses > 0 ? numClasses : 1));
        position += n;
        return batch;
    }

    private float scaled(int feature, float value) {
        return standardization == null ? value
                : (value - standardization.shift(feature)) * standardization.inverseScale(feature);
    }

    /**
     * Finds where the next batch's rows are ({@link #rowBlocks}, {@link #rowIndices}) and reads
     * a little of each ({@link #touch}); returns the batch's row count.
     */
    private int locateNextRows() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int n = Math.min(batchSize, end - position);
        int block = 0;
        float touched = 0;
        for (int r = 0; r < n; r++) {
            int row = order[position + r];
            block = blockOf(row, block);
            RowBlock b = blocks.get(block);
            int local = row - blockStart[block];
            rowBlocks[r] = b;
            rowIndices[r] = local;
            touched += (b.sparse() ? 0 : touch(b.features(), local * width))
                    + b.labels()[local];
        }
        this.touched = touched;
        return n;
    }

    /** The located rows' labels: one-hot rows for classes, else the targets. */
    private INDArray labels(int n, int labelWidth) {
        INDArray labels;
        FloatBuffer y;
        if (n == batchSize) {
            if (fullLabels == null) {
                fullLabels = FloatTensors.matrix(n, labelWidth);
                fullLabelsView = FloatTensors.hostView(fullLabels);
            }
            labels = fullLabels;
            y = fullLabelsView;
        } else {
            labels = FloatTensors.matrix(n, labelWidth);
            y = FloatTensors.hostView(labels);
        }
        for (int r = 0; r < n; r++) {
            float label = rowBlocks[r].labels()[rowIndices[r]];
            if (numClasses > 0) {
                for (int c = 0; c < labelWidth; c++) {
                    y.put(r * labelWidth + c, c == (int) label ? 1f : 0f);
                }
            } else {
                y.put(r, label);
            }
        }
        return FloatTensors.written(labels);
    }

    /**
     * Reads a value in every kilobyte of the row at {@code offset} and its last one, so that the
     * batch's rows are fetched from memory together, before any is copied. A shuffled row is
     * usually out of every cache (the training step between two batches evicts them), and
     * copying rows one after the other waits for each row's first cache misses in turn: reading
     * a few values of all 64 rows first overlaps those misses. Fashion-MNIST's training tasks
     * (two at once, 30,000 shuffled 784-float rows each) gathered their batches in 32 ms per
     * epoch without it, 25 ms with it (medians of 8 fits each, alternating in one JVM).
     */
    private float touch(float[] features, int offset) {
        if (width == 0) {
            return 0;
        }
        float sum = features[offset + width - 1];
        for (int i = 0; i < width; i += TOUCH_STRIDE) {
            sum += features[offset + i];
        }
        return sum;
    }

    /** The block holding {@code row}; {@code hint} is where the previous row was. */
    private int blockOf(int row, int hint) {
        if (row >= blockStart[hint] && row < blockStart[hint + 1]) {
            return hint;
        }
        int lo = 0;
        int hi = blocks.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (blockStart[mid] <= row) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
