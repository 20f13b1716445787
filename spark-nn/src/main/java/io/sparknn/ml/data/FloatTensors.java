package io.sparknn.ml.data;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Float matrices filled from Java arrays by bulk copies into their host memory. ND4J's {@code
 * Nd4j.create(float[], shape)} copies value by value through a virtual call per element
 * ({@code DataBuffer.setData}); on Fashion-MNIST batches (64 x 784) that cost more than gathering
 * the rows. Callers write through {@link #hostView} and then call {@link #written}.
 */
public final class FloatTensors {
    private FloatTensors() {}

    /** A new {@code rows x cols} float matrix whose contents the caller writes next. */
    public static INDArray matrix(int rows, int cols) {
        return Nd4j.createUninitialized(DataType.FLOAT, rows, cols);
    }

    /** The host memory of a {@link #matrix}, row-major, for bulk {@code put}s. */
    public static FloatBuffer hostView(INDArray matrix) {
        return matrix.data().asNioFloat();
    }

    /**
     * Call once the host memory is written: tags the host copy as the current one, which is how
     * ND4J's CUDA backend knows to refresh the device copy before the next operation (a no-op on
     * CPU; the CUDA path is built but, without a GPU here, never run).
     */
    public static INDArray written(INDArray matrix) {
        Nd4j.getAffinityManager().tagLocation(matrix, AffinityManager.Location.HOST);
        return matrix;
    }

    /** A {@code rows x cols} float matrix holding the first {@code rows * cols} of {@code values}. */
    public static INDArray of(float[] values, int rows, int cols) {
        return copyInto(matrix(rows, cols), values);
    }

    /** Overwrites {@code matrix} (from {@link #matrix}) with the first values of {@code values}. */
    public static INDArray copyInto(INDArray matrix, float[] values) {
        hostView(matrix).put(values, 0, (int) matrix.length());
        return written(matrix);
    }
}
