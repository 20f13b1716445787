package io.sparknn.ml.kernel;

/** The output layers the dense kernel computes: activation and loss together. */
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
    MEAN_SQUARED_ERROR
}
