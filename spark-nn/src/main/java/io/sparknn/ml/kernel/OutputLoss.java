package io.sparknn.ml.kernel;

import java.nio.FloatBuffer;

/**
 * The output layers the dense kernel computes, activation and loss together, as DL4J's
 * {@code LossMCXENT} / {@code LossMSE} compute them: per-example scores summed over the batch
 * and the gradient at the output layer's pre-activation (summed over examples; DL4J's updater
 * divides by the batch size).
 */
public enum OutputLoss {
    /**
     * Softmax with multi-class cross-entropy (DL4J's MCXENT or NEGATIVELOGLIKELIHOOD): the
     * gradient at the pre-activation is {@code p - y}; the score clips p to [eps, 1 - eps].
     */
    SOFTMAX_CROSS_ENTROPY,
    /**
     * DL4J's MSE: {@code sum((y - f(z))^2) / nOut} per example, with any element-wise output
     * activation of {@link DenseActivation}.
     */
    MEAN_SQUARED_ERROR;

    /** The output layer's activation: {@code out = f(pre)}, {@code rows x n} row-major. */
    void forward(DenseLayerSpec layer, FloatBuffer pre, FloatBuffer out, int rows) {
        int n = layer.nOut();
        if (this == MEAN_SQUARED_ERROR) {
            layer.activation().forward(pre, out, rows * n, layer.alpha());
            return;
        }
        for (int r = 0; r < rows; r++) {
            int base = r * n;
            float max = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < n; k++) {
                max = Math.max(max, pre.get(base + k));
            }
            float sum = 0;
            for (int k = 0; k < n; k++) {
                float e = (float) Math.exp(pre.get(base + k) - max);
                out.put(base + k, e);
                sum += e;
            }
            for (int k = 0; k < n; k++) {
                out.put(base + k, out.get(base + k) / sum);
            }
        }
    }

    /**
     * The per-example losses of a batch, summed; when {@code gradient} is not null, also the
     * loss gradient at the pre-activation into it.
     *
     * @param clipEps cross-entropy's clipping of probabilities in the score (DL4J: 1e-10)
     */
    double loss(DenseLayerSpec layer, FloatBuffer pre, FloatBuffer out, FloatBuffer labels,
            FloatBuffer gradient, int rows, double clipEps) {
        int n = layer.nOut();
        double sum = 0;
        if (this == SOFTMAX_CROSS_ENTROPY) {
            for (int i = 0; i < rows * n; i++) {
                float p = out.get(i);
                float y = labels.get(i);
                if (y != 0) {
                    sum -= y * Math.log(clipEps > 0 ? Math.min(Math.max(p, clipEps), 1 - clipEps)
                            : p);
                }
                if (gradient != null) {
                    gradient.put(i, p - y);
                }
            }
            return sum;
        }
        for (int i = 0; i < rows * n; i++) {
            float diff = out.get(i) - labels.get(i);
            sum += (double) diff * diff;
            if (gradient != null) {
                gradient.put(i, diff * 2 / n);
            }
        }
        if (gradient != null) {
            layer.activation().backward(pre, out, gradient, rows * n, layer.alpha());
        }
        return sum / n;
    }
}
