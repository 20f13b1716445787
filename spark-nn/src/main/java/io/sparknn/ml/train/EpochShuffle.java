package io.sparknn.ml.train;

import java.util.SplittableRandom;

/**
 * The order in which a training task visits its rows in an epoch: a Fisher-Yates shuffle seeded
 * by (seed, epoch, partition), so a rerun task, or single-JVM DL4J replaying it, sees the same
 * order.
 */
public final class EpochShuffle {
    private EpochShuffle() {}

    /** A permutation of 0..rows-1 for this seed, epoch (1-based) and partition. */
    public static int[] permutation(long seed, int epoch, int partition, int rows) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(taskSeed(seed, epoch, partition));
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /**
     * The order within chunk {@code chunk} of a partition too big to shuffle as a whole (see
     * {@link io.sparknn.ml.data.BlockChunks}).
     */
    public static int[] chunkPermutation(long seed, int epoch, int partition, int chunk,
            int rows) {
        return permutation(taskSeed(seed, epoch, partition) + 0x632BE59BD9B4E019L * (chunk + 1),
                epoch, partition, rows);
    }

    /** A seed distinct per (seed, epoch, partition), also used for ND4J's RNG (dropout). */
    public static long taskSeed(long seed, int epoch, int partition) {
        long h = seed;
        h = h * 0x9E3779B97F4A7C15L + epoch;
        h = h * 0x9E3779B97F4A7C15L + partition;
        return h ^ (h >>> 31);
    }
}
