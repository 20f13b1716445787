package io.sparknn.ml.train;

import io.sparknn.ml.data.RowBatcher;
import io.sparknn.ml.data.RowBlock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The executor side of one epoch: builds the network once from the broadcast snapshot, visits
 * the partition's cached rows in the epoch's seeded order in mini-batches (forward, loss,
 * backward, optimizer step per batch), and returns its parameters and updater state weighted by
 * its example count. A rerun of the task starts from the same broadcast and order, so it returns
 * the same result.
 */
public final class PartitionTrainer
        implements Function2<Integer, Iterator<RowBlock>, Iterator<ParameterSum>> {
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
    public Iterator<ParameterSum> call(Integer partition, Iterator<RowBlock> rows) {
        List<RowBlock> blocks = new ArrayList<>();
        rows.forEachRemaining(blocks::add);
        return List.of(train(config, start.value(), epoch, partition, blocks)).iterator();
    }

    /** Trains one epoch on {@code blocks}, the rows of partition {@code partition}. */
    public static ParameterSum train(TrainingConfig config, NetworkSnapshot start, int epoch,
            int partition, List<RowBlock> blocks) {
        int rows = RowBatcher.rowCount(blocks);
        if (rows == 0) {
            return ParameterSum.empty();
        }
        TaskEnvironment.prepare();
        Nd4j.getRandom().setSeed(EpochShuffle.taskSeed(config.seed(), epoch, partition));
        int[] order = EpochShuffle.permutation(config.seed(), epoch, partition, rows);
        RowBatcher batches =
                new RowBatcher(blocks, order, config.batchSize(), config.numClasses());
        MultiLayerNetwork network = start.toNetwork();
        try {
            double lossSum = 0;
            int steps = 0;
            while (batches.hasNext()) {
                DataSet batch = batches.next();
                network.fit(batch);
                lossSum += network.score() * batch.numExamples();
                steps++;
            }
            return ParameterSum.of(network, rows, lossSum, steps);
        } finally {
            NetworkMemory.release(network);
        }
    }
}
