package io.sparknn.ml.predict;

import io.sparknn.ml.data.FloatTensors;
import io.sparknn.ml.train.TaskNetwork;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A partition's rows with the model's columns appended, computed a batch at a time: up to
 * {@code batchSize} rows are held and their features copied into one float buffer, then one
 * forward pass scores them all. The row type ({@code Row} or Spark's {@code InternalRow}) is the
 * subclass's: it reads features, keeps a row past the input iterator's next call, and appends
 * the output values. The network is opened on the first row, so an empty partition never
 * builds one.
 */
abstract class ScoredBatches<R> implements Iterator<R> {
    private final Iterator<R> input;
    private final ScoringPlan plan;
    private final List<R> batch = new ArrayList<>();
    private final float[] buffer;
    private final float[] output;
    private TaskNetwork net;
    private INDArray fullInput;
    private int next;

    ScoredBatches(Iterator<R> input, ScoringPlan plan) {
        this.input = input;
        this.plan = plan;
        this.buffer = new float[plan.batchSize() * plan.numFeatures()];
        this.output = new float[plan.batchSize() * plan.outputs().width()];
    }

    /** Writes {@code row}'s features to {@code buffer} at {@code offset}, checking them. */
    abstract void readFeatures(R row, float[] buffer, int offset);

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
        while (batch.size() < plan.batchSize() && input.hasNext()) {
            R row = input.next();
            readFeatures(row, buffer, batch.size() * width);
            batch.add(keep(row));
        }
        if (net == null) {
            net = plan.openNetwork();
        }
        INDArray in;
        if (batch.size() == plan.batchSize()) {
            // Full batches reuse one input array (a fresh native buffer each is an mmap).
            if (fullInput == null) {
                fullInput = FloatTensors.matrix(plan.batchSize(), width);
            }
            in = FloatTensors.copyInto(fullInput, buffer);
        } else {
            in = FloatTensors.of(buffer, batch.size(), width);
        }
        net.output(in, output);
    }
}
