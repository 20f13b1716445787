package io.sparknn.ml.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.junit.jupiter.api.Test;

/** Rows to blocks, without Spark: layout, splits, block boundaries and row checks. */
class RowBlockConverterTest {
    private static RowBlockConverter converter(ValidationSplit split, boolean classification) {
        return new RowBlockConverter(new FeatureReader("f", FeatureKind.VECTOR),
                new LabelEncoder("y", classification, -1), -1, split);
    }

    private static final VectorUDT VECTORS = new VectorUDT();

    /** {@code rows} (vector, label[, flag]) in Spark's internal format, as Spark passes them. */
    private static List<RowBlock> convert(RowBlockConverter c, List<Row> rows) {
        List<InternalRow> internal = new ArrayList<>();
        for (Row row : rows) {
            Object[] values = new Object[row.length()];
            for (int i = 0; i < values.length; i++) {
                values[i] = row.get(i) instanceof Vector v ? VECTORS.serialize(v) : row.get(i);
            }
            internal.add(new GenericInternalRow(values));
        }
        List<RowBlock> out = new ArrayList<>();
        c.convert(internal.iterator()).forEachRemaining(out::add);
        return out;
    }

    @Test
    void copiesRowsRowMajorIntoOneBlock() {
        List<RowBlock> blocks = convert(converter(ValidationSplit.none(), false), List.of(
                RowFactory.create(Vectors.dense(1, 2, 3), 0.5),
                RowFactory.create(Vectors.sparse(3, new int[] {1}, new double[] {7}), -2.0)));
        assertEquals(1, blocks.size());
        RowBlock b = blocks.get(0);
        assertEquals(2, b.rows());
        assertEquals(3, b.width());
        assertFalse(b.validation());
        assertArrayEquals(new float[] {1, 2, 3, 0, 7, 0}, b.features());
        assertArrayEquals(new float[] {0.5f, -2f}, b.labels());
    }

    @Test
    void holdsMostlyZeroRowsSparseWithTheKeysAndSplitOfTheSameRowsDense() {
        // 400-wide rows with two values (0.5% nonzero; every third carries an explicit zero as
        // its second), given as sparse vectors and as the same rows dense.
        List<Row> sparse = new ArrayList<>();
        List<Row> dense = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Vector row = Vectors.sparse(400, new int[] {i % 100, 100 + i % 100},
                    new double[] {i + 1, i % 3 == 0 ? 0 : -i});
            sparse.add(RowFactory.create(row, (double) (i % 4)));
            dense.add(RowFactory.create(row.toDense(), (double) (i % 4)));
        }
        ValidationSplit split = ValidationSplit.randomFraction(0.25, 3);
        List<RowBlock> fromSparse = convert(converter(split, true), sparse);
        List<RowBlock> fromDense = convert(converter(split, true), dense);
        assertTrue(fromSparse.stream().allMatch(RowBlock::sparse));
        assertTrue(fromDense.stream().allMatch(RowBlock::sparse), "judged on values, not storage");
        assertEquals(fromDense.size(), fromSparse.size());
        for (int b = 0; b < fromSparse.size(); b++) {
            RowBlock s = fromSparse.get(b);
            RowBlock d = fromDense.get(b);
            assertEquals(d.validation(), s.validation());
            assertArrayEquals(d.keys(), s.keys());
            assertArrayEquals(d.rowStarts(), s.rowStarts());
            assertArrayEquals(d.indices(), s.indices());
            assertArrayEquals(d.features(), s.features());
            for (float value : s.features()) {
                assertTrue(value != 0, "explicit zeros are dropped");
            }
        }
        // Held densely (the partition's first row has no zero), the same rows keep their keys.
        List<Row> denseFirst = new ArrayList<>(dense);
        double[] ones = new double[400];
        java.util.Arrays.fill(ones, 1.0);
        denseFirst.add(0, RowFactory.create(Vectors.dense(ones), 0.0));
        List<RowBlock> heldDense = convert(converter(ValidationSplit.none(), true), denseFirst);
        assertFalse(heldDense.get(0).sparse());
        long[] denseKeys = RowBatcher.keys(heldDense);
        long[] sparseKeys = RowBatcher.keys(convert(converter(ValidationSplit.none(), true),
                sparse));
        assertArrayEquals(sparseKeys, java.util.Arrays.copyOfRange(denseKeys, 1,
                denseKeys.length));
        assertEquals(400, heldDense.get(0).nonzeros(0));
        float[] copied = new float[400];
        RowBlock first = convert(converter(ValidationSplit.none(), true), sparse).get(0);
        first.copyRow(1, copied, 0);
        assertEquals(2, first.nonzeros(1));
        assertEquals(2f, copied[1]);
        assertEquals(-1f, copied[101]);
    }

    @Test
    void splitsLargePartitionsIntoFullBlocksAndKeepsOrder() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            rows.add(RowFactory.create(Vectors.dense(i, -i), (double) i));
        }
        List<RowBlock> blocks = convert(converter(ValidationSplit.none(), false), rows);
        assertTrue(blocks.size() > 1);
        int seen = 0;
        for (RowBlock b : blocks) {
            for (int r = 0; r < b.rows(); r++) {
                assertEquals(seen, b.labels()[r]);
                assertEquals(seen, b.features()[2 * r]);
                seen++;
            }
        }
        assertEquals(10_000, seen);
        assertEquals(blocks.get(0).rows(), blocks.get(1).rows(), "blocks before the last are full");
    }

    @Test
    void separatesValidationRowsByColumn() {
        List<Row> rows = List.of(
                RowFactory.create(Vectors.dense(1), 0.0, false),
                RowFactory.create(Vectors.dense(2), 1.0, true),
                RowFactory.create(Vectors.dense(3), 0.0, false));
        List<RowBlock> blocks = convert(converter(ValidationSplit.byColumn("v"), true), rows);
        RowBlock train = blocks.stream().filter(b -> !b.validation()).findFirst().orElseThrow();
        RowBlock validation = blocks.stream().filter(RowBlock::validation).findFirst()
                .orElseThrow();
        assertArrayEquals(new float[] {1, 3}, train.features());
        assertArrayEquals(new float[] {2}, validation.features());
    }

    @Test
    void randomSplitIsSeededAndNearItsFraction() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            rows.add(RowFactory.create(Vectors.dense(i), 0.0));
        }
        RowBlockConverter c = converter(ValidationSplit.randomFraction(0.25, 9), false);
        long validation = convert(c, rows).stream().filter(RowBlock::validation)
                .mapToLong(RowBlock::rows).sum();
        assertEquals(1000, validation, 100);
        long again = convert(c, rows).stream().filter(RowBlock::validation)
                .mapToLong(RowBlock::rows).sum();
        assertEquals(validation, again);
    }

    @Test
    void theSplitFollowsEachRowsContentNotItsPosition() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            rows.add(RowFactory.create(Vectors.dense(i, -i), i % 2 == 0 ? 1.0 : 0.0));
        }
        List<Row> reversed = new ArrayList<>(rows);
        java.util.Collections.reverse(reversed);
        RowBlockConverter c = converter(ValidationSplit.randomFraction(0.3, 4), false);
        assertEquals(validationFeatures(convert(c, rows)),
                validationFeatures(convert(c, reversed)));
        // Another seed, another split.
        RowBlockConverter other = converter(ValidationSplit.randomFraction(0.3, 5), false);
        assertTrue(!validationFeatures(convert(c, rows))
                .equals(validationFeatures(convert(other, rows))));
    }

    /** The first feature of every validation row, sorted. */
    private static List<Float> validationFeatures(List<RowBlock> blocks) {
        List<Float> out = new ArrayList<>();
        for (RowBlock b : blocks) {
            if (b.validation()) {
                for (int r = 0; r < b.rows(); r++) {
                    out.add(b.features()[r * b.width()]);
                }
            }
        }
        out.sort(null);
        return out;
    }

    @Test
    void rejectsARowOfAnotherWidthInThePartition() {
        List<Row> rows = List.of(RowFactory.create(Vectors.dense(1, 2), 0.0),
                RowFactory.create(Vectors.dense(1, 2, 3), 0.0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> convert(converter(ValidationSplit.none(), false), rows));
        assertTrue(e.getMessage().contains("Column 'f' has a row with 3 features, expected 2"));
    }

    @Test
    void rejectsEmptyVectors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> convert(converter(ValidationSplit.none(), false),
                        List.of(RowFactory.create(Vectors.dense(new double[0]), 0.0))));
        assertTrue(e.getMessage().contains("Column 'f'"));
    }
}
