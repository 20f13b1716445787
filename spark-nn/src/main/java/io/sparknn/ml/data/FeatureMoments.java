package io.sparknn.ml.data;

import java.io.Serializable;
import java.util.List;

/**
 * Per-feature count, mean and sum of squared deviations of training rows, for standardization.
 * A partition's rows are added in the order of their content keys ({@link RowKeys}) and
 * partitions merge in partition order (Chan et al.'s pairwise update), so the statistics are the
 * same to the last bit however Spark delivered the rows, as the rest of a fit is.
 */
public final class FeatureMoments implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int width;
    private long count;
    /** Feature values that are not 0, over all rows and features. */
    private long nonzeros;
    private final double[] mean;
    private final double[] m2;

    private FeatureMoments(int width) {
        this.width = width;
        this.mean = new double[width];
        this.m2 = new double[width];
    }

    /** The moments of the training rows of {@code blocks} (one partition's, or a chunk's). */
    public static FeatureMoments of(List<RowBlock> blocks) {
        int width = blocks.isEmpty() ? 0 : blocks.get(0).width();
        FeatureMoments moments = new FeatureMoments(width);
        long[] keys = RowBatcher.keys(blocks);
        if (keys.length == 0) {
            return moments;
        }
        int[] blockOf = new int[keys.length];
        int[] rowOf = new int[keys.length];
        for (int b = 0, at = 0; b < blocks.size(); b++) {
            for (int r = 0; r < blocks.get(b).rows(); r++, at++) {
                blockOf[at] = b;
                rowOf[at] = r;
            }
        }
        int[] order = RowKeys.sortedByKey(keys);
        // Two passes in key order over the nonzero values only: the means, then the squared
        // deviations from them, the zeros' share added per feature at the end. Rows held
        // densely or sparsely give the same sums, and a sparse pass costs its nonzeros.
        double[] sum = new double[width];
        long[] featureNonzeros = new long[width];
        for (int i : order) {
            RowBlock b = blocks.get(blockOf[i]);
            int row = rowOf[i];
            if (b.sparse()) {
                for (int k = b.rowStarts()[row]; k < b.rowStarts()[row + 1]; k++) {
                    sum[b.indices()[k]] += b.features()[k];
                    featureNonzeros[b.indices()[k]]++;
                }
            } else {
                float[] x = b.features();
                for (int j = 0, at = row * width; j < width; j++, at++) {
                    if (x[at] != 0) {
                        sum[j] += x[at];
                        featureNonzeros[j]++;
                    }
                }
            }
        }
        moments.count = keys.length;
        for (int j = 0; j < width; j++) {
            moments.mean[j] = sum[j] / moments.count;
            moments.nonzeros += featureNonzeros[j];
        }
        double[] mean = moments.mean;
        double[] m2 = moments.m2;
        for (int i : order) {
            RowBlock b = blocks.get(blockOf[i]);
            int row = rowOf[i];
            if (b.sparse()) {
                for (int k = b.rowStarts()[row]; k < b.rowStarts()[row + 1]; k++) {
                    double d = b.features()[k] - mean[b.indices()[k]];
                    m2[b.indices()[k]] += d * d;
                }
            } else {
                float[] x = b.features();
                for (int j = 0, at = row * width; j < width; j++, at++) {
                    if (x[at] != 0) {
                        double d = x[at] - mean[j];
                        m2[j] += d * d;
                    }
                }
            }
        }
        for (int j = 0; j < width; j++) {
            m2[j] += (moments.count - featureNonzeros[j]) * mean[j] * mean[j];
        }
        return moments;
    }

    /** No rows. */
    public static FeatureMoments empty() {
        return new FeatureMoments(0);
    }

    /** These moments and {@code other}'s, as of the rows of both. */
    public FeatureMoments merge(FeatureMoments other) {
        if (other.count == 0) {
            return this;
        }
        if (count == 0) {
            return other;
        }
        FeatureMoments merged = new FeatureMoments(width);
        merged.count = count + other.count;
        merged.nonzeros = nonzeros + other.nonzeros;
        for (int j = 0; j < width; j++) {
            double delta = other.mean[j] - mean[j];
            merged.mean[j] = mean[j] + delta * other.count / merged.count;
            merged.m2[j] = m2[j] + other.m2[j]
                    + delta * delta * ((double) count * other.count / merged.count);
        }
        return merged;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureMoments m && m.width == width && m.count == count
                && m.nonzeros == nonzeros
                && java.util.Arrays.equals(m.mean, mean) && java.util.Arrays.equals(m.m2, m2);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(width, count, java.util.Arrays.hashCode(mean));
    }

    /** The fraction of the rows' feature values that are not 0. */
    public double density() {
        return count == 0 || width == 0 ? 0 : (double) nonzeros / ((double) count * width);
    }

    public long count() {
        return count;
    }

    public double[] mean() {
        return mean.clone();
    }

    /** Sample standard deviations (n - 1 in the denominator, as MLlib's StandardScaler). */
    public double[] std() {
        double[] std = new double[width];
        for (int j = 0; j < width; j++) {
            std[j] = count > 1 ? Math.sqrt(m2[j] / (count - 1)) : 0;
        }
        return std;
    }
}
