package io.sparknn.ml.data;

import java.io.Serializable;

/**
 * The per-feature shift and scale a fit trains with ({@code standardization}): {@code (x - mean)
 * / std} with the training rows' statistics. A constant feature (std 0) is only shifted. Sparse
 * data (fewer than {@link #CENTER_DENSITY} of the values nonzero: hashed text, one-hot columns) is
 * only scaled, as MLlib's LogisticRegression and StandardScaler do, since centering would make
 * every zero nonzero; the rule reads the values, not how they are stored, so the same rows given
 * as dense or sparse vectors train alike. Applied to each row as it is copied into a batch;
 * immutable, shipped to executors with the training config.
 */
public final class Standardization implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Data with at least this fraction of nonzero values is centered. */
    public static final double CENTER_DENSITY = 0.1;

    private final double[] mean;
    private final double[] std;
    private final boolean centered;
    private final float[] shift;
    private final float[] inverseScale;

    private Standardization(double[] mean, double[] std, boolean centered) {
        this.mean = mean;
        this.std = std;
        this.centered = centered;
        this.shift = new float[mean.length];
        this.inverseScale = new float[mean.length];
        for (int j = 0; j < mean.length; j++) {
            shift[j] = centered ? (float) mean[j] : 0f;
            inverseScale[j] = std[j] > 0 ? (float) (1 / std[j]) : 1f;
        }
    }

    /**
     * The standardization of rows with these moments.
     *
     * @param center whether to shift to mean 0
     */
    public static Standardization of(FeatureMoments moments, boolean center) {
        return new Standardization(moments.mean(), moments.std(), center);
    }

    /** Writes row {@code src[from, from + width)} standardized into {@code dest[0, width)}. */
    public void apply(float[] src, int from, float[] dest) {
        for (int j = 0; j < shift.length; j++) {
            dest[j] = (src[from + j] - shift[j]) * inverseScale[j];
        }
    }

    /** The training rows' means (what was subtracted when centered). */
    public double[] mean() {
        return mean.clone();
    }

    /** The training rows' sample standard deviations (0 for a constant feature). */
    public double[] std() {
        return std.clone();
    }

    /** Whether rows are shifted by the mean (false for sparse data). */
    public boolean centered() {
        return centered;
    }

    /** The value subtracted from feature {@code j}, as the float the rows are shifted by. */
    public float shift(int j) {
        return shift[j];
    }

    /** The factor feature {@code j} is multiplied by after the shift, as a float. */
    public float inverseScale(int j) {
        return inverseScale[j];
    }

    public int width() {
        return shift.length;
    }
}
