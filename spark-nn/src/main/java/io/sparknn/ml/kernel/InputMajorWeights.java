package io.sparknn.ml.kernel;

/**
 * The first layer's weights in the order the sparse path reads them. DL4J holds a dense layer's
 * {@code nIn x nOut} weights column-major: one output's weights over all inputs in a run, so the
 * weights of one input sit {@code nIn} apart (1 MiB apart for 262,144 hashed features). A sparse
 * row uses whole inputs, so the kernel keeps that layer input-major (row-major: each input's
 * {@code nOut} weights in a run) in its parameters, gradients and optimizer state alike, which
 * the optimizer, element by element, does not notice; the layout changes back whenever the
 * state leaves the kernel.
 */
final class InputMajorWeights {
    /**
     * Inputs moved per tile: a tile's reads and writes (this many inputs' weights for every
     * output) stay in the core's cache. 262,144 x 32 weights take about 20 ms each way in tiles,
     * 50-55 ms in one pass per output (which misses the cache on every write).
     */
    private static final int TILE = 256;
    private final int nIn;
    private final int nOut;

    InputMajorWeights(int nIn, int nOut) {
        this.nIn = nIn;
        this.nOut = nOut;
    }

    /** Reorders {@code a[offset, offset + nIn * nOut)} from DL4J's order to input-major. */
    void fromDl4j(float[] a, int offset) {
        reorder(a, offset, true);
    }

    /** Reorders {@code a[offset, offset + nIn * nOut)} from input-major to DL4J's order. */
    void toDl4j(float[] a, int offset) {
        reorder(a, offset, false);
    }

    private void reorder(float[] a, int offset, boolean toInputMajor) {
        float[] copy = java.util.Arrays.copyOfRange(a, offset, offset + nIn * nOut);
        for (int tile = 0; tile < nIn; tile += TILE) {
            int end = Math.min(nIn, tile + TILE);
            for (int o = 0; o < nOut; o++) {
                for (int i = tile; i < end; i++) {
                    int inputMajor = i * nOut + o;
                    int dl4j = o * nIn + i;
                    if (toInputMajor) {
                        a[offset + inputMajor] = copy[dl4j];
                    } else {
                        a[offset + dl4j] = copy[inputMajor];
                    }
                }
            }
        }
    }
}
