package io.sparknn.ml.predict;

import io.sparknn.ml.data.FeatureReader;
import io.sparknn.ml.train.NetworkSnapshot;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.JoinedRow;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * {@link BatchScorer} on Spark's internal rows: the features are read in place and every other
 * column passes through untouched, instead of each row being decoded into a {@code Row} (every
 * array element boxed) and encoded back. Used for batch (non-streaming) Datasets.
 */
final class InternalRowScorer implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<NetworkSnapshot> network;
    private final FeatureReader features;
    private final int featuresIndex;
    private final int numFeatures;
    private final int batchSize;
    private final OutputColumns outputs;

    InternalRowScorer(Broadcast<NetworkSnapshot> network, FeatureReader features,
            int featuresIndex, int numFeatures, int batchSize, OutputColumns outputs) {
        this.network = network;
        this.features = features;
        this.featuresIndex = featuresIndex;
        this.numFeatures = numFeatures;
        this.batchSize = batchSize;
        this.outputs = outputs;
    }

    @Override
    public Iterator<InternalRow> call(Iterator<InternalRow> rows) {
        return new ScoredRows(rows);
    }

    private final class ScoredRows implements Iterator<InternalRow> {
        private final Iterator<InternalRow> input;
        private final List<InternalRow> batch = new ArrayList<>();
        private final float[] buffer = new float[batchSize * numFeatures];
        private final VectorUDT vectors = new VectorUDT();
        private MultiLayerNetwork net;
        private float[] output;
        private int next;

        ScoredRows(Iterator<InternalRow> input) {
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
        public InternalRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Object[] appended = outputs.values(output, next * (output.length / batch.size()));
            for (int i = 0; i < appended.length; i++) {
                if (appended[i] instanceof Vector vector) {
                    appended[i] = vectors.serialize(vector);
                }
            }
            return new JoinedRow(batch.get(next++), new GenericInternalRow(appended));
        }

        private void scoreNextBatch() {
            batch.clear();
            next = 0;
            while (batch.size() < batchSize && input.hasNext()) {
                // Scans reuse their row object: keep a copy while the batch is pending.
                InternalRow row = input.next().copy();
                features.readInternal(row, featuresIndex, numFeatures, buffer,
                        batch.size() * numFeatures);
                batch.add(row);
            }
            if (net == null) {
                net = BatchScorer.openNetwork(network);
            }
            output = BatchScorer.forward(net, buffer, batch.size(), numFeatures, batchSize);
        }
    }
}
