package io.sparknn.ml.train;

import io.sparknn.ml.data.RowBatcher;
import io.sparknn.ml.data.RowBlock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The executor side of the validation pass: the loss of the broadcast network on a partition's
 * validation rows, summed per example, without regularization terms (what a deep-learning user
 * calls the validation loss).
 */
public final class ValidationScorer implements FlatMapFunction<Iterator<RowBlock>, LossSum> {
    private static final long serialVersionUID = 1L;

    private final TrainingConfig config;
    private final Broadcast<NetworkSnapshot> network;

    public ValidationScorer(TrainingConfig config, Broadcast<NetworkSnapshot> network) {
        this.config = config;
        this.network = network;
    }

    @Override
    public Iterator<LossSum> call(Iterator<RowBlock> rows) {
        List<RowBlock> blocks = new ArrayList<>();
        rows.forEachRemaining(blocks::add);
        return List.of(score(config, network.value(), blocks)).iterator();
    }

    /** The summed loss of {@code snapshot} on {@code blocks}. */
    public static LossSum score(TrainingConfig config, NetworkSnapshot snapshot,
            List<RowBlock> blocks) {
        int rows = RowBatcher.rowCount(blocks);
        if (rows == 0) {
            return LossSum.ZERO;
        }
        TaskEnvironment.prepare();
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        RowBatcher batches = new RowBatcher(blocks, order, config.batchSize(),
                config.numClasses());
        MultiLayerNetwork net = snapshot.toNetwork();
        try {
            double sum = 0;
            while (batches.hasNext()) {
                DataSet batch = batches.next();
                INDArray perExample = net.scoreExamples(batch, false);
                sum += perExample.sumNumber().doubleValue();
            }
            return new LossSum(sum, rows);
        } finally {
            NetworkMemory.release(net);
        }
    }
}
