package io.sparknn.ml.train;

import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a fit from a fitted model ({@code initialModel}): its parameters go into the configured
 * network when the two have the same layers, matched one by one (type, inputs, outputs, kernel,
 * parameter count), so two architectures that merely have as many parameters (4-8-16-4 and
 * 4-16-8-4) are told apart instead of loading scrambled.
 */
final class InitialModel {
    private static final Logger LOG = LoggerFactory.getLogger(InitialModel.class);

    private InitialModel() {}

    /**
     * The configured network with the model's parameters, and its updater state and iteration
     * count when the optimizer's state has the same size (the same optimizer).
     *
     * @throws IllegalArgumentException naming the first layer that differs
     */
    static NetworkSnapshot startFrom(NetworkSnapshot configured, NetworkSnapshot model) {
        String mismatch = firstMismatch(MultiLayerConfiguration.fromJson(model.configJson()),
                MultiLayerConfiguration.fromJson(configured.configJson()));
        if (mismatch == null && model.params().length != configured.params().length) {
            mismatch = "the initial model has " + model.params().length
                    + " parameters, the configured network " + configured.params().length;
        }
        if (mismatch != null) {
            throw new IllegalArgumentException("Param 'initialModel' does not fit the configured"
                    + " network: " + mismatch + ". hiddenLayers (or network) must describe the"
                    + " initial model's architecture.");
        }
        if (model.updaterState().length == configured.updaterState().length) {
            return configured.with(model.params(), model.updaterState(), model.iterationCount(),
                    model.epochCount());
        }
        LOG.info("The initial model's optimizer state does not fit the configured optimizer;"
                + " starting with a fresh optimizer state.");
        return configured.with(model.params(), configured.updaterState(), 0, 0);
    }

    /** The first difference between two networks' layers, or null. */
    static String firstMismatch(MultiLayerConfiguration model, MultiLayerConfiguration target) {
        List<NeuralNetConfiguration> a = model.getConfs();
        List<NeuralNetConfiguration> b = target.getConfs();
        if (a.size() != b.size()) {
            return "the initial model has " + a.size() + " layers, the configured network "
                    + b.size();
        }
        for (int i = 0; i < a.size(); i++) {
            String was = describe(a.get(i));
            String is = describe(b.get(i));
            if (!was.equals(is)) {
                return "layer " + i + " is a " + was + " in the initial model, a " + is
                        + " in the configured network";
            }
        }
        return null;
    }

    /** A layer's type and shape, as compared. */
    private static String describe(NeuralNetConfiguration conf) {
        Layer layer = conf.getLayer();
        StringBuilder s = new StringBuilder(layer.getClass().getSimpleName());
        if (layer instanceof FeedForwardLayer ff) {
            s.append(" (").append(ff.getNIn()).append(" inputs, ").append(ff.getNOut())
                    .append(" outputs");
            if (layer instanceof ConvolutionLayer conv) {
                s.append(", kernel ").append(Arrays.toString(conv.getKernelSize()));
            }
            s.append(')');
        }
        return s.append(" with ").append(layer.initializer().numParams(conf))
                .append(" parameters").toString();
    }
}
