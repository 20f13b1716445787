package io.sparknn.ml.kernel;

import java.io.Serializable;
import java.util.List;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * One dense layer as the kernel sees it: {@code nIn x nOut} weights stored column-major (DL4J's
 * 'f' order) at {@code weightOffset} of the flat parameters, then {@code nOut} biases at {@code
 * biasOffset}, and the layer's regularization of each (DL4J's own objects; only their
 * coefficients are read).
 *
 * @param alpha leaky ReLU's slope for negative inputs (unused by other activations)
 */
public record DenseLayerSpec(int nIn, int nOut, DenseActivation activation, float alpha,
        int weightOffset, int biasOffset, List<Regularization> weightRegularization,
        List<Regularization> biasRegularization) implements Serializable {

    public int weightCount() {
        return nIn * nOut;
    }
}
