package io.sparknn.ml.kernel;

import java.io.Serializable;
import java.util.List;

/**
 * A network the dense kernel can train and score, as plain values (it crosses to executors in
 * the training config): the layers in order, the output loss, and the optimizer segments over
 * the flat parameter vector, all in DL4J's layout. Built by {@link DenseSupport}.
 *
 * @param softmaxClipEps the cross-entropy score's clipping of probabilities (DL4J's default
 *     1e-10)
 */
public record DenseSpec(List<DenseLayerSpec> layers, OutputLoss loss, double softmaxClipEps,
        List<UpdaterSegment> segments, int numParams, int stateSize) implements Serializable {

    public int numInputs() {
        return layers.get(0).nIn();
    }

    public int numOutputs() {
        return layers.get(layers.size() - 1).nOut();
    }
}
