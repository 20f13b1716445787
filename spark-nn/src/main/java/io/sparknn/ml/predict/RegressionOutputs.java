package io.sparknn.ml.predict;

/** A regressor appends one column: the network's single output as a double. */
public final class RegressionOutputs implements OutputColumns {
    private static final long serialVersionUID = 1L;

    @Override
    public Object[] values(float[] output, int offset) {
        return new Object[] {(double) output[offset]};
    }

    @Override
    public int width() {
        return 1;
    }
}
