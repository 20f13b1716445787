package io.sparknn.ml.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/**
 * Array features read from Spark's row format (bulk copies from the row's bytes) against the
 * generic {@code ArrayData} path: equal values, and the same errors at every position of the
 * null bitmap's words (widths around 64, Fashion-MNIST's 784).
 */
class FeatureReaderTest {
    private static final int[] WIDTHS = {1, 63, 64, 65, 130, 784};

    /** A one-column row in Spark's row format, as a projection (a scan, a cache) makes it. */
    private static InternalRow unsafeRow(DataType elementType, Object[] elements) {
        DataType column = DataTypes.createArrayType(elementType, true);
        InternalRow generic = genericRow(elements);
        return UnsafeProjection.create(new DataType[] {column}).apply(generic).copy();
    }

    private static InternalRow genericRow(Object[] elements) {
        return new GenericInternalRow(new Object[] {new GenericArrayData(elements)});
    }

    private static Object[] floats(int width, long seed) {
        return values(width, seed, random -> random.nextFloat() * 10 - 5);
    }

    private static Object[] doubles(int width, long seed) {
        return values(width, seed, random -> random.nextDouble() * 10 - 5);
    }

    /** {@code width} boxed values drawn by {@code next}, seeded. */
    private static Object[] values(int width, long seed, Function<Random, Object> next) {
        Random random = new Random(seed);
        Object[] values = new Object[width];
        for (int i = 0; i < width; i++) {
            values[i] = next.apply(random);
        }
        return values;
    }

    private static float[] read(FeatureKind kind, InternalRow row, int width, int offset) {
        float[] dest = new float[offset + width + 3];
        Arrays.fill(dest, -99f);
        new FeatureReader("x", kind).read(row, 0, width, dest, offset);
        return dest;
    }

    private static String rejection(FeatureKind kind, InternalRow row, int width) {
        return assertThrows(IllegalArgumentException.class, () -> read(kind, row, width, 0))
                .getMessage();
    }

    @Test
    void rowFormatArraysReadAsTheGenericPathReadsThem() {
        for (int width : WIDTHS) {
            Object[] f = floats(width, width);
            InternalRow unsafe = unsafeRow(DataTypes.FloatType, f);
            assertInstanceOf(UnsafeArrayData.class, unsafe.getArray(0));
            float[] fromUnsafe = read(FeatureKind.FLOAT_ARRAY, unsafe, width, 5);
            assertArrayEquals(read(FeatureKind.FLOAT_ARRAY, genericRow(f), width, 5), fromUnsafe);
            assertEquals(f[width - 1], fromUnsafe[5 + width - 1]);
            // Nothing written outside the row's place.
            assertEquals(-99f, fromUnsafe[4]);
            assertEquals(-99f, fromUnsafe[5 + width]);

            Object[] d = doubles(width, width);
            float[] fromDoubles = read(FeatureKind.DOUBLE_ARRAY,
                    unsafeRow(DataTypes.DoubleType, d), width, 2);
            assertArrayEquals(read(FeatureKind.DOUBLE_ARRAY, genericRow(d), width, 2),
                    fromDoubles);
            assertEquals((float) (double) (Double) d[0], fromDoubles[2]);
        }
    }

    @Test
    void aNullElementIsFoundInEveryWordOfTheBitmap() {
        for (int width : WIDTHS) {
            for (int position : new int[] {0, 62, 63, 64, 65, 129, width - 1}) {
                if (position >= width) {
                    continue;
                }
                Object[] f = floats(width, position);
                f[position] = null;
                String expected = "null element at position " + position;
                assertTrue(rejection(FeatureKind.FLOAT_ARRAY,
                        unsafeRow(DataTypes.FloatType, f), width).contains(expected), expected);
                Object[] d = doubles(width, position);
                d[position] = null;
                assertTrue(rejection(FeatureKind.DOUBLE_ARRAY,
                        unsafeRow(DataTypes.DoubleType, d), width).contains(expected), expected);
            }
        }
    }

    @Test
    void everyNonFiniteValueIsRejectedWhereverItIs() {
        for (int width : WIDTHS) {
            for (int position : new int[] {0, width / 2, width - 1}) {
                for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY,
                        Float.NEGATIVE_INFINITY}) {
                    Object[] f = floats(width, position);
                    f[position] = bad;
                    String message = rejection(FeatureKind.FLOAT_ARRAY,
                            unsafeRow(DataTypes.FloatType, f), width);
                    assertTrue(message.contains("Column 'x' has a " + bad + " value"), message);
                    Object[] d = doubles(width, position);
                    d[position] = (double) bad;
                    message = rejection(FeatureKind.DOUBLE_ARRAY,
                            unsafeRow(DataTypes.DoubleType, d), width);
                    assertTrue(message.contains("Column 'x' has a " + (double) bad + " value"),
                            message);
                }
            }
        }
    }

    @Test
    void finiteValuesAtFloatsExtremesAreKept() {
        Object[] f = {Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -0f, 0f};
        assertArrayEquals(new float[] {Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -0f,
                0f}, Arrays.copyOf(read(FeatureKind.FLOAT_ARRAY,
                unsafeRow(DataTypes.FloatType, f), 5, 0), 5));
    }

    @Test
    void doublesBeyondFloatRangeAreRejectedNotTurnedIntoInfinity() {
        Object[] d = doubles(70, 1);
        d[66] = 1e39;
        String message = rejection(FeatureKind.DOUBLE_ARRAY, unsafeRow(DataTypes.DoubleType, d),
                70);
        assertTrue(message.contains("Column 'x' has a value (1.0E39) beyond float32's range"),
                message);
        assertThrows(IllegalArgumentException.class, () -> new FeatureReader("x",
                FeatureKind.VECTOR).readVector(Vectors.dense(1, -1e300), 2, new float[2], 0));
    }

    @Test
    void aRowThatDoesNotFitTheDestinationThrowsInsteadOfWritingPastIt() {
        InternalRow row = unsafeRow(DataTypes.FloatType, floats(64, 3));
        float[] small = new float[100];
        assertThrows(IndexOutOfBoundsException.class, () -> new FeatureReader("x",
                FeatureKind.FLOAT_ARRAY).read(row, 0, 64, small, 50));
        assertArrayEquals(new float[100], small);
    }
}
