package io.sparknn.ml.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.ml.SparkTestSession;
import io.sparknn.ml.train.KernelSelection;
import io.sparknn.ml.train.NetworkSnapshot;
import java.util.Random;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** Single-row predictions: the dense kernel's one-row pass against DL4J's output. */
class LocalNetworkTest {
    private static final int INPUTS = 6;

    private static MultiLayerNetwork network(boolean classifier) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(5).dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(INPUTS).nOut(8)
                        .activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(classifier ? LossFunction.MCXENT
                        : LossFunction.MSE).nIn(8).nOut(classifier ? 3 : 1)
                        .activation(classifier ? Activation.SOFTMAX : Activation.IDENTITY)
                        .build())
                .build());
        net.init();
        return net;
    }

    private static double[] dl4jOutput(MultiLayerNetwork net, Vector row) {
        return net.output(Nd4j.create(row.toArray()).castTo(DataType.FLOAT)
                .reshape(1, INPUTS), false).castTo(DataType.DOUBLE).toDoubleVector();
    }

    @Test
    void theKernelPredictsOneRowAsDl4jDoes() {
        SparkTestSession.get();
        Random random = new Random(9);
        for (boolean classifier : new boolean[] {true, false}) {
            MultiLayerNetwork net = network(classifier);
            LocalNetwork local = new LocalNetwork(NetworkSnapshot.of(net), INPUTS, "features");
            assertTrue(local.usesKernel());
            for (int i = 0; i < 20; i++) {
                double[] x = random.doubles(INPUTS, -2, 2).toArray();
                Vector row = i % 2 == 0 ? Vectors.dense(x) : Vectors.dense(x).compressed();
                assertArrayEquals(dl4jOutput(net, row), local.predict(row), 1e-5);
            }
        }
    }

    @Test
    void closingFreesTheNetworkAndTheNextPredictionOpensItAgain() {
        SparkTestSession.get();
        MultiLayerNetwork net = network(true);
        LocalNetwork local = new LocalNetwork(NetworkSnapshot.of(net), INPUTS, "features");
        assertFalse(local.isOpen(), "opened on first use");
        Vector row = Vectors.dense(1, -1, 0.5, 0, 2, -0.25);
        double[] first = local.predict(row);
        assertTrue(local.isOpen());
        local.close();
        assertFalse(local.isOpen());
        local.close();
        assertArrayEquals(first, local.predict(row), 0.0);
        assertTrue(local.isOpen());
    }

    @Test
    void theKernelSettingTurnsItOff() {
        SparkTestSession.get().conf().set(KernelSelection.ENABLED_CONF, "false");
        try {
            MultiLayerNetwork net = network(true);
            LocalNetwork local = new LocalNetwork(NetworkSnapshot.of(net), INPUTS, "features");
            Vector row = Vectors.dense(1, -1, 0.5, 0, 2, -0.25);
            assertArrayEquals(dl4jOutput(net, row), local.predict(row), 1e-6);
            assertFalse(local.usesKernel());
        } finally {
            SparkTestSession.get().conf().unset(KernelSelection.ENABLED_CONF);
        }
    }
}
