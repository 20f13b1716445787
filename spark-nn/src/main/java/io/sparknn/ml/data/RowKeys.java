package io.sparknn.ml.data;

/**
 * A row's content key: a 64-bit hash of its features and label as the network sees them
 * (float32), and of nothing positional. Rows that arrive in another order, or from another
 * partition of a shuffle, keep their keys; rows with equal keys are identical (up to a hash
 * collision, about 2^-64 per pair), so they are interchangeable in any batch.
 *
 * <p>The key is a sum of one term per nonzero feature (its position's weight times a
 * scrambling of its bits), so a row read as a sparse vector gets the key of the same row read
 * densely, and a zero costs nothing. -0.0 counts as 0.0.
 */
public final class RowKeys {
    private static final long LABEL_WEIGHT = weight(-1);

    private RowKeys() {}

    /** The weights of positions {@code 0..width-1}, computed once per width. */
    public static long[] weights(int width) {
        long[] weights = new long[width];
        for (int i = 0; i < width; i++) {
            weights[i] = weight(i);
        }
        return weights;
    }

    /** The key of the dense row {@code features[offset, offset + weights.length)} and its label. */
    public static long of(float[] features, int offset, long[] weights, float label) {
        long sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i] * scramble(features[offset + i]);
        }
        return finish(sum, label);
    }

    /** The key of a sparse row: the same as the dense row with zeros elsewhere. */
    public static long ofSparse(int[] indices, float[] values, int from, int to, float label) {
        long sum = 0;
        for (int k = from; k < to; k++) {
            sum += weight(indices[k]) * scramble(values[k]);
        }
        return finish(sum, label);
    }

    /**
     * The indices of {@code keys} in ascending order of the keys (unsigned), equal keys in
     * index order: a least-significant-digit radix sort, linear in the rows (four passes of 16
     * bits; eight of 8 bits for small partitions, where 65,536 counters would cost more than the
     * rows).
     */
    public static int[] sortedByKey(long[] keys) {
        int n = keys.length;
        int bits = n < 4096 ? 8 : 16;
        int mask = (1 << bits) - 1;
        int[] order = new int[n];
        int[] scratch = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int[] counts = new int[1 << bits];
        for (int shift = 0; shift < 64; shift += bits) {
            java.util.Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                counts[(int) (keys[i] >>> shift) & mask]++;
            }
            int sum = 0;
            for (int d = 0; d < counts.length; d++) {
                int c = counts[d];
                counts[d] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                int row = order[i];
                scratch[counts[(int) (keys[row] >>> shift) & mask]++] = row;
            }
            int[] t = order;
            order = scratch;
            scratch = t;
        }
        return order;
    }

    private static long finish(long sum, float label) {
        return mix64(sum + LABEL_WEIGHT * scramble(label));
    }

    /** A bijection of the value's 32 bits (murmur3's finalizer), 0 for both zeros. */
    private static long scramble(float value) {
        int h = Float.floatToRawIntBits(value + 0.0f);
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h & 0xffffffffL;
    }

    /** An odd pseudo-random weight for position {@code i} (-1: the label). */
    private static long weight(int i) {
        return mix64(0x9E3779B97F4A7C15L * (i + 2L)) | 1L;
    }

    /** SplitMix64's finalizer. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
