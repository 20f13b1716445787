package io.sparknn.ml.train;

import io.sparknn.ml.data.BlockChunks;
import io.sparknn.ml.data.RowBatcher;
import io.sparknn.ml.data.RowBlock;
import io.sparknn.ml.data.SparseBatch;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The executor side of one round of an epoch (the whole epoch when the workers average once per
 * epoch, see {@link RoundLength}): builds the network once from the broadcast snapshot, visits
 * the partition's cached rows in the epoch's seeded order ({@link EpochShuffle}: a function of
 * the rows' content, not of the order Spark delivered them) in mini-batches (forward, loss,
 * backward, optimizer step per batch), trains the round's batches of that order, and returns its
 * parameters and updater state with its example count (the driver's sum weighs them by it). A
 * round continues the epoch's order where the previous round stopped, so an epoch visits every
 * row once however it is cut into rounds. A rerun of the task starts from the same broadcast and
 * order, so it returns the same result, even when its partition was recomputed from a shuffle in
 * another order. A partition over the memory budget ({@link BlockChunks}) streams: it is
 * shuffled in chunks of consecutive blocks rather than as a whole, so there the order depends on
 * which rows arrive in which chunk.
 */
public final class PartitionTrainer implements PartitionJob.Task<RowBlock, ParameterSum> {
    private static final long serialVersionUID = 2L;

    private final TrainingConfig config;
    private final Broadcast<NetworkSnapshot> start;
    private final int epoch;
    private final Round round;

    /**
     * The batches of one round: {@code batches} consecutive batches of each partition's epoch
     * order from batch {@code firstBatch} on.
     *
     * @param index the round's number within the epoch, from 0 (it seeds ND4J's RNG)
     */
    public record Round(int index, int firstBatch, int batches) implements Serializable {
        /** The whole epoch in one round: once-per-epoch averaging. */
        public static final Round WHOLE_EPOCH = new Round(0, 0, Integer.MAX_VALUE);

        long endBatch() {
            return (long) firstBatch + batches;
        }
    }

    public PartitionTrainer(TrainingConfig config, Broadcast<NetworkSnapshot> start, int epoch,
            Round round) {
        this.config = config;
        this.start = start;
        this.epoch = epoch;
        this.round = round;
    }

    @Override
    public ParameterSum run(int partition, Iterator<RowBlock> rows) {
        BlockChunks chunks = new BlockChunks(rows, config.shuffleChunkBytes());
        if (!chunks.hasNext()) {
            return ParameterSum.empty();
        }
        List<RowBlock> first = chunks.next();
        if (!chunks.hasNext()) {
            return train(config, start.value(), epoch, partition, round, first);
        }
        // Bigger than the memory budget: chunks of consecutive blocks, each shuffled; the
        // epoch's batches are the first chunk's, then the second's, and so on.
        EpochRun run = null;
        try {
            int chunk = 0;
            long batchesBefore = 0;
            for (List<RowBlock> blocks = first; blocks != null;
                    blocks = chunks.hasNext() ? chunks.next() : null, chunk++) {
                int batches = batches(RowBatcher.rowCount(blocks), config.batchSize());
                long from = Math.max(round.firstBatch(), batchesBefore);
                long to = Math.min(round.endBatch(), batchesBefore + batches);
                if (from < to) {
                    if (run == null) {
                        run = new EpochRun(config, start.value(), epoch, partition, round);
                    }
                    run.fit(blocks, EpochShuffle.chunkVisitOrder(RowBatcher.keys(blocks),
                            config.seed(), epoch, partition, chunk),
                            (int) (from - batchesBefore), (int) (to - batchesBefore));
                }
                batchesBefore += batches;
                if (batchesBefore >= round.endBatch()) {
                    return result(run, chunks.hasNext() || batchesBefore > round.endBatch());
                }
            }
            return result(run, false);
        } finally {
            if (run != null) {
                run.release();
            }
        }
    }

    /**
     * Trains {@code round}'s batches of the epoch on {@code blocks}, all rows of partition
     * {@code partition}.
     */
    public static ParameterSum train(TrainingConfig config, NetworkSnapshot start, int epoch,
            int partition, Round round, List<RowBlock> blocks) {
        int batches = batches(RowBatcher.rowCount(blocks), config.batchSize());
        if (round.firstBatch() >= batches) {
            return ParameterSum.empty();
        }
        EpochRun run = new EpochRun(config, start, epoch, partition, round);
        try {
            run.fit(blocks, EpochShuffle.visitOrder(RowBatcher.keys(blocks), config.seed(), epoch,
                    partition), round.firstBatch(), (int) Math.min(round.endBatch(), batches));
            return result(run, round.endBatch() < batches);
        } finally {
            run.release();
        }
    }

    /** As {@link #train(TrainingConfig, NetworkSnapshot, int, int, Round, List)}, a whole epoch. */
    public static ParameterSum train(TrainingConfig config, NetworkSnapshot start, int epoch,
            int partition, List<RowBlock> blocks) {
        return train(config, start, epoch, partition, Round.WHOLE_EPOCH, blocks);
    }

    private static ParameterSum result(EpochRun run, boolean batchesLeft) {
        return run == null ? ParameterSum.empty() : run.result().continuing(batchesLeft);
    }

    /** Mini-batches in an epoch of {@code rows} rows: the last one may be short. */
    static int batches(int rows, int batchSize) {
        return (rows + batchSize - 1) / batchSize;
    }

    /** One task's network through one round: built once, fitted chunk by chunk. */
    private static final class EpochRun {
        private final TrainingConfig config;
        private final TaskNetwork network;
        private double lossSum;
        private int steps;
        private long rows;
        private long fitNanos;

        EpochRun(TrainingConfig config, NetworkSnapshot start, int epoch, int partition,
                Round round) {
            this.config = config;
            TaskEnvironment.prepare();
            // Round 0 seeds as a whole epoch does: once-per-epoch averaging is unchanged.
            Nd4j.getRandom().setSeed(EpochShuffle.taskSeed(config.seed(), epoch, partition)
                    + 0x632BE59BD9B4E019L * round.index());
            this.network = TaskNetwork.open(config.kernel(), start, config.batchSize(), true,
                    config.sparseInput());
        }

        /** Fits batches {@code fromBatch} (inclusive) to {@code toBatch} of {@code order}. */
        void fit(List<RowBlock> blocks, int[] order, int fromBatch, int toBatch) {
            int from = fromBatch * config.batchSize();
            int to = (int) Math.min((long) toBatch * config.batchSize(), order.length);
            RowBatcher batches = new RowBatcher(blocks, order, from, to, config.batchSize(),
                    config.numClasses(), config.standardization());
            while (batches.hasNext()) {
                SparseBatch sparse = config.sparseInput() ? batches.nextSparse() : null;
                DataSet dense = sparse == null ? batches.next() : null;
                long start = System.nanoTime();
                double score = sparse != null ? network.fit(sparse) : network.fit(dense);
                fitNanos += System.nanoTime() - start;
                lossSum += score * (sparse != null ? sparse.rows() : dense.numExamples());
                steps++;
            }
            rows += to - from;
        }

        ParameterSum result() {
            return network.result(rows, lossSum, steps, fitNanos);
        }

        void release() {
            network.close();
        }
    }
}
