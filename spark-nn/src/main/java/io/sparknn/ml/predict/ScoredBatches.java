package io.sparknn.ml.predict;

import io.sparknn.ml.data.FloatTensors;
import io.sparknn.ml.data.Nonzeros;
import io.sparknn.ml.data.SparseBatch;
import io.sparknn.ml.train.SparseInput;
import io.sparknn.ml.train.TaskNetwork;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.util.TaskCompletionListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A partition's rows with the model's columns appended, computed a batch at a time: up to
 * {@code batchSize} rows are held and their features copied into one float buffer, then one
 * forward pass scores them all. The row type ({@code Row} or Spark's {@code InternalRow}) is the
 * subclass's: it reads features, keeps a row past the input iterator's next call, and appends
 * the output values. The network is opened on the first row, so an empty partition never
 * builds one, and its native memory is released as soon as the partition's last row is scored
 * (or when the task ends, if it stops early): a task that scores many partitions, as {@code
 * coalesce(1)} after {@code transform} makes, holds one network at a time.
 *
 * <p>Wide features ({@link ScoringPlan#sparseCapable}) are read as each row's nonzero values,
 * and a batch with few of them goes through the kernel's sparse first layer ({@link
 * SparseBatch}); a batch with many is densified and scored as any other.
 */
abstract class ScoredBatches<R> implements Iterator<R> {
    private final Iterator<R> input;
    private final ScoringPlan plan;
    private final List<R> batch = new ArrayList<>();
    private final float[] buffer;
    private final float[] output;
    /** The batch's rows as nonzero values, when the plan reads them so; else null. */
    private final SparseBatch sparse;
    private final float[] scratch;
    /** The open network and batch buffer; a task-end listener holds only this, not the rows. */
    private final Open open = new Open();
    private int next;

    ScoredBatches(Iterator<R> input, ScoringPlan plan) {
        this.input = input;
        this.plan = plan;
        this.buffer = plan.sparseCapable() ? null
                : new float[plan.batchSize() * plan.numFeatures()];
        this.output = new float[plan.batchSize() * plan.outputs().width()];
        this.sparse = plan.sparseCapable()
                ? new SparseBatch(plan.batchSize(), plan.numFeatures()) : null;
        this.scratch = plan.sparseCapable() ? new float[plan.numFeatures()] : null;
    }

    /** Writes {@code row}'s features to {@code buffer} at {@code offset}, checking them. */
    abstract void readFeatures(R row, float[] buffer, int offset);

    /**
     * Appends {@code row}'s nonzero features to {@code dest}, checking them ({@code scratch}
     * holds a dense row on the way).
     */
    abstract void readNonzeros(R row, float[] scratch, Nonzeros dest);

    /** {@code row} in a form that stays valid after the input iterator moves on. */
    abstract R keep(R row);

    /** {@code row} followed by the model's columns for the outputs at {@code offset}. */
    abstract R appended(R row, float[] output, int offset);

    @Override
    public boolean hasNext() {
        if (next < batch.size()) {
            return true;
        }
        if (!input.hasNext()) {
            open.release();
            return false;
        }
        scoreNextBatch();
        return true;
    }

    @Override
    public R next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        R row = appended(batch.get(next), output, next * plan.outputs().width());
        next++;
        return row;
    }

    private void scoreNextBatch() {
        batch.clear();
        next = 0;
        int width = plan.numFeatures();
        if (sparse != null) {
            sparse.clear();
        }
        while (batch.size() < plan.batchSize() && input.hasNext()) {
            R row = input.next();
            if (sparse != null) {
                readNonzeros(row, scratch, sparse.nonzeros());
                sparse.endRow();
            } else {
                readFeatures(row, buffer, batch.size() * width);
            }
            batch.add(keep(row));
        }
        if (open.net == null && open.sparseNet == null) {
            TaskContext task = TaskContext.get();
            if (task != null) {
                Open toRelease = open;
                task.addTaskCompletionListener(
                        (TaskCompletionListener) context -> toRelease.release());
            }
        }
        if (sparse != null && sparse.density() < SparseInput.MAX_DENSITY) {
            if (open.sparseNet == null) {
                open.sparseNet = plan.openNetwork(true);
            }
            open.sparseNet.output(sparse, output);
            return;
        }
        if (open.net == null) {
            open.net = plan.openNetwork(false);
        }
        if (sparse != null) {
            INDArray dense = sparse.toDense(open.fullInput).getFeatures();
            if (batch.size() == plan.batchSize()) {
                open.fullInput = dense;
            }
            open.net.output(dense, output);
            return;
        }
        INDArray in;
        if (batch.size() == plan.batchSize()) {
            // Full batches reuse one input array (a fresh native buffer each is an mmap).
            if (open.fullInput == null) {
                open.fullInput = FloatTensors.matrix(plan.batchSize(), width);
            }
            in = FloatTensors.copyInto(open.fullInput, buffer);
        } else {
            in = FloatTensors.of(buffer, batch.size(), width);
        }
        open.net.output(in, output);
    }

    /** Whether the partition's network is open (for tests of when memory is released). */
    boolean holdsNetwork() {
        return open.net != null || open.sparseNet != null;
    }

    /** A partition's native resources, released once its rows are done or its task ends. */
    private static final class Open {
        private TaskNetwork net;
        /** The network for sparse batches (the kernel keeps its first layer another way). */
        private TaskNetwork sparseNet;
        private INDArray fullInput;

        void release() {
            if (net != null) {
                net.close();
                net = null;
            }
            if (sparseNet != null) {
                sparseNet.close();
                sparseNet = null;
            }
            if (fullInput != null) {
                fullInput.close();
                fullInput = null;
            }
        }
    }
}
