package io.sparknn.ml.train;

import java.util.Locale;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How the networks spark-nn builds from {@code hiddenLayers} start: the weight initialization of
 * their hidden and output layers, and their biases. A network given with {@code setNetwork} keeps
 * its own. The default is {@link #PYTORCH}, the rule PyTorch's {@code nn.Linear} uses, chosen by
 * measurement (bench/PERFORMANCE-LOG.md, 2026-12-03); {@code spark.sparknn.initialization} selects
 * another, e.g. {@code he} for the rule of spark-nn before it.
 */
public enum Initialization {
    /** He-normal weights for ReLU-like hidden layers (Xavier otherwise), zero biases. */
    HE,
    /** He-normal hidden weights, Xavier output weights, zero biases. */
    HE_XAVIER_OUTPUT,
    /** Xavier-normal weights everywhere, zero biases. */
    XAVIER,
    /** Weights uniform in +-1/sqrt(fan-in) everywhere, zero biases. */
    UNIFORM,
    /** Weights and biases uniform in +-1/sqrt(fan-in) (PyTorch's nn.Linear). */
    PYTORCH;

    /** Spark conf key that selects the initialization of networks built from hiddenLayers. */
    public static final String CONF = "spark.sparknn.initialization";

    /** The default. */
    public static final Initialization DEFAULT = PYTORCH;

    /** The initialization a conf value names ({@code he-xavier-output}, ...), or the default. */
    public static Initialization named(String name) {
        if (name == null || name.isEmpty()) {
            return DEFAULT;
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(CONF + " must be one of he, he-xavier-output,"
                    + " xavier, uniform, pytorch, but is '" + name + "'.");
        }
    }

    /** The weight initialization of a hidden layer with {@code activation}. */
    WeightInit hidden(Activation activation) {
        return switch (this) {
            case HE, HE_XAVIER_OUTPUT -> reluLike(activation) ? WeightInit.RELU : WeightInit.XAVIER;
            case XAVIER -> WeightInit.XAVIER;
            case UNIFORM, PYTORCH -> WeightInit.UNIFORM;
        };
    }

    /** The weight initialization of the output layer, after hidden layers of {@code activation}. */
    WeightInit output(Activation activation) {
        return this == HE_XAVIER_OUTPUT ? WeightInit.XAVIER : hidden(activation);
    }

    /**
     * Draws the biases of a freshly initialized network built by {@link NetworkFactory}, when this
     * initialization draws them ({@link #PYTORCH}), seeded so that the same seed gives the same
     * network.
     */
    public void initializeBiases(MultiLayerNetwork network, long seed) {
        if (this != PYTORCH) {
            return;
        }
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (Layer layer : network.getLayers()) {
            if (!layer.paramTable().containsKey(DefaultParamInitializer.BIAS_KEY)) {
                continue;
            }
            INDArray w = layer.getParam(DefaultParamInitializer.WEIGHT_KEY);
            INDArray b = layer.getParam(DefaultParamInitializer.BIAS_KEY);
            double bound = 1 / Math.sqrt(w.size(0));
            for (long k = 0; k < b.length(); k++) {
                b.putScalar(k, (random.nextDouble() * 2 - 1) * bound);
            }
        }
    }

    private static boolean reluLike(Activation a) {
        return a == Activation.RELU || a == Activation.LEAKYRELU || a == Activation.RELU6
                || a == Activation.RRELU || a == Activation.ELU || a == Activation.SELU;
    }
}
