package io.sparknn.ml.train;

import io.sparknn.ml.data.BlockChunks;
import io.sparknn.ml.data.RowBatcher;
import io.sparknn.ml.data.RowBlock;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The executor side of one epoch: builds the network once from the broadcast snapshot, visits
 * the partition's cached rows in the epoch's seeded order ({@link EpochShuffle}: a function of
 * the rows' content, not of the order Spark delivered them) in mini-batches (forward, loss,
 * backward, optimizer step per batch), and returns its parameters and updater state with its
 * example count (the driver's sum weighs them by it). A rerun of the task starts from the same
 * broadcast and order, so it returns the same result, even when its partition was recomputed
 * from a shuffle in another order. A partition over the memory budget ({@link BlockChunks})
 * streams: it is shuffled in chunks of consecutive blocks rather than as a whole, so there the
 * order depends on which rows arrive in which chunk.
 */
public final class PartitionTrainer implements PartitionJob.Task<RowBlock, ParameterSum> {
    private static final long serialVersionUID = 1L;

    private final TrainingConfig config;
    private final Broadcast<NetworkSnapshot> start;
    private final int epoch;

    public PartitionTrainer(TrainingConfig config, Broadcast<NetworkSnapshot> start, int epoch) {
        this.config = config;
        this.start = start;
        this.epoch = epoch;
    }

    @Override
    public ParameterSum run(int partition, Iterator<RowBlock> rows) {
        BlockChunks chunks = new BlockChunks(rows, config.shuffleChunkBytes());
        if (!chunks.hasNext()) {
            return ParameterSum.empty();
        }
        List<RowBlock> first = chunks.next();
        if (!chunks.hasNext()) {
            return train(config, start.value(), epoch, partition, first);
        }
        // Bigger than the memory budget: chunks of consecutive blocks, each shuffled.
        EpochRun run = new EpochRun(config, start.value(), epoch, partition);
        try {
            int chunk = 0;
            for (List<RowBlock> blocks = first; blocks != null;
                    blocks = chunks.hasNext() ? chunks.next() : null) {
                run.fit(blocks, EpochShuffle.chunkVisitOrder(RowBatcher.keys(blocks),
                        config.seed(), epoch, partition, chunk++));
            }
            return run.result();
        } finally {
            run.release();
        }
    }

    /** Trains one epoch on {@code blocks}, all rows of partition {@code partition}, shuffled. */
    public static ParameterSum train(TrainingConfig config, NetworkSnapshot start, int epoch,
            int partition, List<RowBlock> blocks) {
        int rows = RowBatcher.rowCount(blocks);
        if (rows == 0) {
            return ParameterSum.empty();
        }
        EpochRun run = new EpochRun(config, start, epoch, partition);
        try {
            run.fit(blocks, EpochShuffle.visitOrder(RowBatcher.keys(blocks), config.seed(), epoch,
                    partition));
            return run.result();
        } finally {
            run.release();
        }
    }

    /** One task's network through one epoch: built once, fitted chunk by chunk. */
    private static final class EpochRun {
        private final TrainingConfig config;
        private final TaskNetwork network;
        private double lossSum;
        private int steps;
        private long rows;
        private long fitNanos;

        EpochRun(TrainingConfig config, NetworkSnapshot start, int epoch, int partition) {
            this.config = config;
            TaskEnvironment.prepare();
            Nd4j.getRandom().setSeed(EpochShuffle.taskSeed(config.seed(), epoch, partition));
            this.network = TaskNetwork.open(config.kernel(), start, config.batchSize(), true);
        }

        void fit(List<RowBlock> blocks, int[] order) {
            RowBatcher batches = new RowBatcher(blocks, order, config.batchSize(),
                    config.numClasses(), config.standardization());
            while (batches.hasNext()) {
                DataSet batch = batches.next();
                long start = System.nanoTime();
                lossSum += network.fit(batch) * batch.numExamples();
                fitNanos += System.nanoTime() - start;
                steps++;
            }
            rows += order.length;
        }

        ParameterSum result() {
            return network.result(rows, lossSum, steps, fitNanos);
        }

        void release() {
            network.close();
        }
    }
}
