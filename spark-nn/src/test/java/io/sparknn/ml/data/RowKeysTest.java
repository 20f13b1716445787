package io.sparknn.ml.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.ml.train.EpochShuffle;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Content keys: a function of the row's values and label, not of how it was stored. */
class RowKeysTest {
    private static final long[] W4 = RowKeys.weights(4);

    @Test
    void aSparseRowHasTheKeyOfTheSameRowReadDensely() {
        float[] dense = {0, 2.5f, 0, -1};
        long sparse = RowKeys.ofSparse(new int[] {1, 3}, new float[] {2.5f, -1}, 0, 2, 1f);
        assertEquals(RowKeys.of(dense, 0, W4, 1f), sparse);
        // At an offset inside a block, as the converter stores rows.
        float[] block = {9, 9, 9, 9, 0, 2.5f, 0, -1};
        assertEquals(sparse, RowKeys.of(block, 4, W4, 1f));
    }

    @Test
    void negativeZeroIsZero() {
        assertEquals(RowKeys.of(new float[] {0, 1, 0, 0}, 0, W4, 0f),
                RowKeys.of(new float[] {-0f, 1, -0f, 0}, 0, W4, -0f));
    }

    @Test
    void positionsValuesAndLabelsAllCount() {
        long key = RowKeys.of(new float[] {1, 2, 0, 0}, 0, W4, 0f);
        assertNotEquals(key, RowKeys.of(new float[] {2, 1, 0, 0}, 0, W4, 0f));
        assertNotEquals(key, RowKeys.of(new float[] {1, 2, 0, 0}, 0, W4, 1f));
        assertNotEquals(key, RowKeys.of(new float[] {1, 2, 0, Float.MIN_VALUE}, 0, W4, 0f));
        // Sign flips of two values cancel in a plain weighted sum of bits; not here.
        assertNotEquals(key, RowKeys.of(new float[] {-1, -2, 0, 0}, 0, W4, 0f));
    }

    @Test
    void distinctRowsGetDistinctKeys() {
        Random random = new Random(1);
        Set<String> rows = new HashSet<>();
        Set<Long> keys = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            float[] x = new float[4];
            for (int j = 0; j < 4; j++) {
                // Few distinct values: many rows differ in one or two positions only, and some
                // repeat exactly.
                x[j] = random.nextInt(40) / 4f;
            }
            int label = random.nextInt(3);
            rows.add(Arrays.toString(x) + label);
            keys.add(RowKeys.of(x, 0, W4, label));
        }
        assertTrue(rows.size() < 200_000, "some rows repeat");
        assertEquals(rows.size(), keys.size());
    }

    @Test
    void sortedByKeyOrdersUnsignedAndKeepsTiesInArrivalOrder() {
        long[] keys = {5, -1, 3, 5, 0, Long.MIN_VALUE, 3};
        // Unsigned: 0 < 3 < 5 < MIN_VALUE (2^63) < -1 (2^64 - 1); equal keys by index.
        assertArrayEquals(new int[] {4, 2, 6, 0, 3, 5, 1}, RowKeys.sortedByKey(keys));
        Random random = new Random(2);
        for (int n : new int[] {0, 1, 100, 5000}) {
            long[] many = random.longs(n).toArray();
            int[] order = RowKeys.sortedByKey(many);
            for (int i = 1; i < n; i++) {
                assertTrue(Long.compareUnsigned(many[order[i - 1]], many[order[i]]) <= 0);
            }
        }
    }

    @Test
    void aTaskVisitsTheSameRowsInTheSameOrderHoweverTheyArrived() {
        Random random = new Random(7);
        long[] keys = random.longs(3000).toArray();
        keys[10] = keys[20]; // two identical rows
        long[] shuffled = keys.clone();
        for (int i = shuffled.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long t = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = t;
        }
        int[] a = EpochShuffle.visitOrder(keys, 11, 2, 1);
        int[] b = EpochShuffle.visitOrder(shuffled, 11, 2, 1);
        for (int i = 0; i < keys.length; i++) {
            assertEquals(keys[a[i]], shuffled[b[i]], "row visited at " + i);
        }
        assertNotEquals(keys[a[0]], keys[EpochShuffle.visitOrder(keys, 11, 3, 1)[0]],
                "another epoch, another order");
    }
}
