package io.sparknn.ml.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.api.OptimizationAlgorithm;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * Decides whether the dense kernel computes a DL4J configuration exactly, and describes it as a
 * {@link DenseSpec} when it does. Anything it does not recognize (another layer type, dropout,
 * weight noise, constraints, gradient normalization, input preprocessors, truncated BPTT, a
 * double-precision network, another loss, optimizer or regularization) gets a reason instead,
 * and the network trains with DL4J's own fit.
 */
public final class DenseSupport {
    private static final Set<Class<? extends IUpdater>> UPDATERS =
            Set.of(Adam.class, Sgd.class, Nesterovs.class, RmsProp.class, AdaGrad.class);
    private static final Set<Class<? extends Regularization>> REGULARIZATIONS =
            Set.of(L2Regularization.class, L1Regularization.class, WeightDecay.class);

    private final DenseSpec spec;
    private final String reason;

    private DenseSupport(DenseSpec spec, String reason) {
        this.spec = spec;
        this.reason = reason;
    }

    /** Checks {@code conf} against what the kernel computes. */
    public static DenseSupport check(MultiLayerConfiguration conf) {
        try {
            return new DenseSupport(describe(conf), null);
        } catch (Unsupported e) {
            return new DenseSupport(null, e.getMessage());
        }
    }

    /** The kernel's description of the network, or null when {@link #reason} says why not. */
    public DenseSpec spec() {
        return spec;
    }

    /** Why the kernel does not take this network, or null when it does. */
    public String reason() {
        return reason;
    }

    private static DenseSpec describe(MultiLayerConfiguration conf) {
        require(conf.getDataType() == DataType.FLOAT, "the network's data type is "
                + conf.getDataType() + ", not FLOAT");
        require(conf.getBackpropType() == BackpropType.Standard, "it uses truncated BPTT");
        require(conf.getInputPreProcessors() == null || conf.getInputPreProcessors().isEmpty(),
                "it has input preprocessors");
        int count = conf.getConfs().size();
        List<DenseLayerSpec> layers = new ArrayList<>();
        OutputLoss loss = null;
        double clipEps = 0;
        int offset = 0;
        for (int i = 0; i < count; i++) {
            NeuralNetConfiguration layerConf = conf.getConf(i);
            checkSolver(layerConf, i);
            Layer layer = layerConf.getLayer();
            boolean last = i == count - 1;
            Class<?> expected = last ? OutputLayer.class : DenseLayer.class;
            require(layer.getClass() == expected, "layer " + i + " is a "
                    + layer.getClass().getSimpleName() + ", not a " + expected.getSimpleName());
            BaseLayer base = (BaseLayer) layer;
            checkLayerExtras(base, i);
            int nIn = (int) (last ? ((OutputLayer) layer).getNIn() : ((DenseLayer) layer).getNIn());
            int nOut = (int) (last ? ((OutputLayer) layer).getNOut()
                    : ((DenseLayer) layer).getNOut());
            require(nIn > 0 && nOut > 0, "layer " + i + " has no nIn/nOut");
            require(layers.isEmpty() || layers.get(layers.size() - 1).nOut() == nIn,
                    "layer " + i + "'s nIn does not match the previous layer");
            DenseActivation activation;
            if (last) {
                require(((OutputLayer) layer).hasBias(), "the output layer has no bias");
                ILossFunction lossFn = ((OutputLayer) layer).getLossFn();
                if (lossFn instanceof LossMCXENT mcxent) {
                    require(mcxent.getWeights() == null, "its loss has class weights");
                    require(base.getActivationFn() instanceof ActivationSoftmax,
                            "its cross-entropy output is not softmax");
                    loss = OutputLoss.SOFTMAX_CROSS_ENTROPY;
                    clipEps = mcxent.getSoftmaxClipEps();
                    activation = DenseActivation.IDENTITY;
                } else if (lossFn != null && lossFn.getClass() == LossMSE.class) {
                    require(((LossMSE) lossFn).getWeights() == null, "its loss has weights");
                    loss = OutputLoss.MEAN_SQUARED_ERROR;
                    activation = elementWise(base.getActivationFn(), i);
                } else {
                    throw new Unsupported("its loss is " + lossFn + " (the kernel computes"
                            + " softmax cross-entropy and MSE)");
                }
            } else {
                DenseLayer dense = (DenseLayer) layer;
                require(dense.hasBias(), "layer " + i + " has no bias");
                require(!dense.hasLayerNorm(), "layer " + i + " uses layer normalization");
                activation = elementWise(base.getActivationFn(), i);
            }
            float alpha = base.getActivationFn() instanceof ActivationLReLU leaky
                    ? (float) leaky.getAlpha() : 0f;
            layers.add(new DenseLayerSpec(nIn, nOut, activation, alpha, offset,
                    offset + nIn * nOut, regularization(base.getRegularization(), i),
                    regularization(base.getRegularizationBias(), i)));
            offset += nIn * nOut + nOut;
        }
        require(!layers.isEmpty(), "it has no layers");
        List<UpdaterSegment> segments = segments(conf, layers);
        int stateSize = segments.stream().mapToInt(UpdaterSegment::stateLength).sum();
        return new DenseSpec(List.copyOf(layers), loss, clipEps, segments, offset, stateSize);
    }

    /**
     * DL4J's updater blocks: consecutive parameters (each layer's W, then b) whose optimizer
     * configurations are equal share one block and one slice of the state.
     */
    private static List<UpdaterSegment> segments(MultiLayerConfiguration conf,
            List<DenseLayerSpec> layers) {
        List<UpdaterSegment> segments = new ArrayList<>();
        int state = 0;
        for (int i = 0; i < layers.size(); i++) {
            BaseLayer base = (BaseLayer) conf.getConf(i).getLayer();
            DenseLayerSpec layer = layers.get(i);
            for (String param : List.of("W", "b")) {
                IUpdater updater = base.getUpdaterByParam(param);
                require(updater != null && UPDATERS.contains(updater.getClass()),
                        "layer " + i + " uses the optimizer " + updater);
                int start = param.equals("W") ? layer.weightOffset() : layer.biasOffset();
                int end = start + (param.equals("W") ? layer.weightCount() : layer.nOut());
                int last = segments.size() - 1;
                if (last >= 0 && segments.get(last).updater().equals(updater)) {
                    UpdaterSegment previous = segments.get(last);
                    segments.set(last, new UpdaterSegment(previous.paramStart(), end,
                            previous.stateOffset(), updater));
                } else {
                    if (last >= 0) {
                        state += segments.get(last).stateLength();
                    }
                    segments.add(new UpdaterSegment(start, end, state, updater));
                }
            }
        }
        return List.copyOf(segments);
    }

    private static void checkSolver(NeuralNetConfiguration layerConf, int i) {
        require(layerConf.getOptimizationAlgo() == OptimizationAlgorithm.STOCHASTIC_GRADIENT_DESCENT,
                "layer " + i + " uses " + layerConf.getOptimizationAlgo());
        require(layerConf.isMiniBatch(), "miniBatch is false");
        require(layerConf.isMinimize(), "it maximizes its objective");
        require(layerConf.getStepFunction() == null, "it sets a step function");
    }

    private static void checkLayerExtras(BaseLayer layer, int i) {
        require(layer.getIDropout() == null, "layer " + i + " uses dropout");
        require(layer.getWeightNoise() == null, "layer " + i + " uses weight noise");
        require(layer.getConstraints() == null || layer.getConstraints().isEmpty(),
                "layer " + i + " has constraints");
        require(layer.getGradientNormalization() == null
                        || layer.getGradientNormalization() == GradientNormalization.None,
                "layer " + i + " uses gradient normalization");
    }

    private static DenseActivation elementWise(IActivation fn, int i) {
        if (fn instanceof ActivationReLU relu) {
            require(relu.getMax() == null && relu.getThreshold() == null
                    && relu.getNegativeSlope() == null, "layer " + i + " uses a bounded ReLU");
            return DenseActivation.RELU;
        }
        if (fn instanceof ActivationLReLU) {
            return DenseActivation.LEAKY_RELU;
        }
        if (fn instanceof ActivationIdentity) {
            return DenseActivation.IDENTITY;
        }
        if (fn instanceof ActivationTanH) {
            return DenseActivation.TANH;
        }
        if (fn instanceof ActivationSigmoid) {
            return DenseActivation.SIGMOID;
        }
        throw new Unsupported("layer " + i + " uses the activation " + fn);
    }

    private static List<Regularization> regularization(List<Regularization> list, int i) {
        if (list == null) {
            return List.of();
        }
        for (Regularization r : list) {
            require(REGULARIZATIONS.contains(r.getClass()), "layer " + i + " uses " + r);
        }
        return List.copyOf(list);
    }

    private static void require(boolean condition, String reason) {
        if (!condition) {
            throw new Unsupported(reason);
        }
    }

    /** Control flow for {@link #check}: the first unsupported feature found. */
    private static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String reason) {
            super(reason, null, false, false);
        }
    }
}
