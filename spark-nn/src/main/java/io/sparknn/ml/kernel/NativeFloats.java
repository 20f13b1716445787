package io.sparknn.ml.kernel;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;

/**
 * A float buffer outside the JVM heap, owned by one kernel and freed by {@link #close}: what
 * OpenBLAS reads and writes. {@link #view} reads and writes it from Java; {@link #at} gives
 * BLAS a pointer to an element.
 */
final class NativeFloats implements AutoCloseable {
    private final FloatPointer memory;
    private final FloatBuffer view;

    NativeFloats(long length) {
        memory = new FloatPointer(Math.max(1, length));
        memory.zero();
        view = memory.asBuffer();
    }

    FloatBuffer view() {
        return view;
    }

    /** A pointer to element {@code offset}; make these once, not per call. */
    FloatPointer at(long offset) {
        return new FloatPointer(memory).position(offset);
    }

    /** Copies {@code values[from, from + n)} to elements {@code [to, to + n)}. */
    void put(int to, float[] values, int from, int n) {
        view.put(to, values, from, n);
    }

    /** Copies elements {@code [from, from + n)} into {@code into[to, to + n)}. */
    void get(int from, float[] into, int to, int n) {
        view.get(from, into, to, n);
    }

    @Override
    public void close() {
        memory.close();
    }
}
