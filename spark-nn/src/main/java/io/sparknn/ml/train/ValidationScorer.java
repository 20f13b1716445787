package io.sparknn.ml.train;

import io.sparknn.ml.data.RowBatcher;
import io.sparknn.ml.data.RowBlock;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;

/**
 * The executor side of the validation pass: the loss of the broadcast network on a partition's
 * validation rows, summed per example, without regularization terms (what a deep-learning user
 * calls the validation loss).
 */
public final class ValidationScorer implements PartitionJob.Task<RowBlock, LossSum> {
    private static final long serialVersionUID = 1L;

    private final TrainingConfig config;
    private final Broadcast<NetworkSnapshot> network;

    public ValidationScorer(TrainingConfig config, Broadcast<NetworkSnapshot> network) {
        this.config = config;
        this.network = network;
    }

    @Override
    public LossSum run(int partition, Iterator<RowBlock> rows) {
        if (!rows.hasNext()) {
            return LossSum.ZERO;
        }
        TaskEnvironment.prepare();
        TaskNetwork net = TaskNetwork.open(config.kernel(), network.value(), config.batchSize(),
                false);
        try {
            // One block at a time: validation needs no shuffle, so only the block is held.
            LossSum total = LossSum.ZERO;
            while (rows.hasNext()) {
                total = total.plus(score(net, rows.next()));
            }
            return total;
        } finally {
            net.close();
        }
    }

    private LossSum score(TaskNetwork net, RowBlock block) {
        int[] order = new int[block.rows()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        RowBatcher batches = new RowBatcher(List.of(block), order, config.batchSize(),
                config.numClasses());
        double sum = 0;
        while (batches.hasNext()) {
            sum += net.exampleLossSum(batches.next());
        }
        return new LossSum(sum, block.rows());
    }
}
