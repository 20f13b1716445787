package io.sparknn.ml.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.AdaMax;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** Which networks the dense kernel takes, their layout, and the reasons it gives otherwise. */
class DenseSupportTest {
    private static NeuralNetConfiguration.ListBuilder base() {
        return new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .updater(new Adam(1e-3)).list();
    }

    private static OutputLayer softmax(int nIn) {
        return new OutputLayer.Builder(LossFunction.MCXENT).nIn(nIn).nOut(3)
                .activation(Activation.SOFTMAX).build();
    }

    @Test
    void describesADenseStackInDl4jLayout() {
        DenseSpec spec = DenseSupport.check(base()
                .layer(new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.RELU).build())
                .layer(softmax(5)).build()).spec();
        assertNotNull(spec);
        assertEquals(4 * 5 + 5 + 5 * 3 + 3, spec.numParams());
        assertEquals(20, spec.layers().get(0).biasOffset());
        assertEquals(25, spec.layers().get(1).weightOffset());
        assertEquals(1, spec.segments().size(), "one Adam block over all parameters");
        assertEquals(2 * spec.numParams(), spec.stateSize());
        assertEquals(OutputLoss.SOFTMAX_CROSS_ENTROPY, spec.loss());
    }

    @Test
    void splitsOptimizerSegmentsWhereTheConfigurationChanges() {
        DenseSpec spec = DenseSupport.check(base()
                .layer(new DenseLayer.Builder().nIn(4).nOut(5).updater(new Sgd(0.1)).build())
                .layer(softmax(5)).build()).spec();
        assertEquals(2, spec.segments().size());
        assertEquals(0, spec.segments().get(0).stateLength(), "SGD keeps no state");
        assertEquals(25, spec.segments().get(1).paramStart());
        assertEquals(0, spec.segments().get(1).stateOffset());
    }

    @Test
    void givesAReasonForWhatItDoesNotCompute() {
        assertReason("uses dropout", base()
                .layer(new DenseLayer.Builder().nIn(4).nOut(5).dropOut(0.5).build())
                .layer(softmax(5)).build());
        assertReason("ConvolutionLayer", base()
                .layer(new ConvolutionLayer.Builder(3, 3).nIn(1).nOut(2).build())
                .layer(softmax(18)).build());
        // A CNN reading flat rows, as the Fashion-MNIST example's: DL4J adds a preprocessor.
        assertReason("preprocessors", base()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(2).build())
                .layer(softmax(0)).setInputType(InputType.convolutionalFlat(5, 5, 1)).build());
        assertReason("bounded ReLU", base()
                .layer(new DenseLayer.Builder().nIn(4).nOut(5)
                        .activation(new ActivationReLU(6.0, null, null)).build())
                .layer(softmax(5)).build());
        assertReason("optimizer", base()
                .layer(new DenseLayer.Builder().nIn(4).nOut(5).updater(new AdaMax()).build())
                .layer(softmax(5)).build());
        assertReason("DOUBLE", new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .list().layer(new DenseLayer.Builder().nIn(4).nOut(5).build())
                .layer(softmax(5)).build());
        assertReason("loss", base().layer(new DenseLayer.Builder().nIn(4).nOut(5).build())
                .layer(new OutputLayer.Builder(LossFunction.HINGE).nIn(5).nOut(3)
                        .activation(Activation.IDENTITY).build()).build());
    }

    private static void assertReason(String expected, MultiLayerConfiguration conf) {
        DenseSupport support = DenseSupport.check(conf);
        assertNull(support.spec());
        assertTrue(support.reason().contains(expected), support.reason());
    }
}
