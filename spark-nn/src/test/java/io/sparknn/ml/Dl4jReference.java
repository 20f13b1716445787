package io.sparknn.ml;

import io.sparknn.ml.data.RowKeys;
import io.sparknn.ml.train.EpochShuffle;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Plain single-JVM DL4J training, written independently of spark-nn's batching, to compare
 * against: the same rows in the same shuffled order (sorted by content key, then permuted by
 * (seed, epoch, partition), as a task visits them), one {@code fit(DataSet)} per mini-batch.
 */
final class Dl4jReference {
    private Dl4jReference() {}

    /** Trains {@code net} for epochs {@code fromEpoch..toEpoch} on {@code rows} (a regression). */
    static void train(MultiLayerNetwork net, List<Row> rows, long seed, int partition,
            int fromEpoch, int toEpoch, int batchSize) {
        long[] keys = keys(rows);
        for (int epoch = fromEpoch; epoch <= toEpoch; epoch++) {
            int[] order = EpochShuffle.visitOrder(keys, seed, epoch, partition);
            for (int start = 0; start < order.length; start += batchSize) {
                int n = Math.min(batchSize, order.length - start);
                int width = ((Vector) rows.get(0).get(0)).size();
                float[][] x = new float[n][width];
                float[][] y = new float[n][1];
                for (int r = 0; r < n; r++) {
                    Row row = rows.get(order[start + r]);
                    double[] v = ((Vector) row.get(0)).toArray();
                    for (int j = 0; j < width; j++) {
                        x[r][j] = (float) v[j];
                    }
                    y[r][0] = (float) row.getDouble(1);
                }
                net.fit(new DataSet(Nd4j.create(x), Nd4j.create(y)));
            }
        }
    }

    /** The content keys spark-nn gives {@code rows} (vector features, a double label). */
    static long[] keys(List<Row> rows) {
        int width = ((Vector) rows.get(0).get(0)).size();
        long[] weights = RowKeys.weights(width);
        long[] keys = new long[rows.size()];
        float[] x = new float[width];
        for (int i = 0; i < keys.length; i++) {
            double[] v = ((Vector) rows.get(i).get(0)).toArray();
            for (int j = 0; j < width; j++) {
                x[j] = (float) v[j];
            }
            keys[i] = RowKeys.of(x, 0, weights, (float) rows.get(i).getDouble(1));
        }
        return keys;
    }

    static MultiLayerNetwork newNetwork(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf.clone());
        net.init();
        return net;
    }

    static double[] params(MultiLayerNetwork net) {
        return net.params().castTo(DataType.DOUBLE).toDoubleVector();
    }
}
