package io.sparknn.ml.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    /** The rows of {@link #BLOCKS} with a zero here and there: held densely and sparsely. */
    private static final List<RowBlock> DENSE = List.of(
            new RowBlock(new float[] {0, 5, 1, 0}, new float[] {0, 1}, new long[2], 2, 2, false),
            new RowBlock(new float[] {0, 0, 3, -3, 4, 0}, new float[] {2, 0, 1}, new long[3], 3,
                    2, false));
    private static final List<RowBlock> SPARSE = List.of(
            new RowBlock(new float[] {5, 1}, new float[] {0, 1}, new long[2], 2, 2, false,
                    new int[] {0, 1, 2}, new int[] {1, 0}),
            new RowBlock(new float[] {3, -3, 4}, new float[] {2, 0, 1}, new long[3], 3, 2, false,
                    new int[] {0, 0, 2, 3}, new int[] {0, 1, 0}));

    @Test
    void sparseBlocksMakeTheDenseBatchesOfTheSameRowsHeldDensely() {
        int[] order = {4, 0, 3, 1, 2};
        Standardization scale = Standardization.of(FeatureMoments.of(DENSE), false);
        for (Standardization s : new Standardization[] {null, scale}) {
            RowBatcher fromDense = new RowBatcher(DENSE, order, 0, 5, 2, 3, s);
            RowBatcher fromSparse = new RowBatcher(SPARSE, order, 0, 5, 2, 3, s);
            while (fromDense.hasNext()) {
                DataSet d = fromDense.next();
                DataSet p = fromSparse.next();
                assertArrayEquals(d.getFeatures().ravel().toFloatVector(),
                        p.getFeatures().ravel().toFloatVector());
                assertArrayEquals(d.getLabels().ravel().toFloatVector(),
                        p.getLabels().ravel().toFloatVector());
            }
            assertFalse(fromSparse.hasNext());
        }
    }

    @Test
    void sparseBatchesHoldEachRowsScaledNonzerosFromEitherKindOfBlock() {
        int[] order = {4, 0, 3, 1, 2};
        Standardization scale = Standardization.of(FeatureMoments.of(DENSE), false);
        for (List<RowBlock> blocks : List.of(DENSE, SPARSE)) {
            RowBatcher batches = new RowBatcher(blocks, order, 0, 5, 2, 3, scale);
            RowBatcher dense = new RowBatcher(DENSE, order, 0, 5, 2, 3, scale);
            while (batches.hasNext()) {
                SparseBatch batch = batches.nextSparse();
                DataSet expected = dense.next();
                assertArrayEquals(expected.getFeatures().ravel().toFloatVector(),
                        batch.toDense(null).getFeatures().ravel().toFloatVector());
                assertArrayEquals(expected.getLabels().ravel().toFloatVector(),
                        batch.labels().ravel().toFloatVector());
                for (int k = 0; k < batch.rowStarts()[batch.rows()]; k++) {
                    assertNotEquals(0f, batch.values()[k]);
                }
            }
        }
        // Row 4 (4, 0) then row 0 (0, 5): positions 0 and 1, scaled by 1 / std.
        SparseBatch first = new RowBatcher(SPARSE, order, 0, 5, 2, 3, null).nextSparse();
        assertArrayEquals(new int[] {0, 1, 2}, java.util.Arrays.copyOf(first.rowStarts(), 3));
        assertArrayEquals(new int[] {0, 1}, java.util.Arrays.copyOf(first.indices(), 2));
        assertArrayEquals(new float[] {4, 5}, java.util.Arrays.copyOf(first.values(), 2));
    }

    @Test
    void centeredFeaturesAreNeverBatchedSparse() {
        Standardization centered = Standardization.of(FeatureMoments.of(DENSE), true);
        RowBatcher batches = new RowBatcher(DENSE, new int[] {0, 1, 2, 3, 4}, 0, 5, 2, 3,
                centered);
        assertThrows(IllegalStateException.class, batches::nextSparse);
    }
}
