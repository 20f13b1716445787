package io.sparknn.ml.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

/** Blocks to mini-batches, without Spark. */
class RowBatcherTest {
    private static final List<RowBlock> BLOCKS = List.of(
            new RowBlock(new float[] {0, 0, 1, 1}, new float[] {0, 1}, new long[2], 2, 2, false),
            new RowBlock(new float[] {2, 2, 3, 3, 4, 4}, new float[] {2, 0, 1}, new long[3], 3, 2,
                    false));

    @Test
    void visitsRowsInTheGivenOrderAcrossBlocks() {
        RowBatcher batches = new RowBatcher(BLOCKS, new int[] {4, 0, 3, 1, 2}, 2, 0);
        DataSet first = batches.next();
        assertArrayEquals(new float[] {4, 4, 0, 0}, first.getFeatures().ravel().toFloatVector());
        assertArrayEquals(new long[] {2, 2}, first.getFeatures().shape());
        assertArrayEquals(new float[] {1, 0}, first.getLabels().ravel().toFloatVector());
        DataSet second = batches.next();
        assertArrayEquals(new float[] {3, 3, 1, 1}, second.getFeatures().ravel().toFloatVector());
        DataSet last = batches.next();
        assertEquals(1, last.numExamples());
        assertArrayEquals(new float[] {2, 2}, last.getFeatures().ravel().toFloatVector());
        assertFalse(batches.hasNext());
    }

    @Test
    void fullBatchesReuseOneArrayAndAreRewrittenWhole() {
        RowBatcher batches = new RowBatcher(BLOCKS, new int[] {0, 2, 1, 4, 3}, 2, 3);
        DataSet first = batches.next();
        assertArrayEquals(new float[] {1, 0, 0, 0, 0, 1}, first.getLabels().ravel().toFloatVector());
        DataSet second = batches.next();
        assertSame(first.getFeatures(), second.getFeatures());
        assertArrayEquals(new float[] {1, 1, 4, 4}, second.getFeatures().ravel().toFloatVector());
        assertArrayEquals(new float[] {0, 1, 0, 0, 1, 0},
                second.getLabels().ravel().toFloatVector(), "no one-hot left from batch one");
        DataSet last = batches.next();
        assertNotSame(first.getFeatures(), last.getFeatures(), "a short batch has its own");
        assertArrayEquals(new float[] {3, 3}, last.getFeatures().ravel().toFloatVector());
    }

    @Test
    void oneHotEncodesClassLabels() {
        RowBatcher batches = new RowBatcher(BLOCKS, new int[] {0, 1, 2, 3, 4}, 5, 3);
        DataSet all = batches.next();
        assertArrayEquals(new long[] {5, 3}, all.getLabels().shape());
        assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0},
                all.getLabels().ravel().toFloatVector());
    }
}
