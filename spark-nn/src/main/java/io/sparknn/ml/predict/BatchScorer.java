package io.sparknn.ml.predict;

import io.sparknn.ml.data.FeatureReader;
import io.sparknn.ml.data.FloatTensors;
import io.sparknn.ml.kernel.DenseSpec;
import io.sparknn.ml.train.NetworkSnapshot;
import io.sparknn.ml.train.TaskEnvironment;
import io.sparknn.ml.train.TaskNetwork;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.TaskCompletionListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Scores a partition in batches: up to {@code batchSize} rows are copied into one float buffer,
 * run through the network in one forward pass, and come out with the model's columns appended.
 * Works on batch and streaming Datasets alike (it only needs {@code Dataset.mapPartitions}).
 * The network (spark-nn's dense kernel when the driver chose it, else DL4J's) is built once per
 * task, on the first row, and closed when the task completes.
 */
public final class BatchScorer implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<NetworkSnapshot> network;
    private final DenseSpec kernel;
    private final FeatureReader features;
    private final int featuresIndex;
    private final int numFeatures;
    private final int batchSize;
    private final OutputColumns outputs;

    /** @param kernel the dense kernel's description of the network, or null for DL4J */
    public BatchScorer(Broadcast<NetworkSnapshot> network, DenseSpec kernel,
            FeatureReader features, int featuresIndex, int numFeatures, int batchSize,
            OutputColumns outputs) {
        this.network = network;
        this.kernel = kernel;
        this.features = features;
        this.featuresIndex = featuresIndex;
        this.numFeatures = numFeatures;
        this.batchSize = batchSize;
        this.outputs = outputs;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        return new ScoredRows(rows);
    }

    private final class ScoredRows implements Iterator<Row> {
        private final Iterator<Row> input;
        private final List<Row> batch = new ArrayList<>();
        private final float[] buffer = new float[batchSize * numFeatures];
        private final float[] output = new float[batchSize * outputs.width()];
        private TaskNetwork net;
        private INDArray fullInput;
        private int next;

        ScoredRows(Iterator<Row> input) {
            this.input = input;
        }

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
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Row in = batch.get(next);
            Object[] appended = outputs.values(output, next * outputs.width());
            next++;
            Object[] values = new Object[in.length() + appended.length];
            for (int i = 0; i < in.length(); i++) {
                values[i] = in.get(i);
            }
            System.arraycopy(appended, 0, values, in.length(), appended.length);
            return RowFactory.create(values);
        }

        private void scoreNextBatch() {
            batch.clear();
            next = 0;
            while (batch.size() < batchSize && input.hasNext()) {
                Row row = input.next();
                features.read(row, featuresIndex, numFeatures, buffer, batch.size() * numFeatures);
                batch.add(row);
            }
            if (net == null) {
                net = openNetwork();
            }
            INDArray in;
            if (batch.size() == batchSize) {
                // Full batches reuse one input array (a fresh native buffer each is an mmap).
                if (fullInput == null) {
                    fullInput = FloatTensors.matrix(batchSize, numFeatures);
                }
                in = FloatTensors.copyInto(fullInput, buffer);
            } else {
                in = FloatTensors.of(buffer, batch.size(), numFeatures);
            }
            net.output(in, output);
        }

        private TaskNetwork openNetwork() {
            TaskEnvironment.prepare();
            TaskNetwork opened = TaskNetwork.open(kernel, network.value(), batchSize, false);
            TaskContext task = TaskContext.get();
            if (task != null) {
                task.addTaskCompletionListener(
                        (TaskCompletionListener) context -> opened.close());
            }
            return opened;
        }
    }
}
