package io.sparknn.ml.train;

import io.sparknn.ml.data.BlockChunks;
import io.sparknn.ml.data.RowBatcher;
import io.sparknn.ml.data.RowBlock;
import io.sparknn.ml.data.RowKeys;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;

/**
 * The executor side of the validation pass: the loss of the broadcast network on a partition's
 * validation rows, summed per example, without regularization terms (what a deep-learning user
 * calls the validation loss). The rows are scored in the order of their content keys, so the
 * sum is the same whatever order Spark delivered them in (within the memory budget, as for
 * training).
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
                false, config.sparseInput());
        try {
            BlockChunks chunks = new BlockChunks(rows, config.shuffleChunkBytes());
            LossSum total = LossSum.ZERO;
            while (chunks.hasNext()) {
                total = total.plus(score(net, chunks.next()));
            }
            return total;
        } finally {
            net.close();
        }
    }

    private LossSum score(TaskNetwork net, List<RowBlock> blocks) {
        RowBatcher batches = new RowBatcher(blocks,
                RowKeys.sortedByKey(RowBatcher.keys(blocks)), config.batchSize(),
                config.numClasses(), config.standardization());
        double sum = 0;
        while (batches.hasNext()) {
            sum += config.sparseInput() ? net.exampleLossSum(batches.nextSparse())
                    : net.exampleLossSum(batches.next());
        }
        return new LossSum(sum, RowBatcher.rowCount(blocks));
    }
}
