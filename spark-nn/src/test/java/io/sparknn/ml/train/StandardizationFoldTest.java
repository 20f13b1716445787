package io.sparknn.ml.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.ml.NeuralNetClassifier;
import io.sparknn.ml.data.FeatureMoments;
import io.sparknn.ml.data.RowBlock;
import io.sparknn.ml.data.Standardization;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** Folding standardization into a dense first layer, and when it applies. */
class StandardizationFoldTest {

    /**
     * Rows of 4 features: the first three {@code density} nonzero, feature 3 the constant
     * {@code constant}.
     */
    private static FeatureMoments moments(double density, float constant, float[] x) {
        Random random = new Random(4);
        int rows = x.length / 4;
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < 3; j++) {
                x[r * 4 + j] = random.nextDouble() < density
                        ? (float) (random.nextGaussian() * (j + 1) * 10 + 5) : 0f;
            }
            x[r * 4 + 3] = constant;
        }
        long[] keys = random.longs(rows).toArray();
        return FeatureMoments.of(List.of(new RowBlock(x, new float[rows], keys, rows, 4, false)));
    }

    private static MultiLayerConfiguration dense() {
        return NetworkFactory.configure(new NeuralNetClassifier().setHiddenLayers(5), 4, 3);
    }

    @Test
    void foldingGivesTheRawFeaturesTheStandardizedOutputs() {
        float[] x = new float[400 * 4];
        Standardization s = StandardizationFold.forNetwork(dense(), 4, moments(1.0, 2.5f, x));
        assertTrue(s.centered());
        assertEquals(0, s.std()[3], 0.0, "a constant feature");
        assertEquals(1f, s.inverseScale(3), "is not divided");
        MultiLayerNetwork net = new MultiLayerNetwork(dense());
        net.init();
        NetworkSnapshot trained = NetworkSnapshot.of(net);
        MultiLayerNetwork folded = StandardizationFold.fold(trained, s).toNetwork();
        float[] z = new float[4];
        for (int r = 0; r < 20; r++) {
            s.apply(x, r * 4, z);
            INDArray raw = Nd4j.create(java.util.Arrays.copyOfRange(x, r * 4, r * 4 + 4),
                    new long[] {1, 4}, DataType.FLOAT);
            assertArrayEquals(net.output(Nd4j.create(z, new long[] {1, 4}, DataType.FLOAT))
                            .toDoubleVector(), folded.output(raw).toDoubleVector(), 1e-5);
        }
        // Unfolding the folded network gives back the one trained on standardized features.
        assertArrayEquals(trained.params(),
                StandardizationFold.unfold(StandardizationFold.fold(trained, s), s).params(),
                1e-5);
    }

    @Test
    void sparseDataIsScaledNotCentered() {
        Standardization s = StandardizationFold.forNetwork(dense(), 4,
                moments(0.05, 0f, new float[2000 * 4]));
        assertFalse(s.centered());
        assertEquals(0f, s.shift(0));
    }

    @Test
    void aNetworkWhoseFirstLayerIsNotDenseTrainsOnRawFeatures() {
        MultiLayerConfiguration conv = new NeuralNetConfiguration.Builder().list()
                .layer(new ConvolutionLayer.Builder(2, 2).nOut(2).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(2, 2, 1)).build();
        assertNull(StandardizationFold.forNetwork(conv, 4, moments(1.0, 2.5f, new float[40 * 4])));
    }
}
