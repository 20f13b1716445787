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
