package io.sparknn.ml.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Bulk-written float matrices hold exactly what ND4J's own element-wise copy would. */
class FloatTensorsTest {

    @Test
    void holdsTheFirstRowsTimesColsValuesRowMajor() {
        float[] values = {1.5f, -2.25f, 3e-8f, Float.MAX_VALUE, -0f, 7f, 99f, 99f};
        INDArray m = FloatTensors.of(values, 3, 2);
        assertArrayEquals(new long[] {3, 2}, m.shape());
        assertArrayEquals(new float[] {1.5f, -2.25f, 3e-8f, Float.MAX_VALUE, -0f, 7f},
                m.ravel().toFloatVector());
        assertArrayEquals(Nd4j.create(new float[] {1.5f, -2.25f}, new long[] {1, 2},
                org.nd4j.linalg.api.buffer.DataType.FLOAT).toFloatMatrix()[0],
                m.getRow(0).toFloatVector());
    }

    @Test
    void opsReadTheWrittenValues() {
        INDArray a = FloatTensors.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        INDArray b = FloatTensors.of(new float[] {1, 0, 0, 1, 1, 1}, 3, 2);
        assertArrayEquals(new float[] {4, 5, 10, 11}, a.mmul(b).ravel().toFloatVector());
    }
}
