package io.sparknn.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The machine's measured float32 peak: a large ND4J matrix product, timed. */
final class PeakGemm {
    private PeakGemm() {}

    /** Best GFLOP/s of {@code repeats} products of two n x n float32 matrices. */
    static Timing gflops(int n, int threads, int repeats) {
        RawDl4j.threads(threads);
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        a.mmuli(b, c); // warm-up
        double[] rates = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            a.mmuli(b, c);
            double seconds = (System.nanoTime() - start) / 1e9;
            rates[i] = 2.0 * n * n * n / seconds / 1e9;
        }
        return Timing.of(rates);
    }
}
