package io.sparknn.ml.train;

import io.sparknn.ml.data.RowKeys;
import java.util.SplittableRandom;

/**
 * The order in which a training task visits its rows in an epoch: the rows sorted by content key
 * ({@link io.sparknn.ml.data.RowKeys}), then shuffled by a Fisher-Yates permutation seeded by
 * (seed, epoch, partition). The order is a function of which rows the partition holds, not of
 * the order Spark delivered them in (a shuffle's fetches, a recomputed partition): rows with
 * equal keys are identical, so their relative order changes no batch. A rerun task, or
 * single-JVM DL4J replaying it, sees the same order.
 */
public final class EpochShuffle {
    private EpochShuffle() {}

    /**
     * The visiting order of rows {@code 0..keys.length-1} (their indices in arrival order) for
     * this seed, epoch (1-based) and partition.
     */
    public static int[] visitOrder(long[] keys, long seed, int epoch, int partition) {
        return visitOrder(keys, taskSeed(seed, epoch, partition));
    }

    /**
     * As {@link #visitOrder(long[], long, int, int)}, for the rows of chunk {@code chunk} of a
     * partition too big to shuffle as a whole (see {@link io.sparknn.ml.data.BlockChunks}).
     */
    public static int[] chunkVisitOrder(long[] keys, long seed, int epoch, int partition,
            int chunk) {
        return visitOrder(keys, taskSeed(seed, epoch, partition)
                + 0x632BE59BD9B4E019L * (chunk + 1));
    }

    private static int[] visitOrder(long[] keys, long shuffleSeed) {
        int[] byKey = RowKeys.sortedByKey(keys);
        int[] permutation = permutation(shuffleSeed, keys.length);
        int[] order = new int[keys.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = byKey[permutation[i]];
        }
        return order;
    }

    /** A permutation of 0..rows-1 for this seed, epoch (1-based) and partition. */
    public static int[] permutation(long seed, int epoch, int partition, int rows) {
        return permutation(taskSeed(seed, epoch, partition), rows);
    }

    private static int[] permutation(long shuffleSeed, int rows) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(shuffleSeed);
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** A seed distinct per (seed, epoch, partition), also used for ND4J's RNG (dropout). */
    public static long taskSeed(long seed, int epoch, int partition) {
        long h = seed;
        h = h * 0x9E3779B97F4A7C15L + epoch;
        h = h * 0x9E3779B97F4A7C15L + partition;
        return h ^ (h >>> 31);
    }
}
