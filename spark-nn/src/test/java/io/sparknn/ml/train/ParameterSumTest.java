package io.sparknn.ml.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** Weighted sums, averages, snapshots and shuffles, without Spark. */
class ParameterSumTest {
    private static MultiLayerNetwork network(double value) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().updater(new Adam())
                .list().layer(new OutputLayer.Builder(LossFunction.MSE).nIn(2).nOut(1)
                        .activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.params().assign(value);
        net.getUpdater(true).getStateViewArray().assign(value * 10);
        return net;
    }

    @Test
    void averageWeighsEachTaskByItsExampleCount() {
        MultiLayerNetwork a = network(1);
        NetworkSnapshot start = NetworkSnapshot.of(a).with(
                NetworkSnapshot.of(a).params(), NetworkSnapshot.of(a).updaterState(), 7, 2);
        ParameterSum sum = ParameterSum.empty()
                .merge(new Dl4jTaskNetwork(a).result(1, 0.5, 3, 2_000_000_000L))
                .merge(ParameterSum.empty())
                .merge(new Dl4jTaskNetwork(network(4)).result(3, 1.5, 5, 500_000_000L));
        NetworkSnapshot mean = sum.average(start, false, true);
        double[] expected = new double[3];
        Arrays.fill(expected, (1 * 1 + 3 * 4) / 4.0);
        assertArrayEquals(expected, mean.params(), 1e-12);
        assertEquals((1 * 10 + 3 * 40) / 4.0, mean.updaterState()[0], 1e-9);
        assertEquals(4, sum.count());
        assertEquals(2, sum.tasks(), "the empty task is not counted");
        assertEquals(0.5, sum.meanLoss(), 1e-12);
        assertEquals(7 + 5, mean.iterationCount(), "iterations advance by the longest task");
        assertEquals(3, mean.epochCount());
        assertEquals(2.0, sum.fitLoopSeconds(), 1e-12, "the slowest task's fit loop");
    }

    @Test
    void theNextEpochStartsAnOuterStepAlongTheAveragedChange() {
        NetworkSnapshot start = NetworkSnapshot.of(network(1));
        NetworkSnapshot average = start.with(new double[] {1.5, 0.75, 1.0 + 1e-9},
                new double[] {20, 30, 40}, 9, 1);
        NetworkSnapshot next = OuterStep.nextStart(start, average, 2, 2.0, false);
        assertArrayEquals(new double[] {2.0, 0.5, 1.0 + 2e-9}, next.params(), 1e-15);
        assertArrayEquals(average.updaterState(), next.updaterState(), 0.0,
                "optimizer state is averaged, not extrapolated");
        assertEquals(9, next.iterationCount());
        assertEquals(1, next.epochCount());
        // Rounded to floats when the network computes in float32: 1 + 2e-9 is 1.0f.
        assertArrayEquals(new double[] {2.0, 0.5, 1.0},
                OuterStep.nextStart(start, average, 2, 2.0, true).params(), 0.0);
        assertSame(average, OuterStep.nextStart(start, average, 1, 2.0, false),
                "one worker's result is never extrapolated");
        assertSame(average, OuterStep.nextStart(start, average, 3, 1.0, false));
    }

    @Test
    void theOuterStepIsTakenOnlyWhileTheTrainingLossFalls() {
        double[] loss = {0.9, 0.5, 0.4, 0.45, 0.3, 0, 0};
        assertEquals(2.0, OuterStep.rate(2.0, loss, 1), "after the first epoch");
        assertEquals(2.0, OuterStep.rate(2.0, loss, 3));
        assertEquals(1.0, OuterStep.rate(2.0, loss, 4), "epoch 4's loss rose");
        assertEquals(1.0, OuterStep.rate(2.0, loss, 5), "and stays off once it rose");
        assertEquals(1.0, OuterStep.rate(2.0, new double[] {0.5, 0.5}, 2), "a flat loss");
        assertEquals(1.0, OuterStep.rate(2.0, new double[] {0.5, Double.NaN}, 2));
    }

    @Test
    void float32ResultsCrossAsFloatsAndSumAsBefore() throws Exception {
        MultiLayerNetwork net = network(0);
        Nd4j.getRandom().setSeed(2);
        net.params().assign(Nd4j.rand(net.params().shape()));
        ParameterSum leaf = new Dl4jTaskNetwork(net).result(7, 1.0, 2, 0);
        ParameterSum copy = roundTrip(leaf);
        NetworkSnapshot start = NetworkSnapshot.of(net);
        assertArrayEquals(ParameterSum.empty().merge(leaf).average(start, false, true).params(),
                ParameterSum.empty().merge(copy).average(start, false, true).params(), 0.0);
        // A weighted sum is no longer float-exact and keeps its doubles.
        ParameterSum sum = ParameterSum.empty().merge(leaf).merge(leaf);
        assertArrayEquals(sum.average(start, false, true).params(),
                roundTrip(sum).average(start, false, true).params(), 0.0);
        assertTrue(serializedSize(sum) - serializedSize(leaf) >= 4 * 3,
                "a task's float32 values cross as floats");
        // The float rounding of the mean is what a float32 network would hold.
        double[] rounded = sum.average(start, true, true).params();
        for (int i = 0; i < rounded.length; i++) {
            assertEquals((float) sum.average(start, false, true).params()[i], rounded[i], 0.0);
        }
        NetworkSnapshot doubles = NetworkSnapshot.of(net).with(new double[] {0.1, 0.2, 0.3},
                NetworkSnapshot.of(net).updaterState(), 0, 0);
        assertTrue(serializedSize(doubles) - serializedSize(NetworkSnapshot.of(net)) >= 3 * 4,
                "float32 values serialize as floats, 4 bytes less each");
        assertArrayEquals(doubles.params(), roundTrip(doubles).params(), 0.0);
        NetworkSnapshot snapshot = NetworkSnapshot.of(net);
        NetworkSnapshot back = roundTrip(snapshot);
        assertArrayEquals(snapshot.params(), back.params(), 0.0);
        assertEquals(snapshot.configJson(), back.configJson());
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    private static int serializedSize(Object value) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.size();
    }

    @Test
    void snapshotsRoundTripParametersAndUpdaterStateExactly() {
        MultiLayerNetwork net = network(0);
        Nd4j.getRandom().setSeed(1);
        net.params().assign(Nd4j.rand(net.params().shape()));
        net.setIterationCount(11);
        NetworkSnapshot snapshot = NetworkSnapshot.of(net);
        MultiLayerNetwork copy = snapshot.toNetwork();
        assertArrayEquals(net.params().toFloatVector(), copy.params().toFloatVector(), 0f);
        assertArrayEquals(net.getUpdater().getStateViewArray().toFloatVector(),
                copy.getUpdater().getStateViewArray().toFloatVector(), 0f);
        assertEquals(11, copy.getIterationCount());
        NetworkMemory.release(copy);
    }

    @Test
    void epochShuffleIsAPermutationSeededByEpochAndPartition() {
        int[] order = EpochShuffle.permutation(3, 1, 0, 100);
        Set<Integer> seen = new HashSet<>();
        for (int i : order) {
            seen.add(i);
        }
        assertEquals(100, seen.size());
        assertArrayEquals(order, EpochShuffle.permutation(3, 1, 0, 100));
        assertNotEquals(Arrays.toString(order),
                Arrays.toString(EpochShuffle.permutation(3, 2, 0, 100)));
        assertNotEquals(Arrays.toString(order),
                Arrays.toString(EpochShuffle.permutation(3, 1, 1, 100)));
    }

    @Test
    void progressLineHasTheFamiliarForm() {
        assertEquals("Epoch [3/100], Loss: 0.1234, Validation Loss: 0.2345",
                DistributedTrainer.progressLine(3, 100, 0.12341, 0.23449));
        assertEquals("Epoch [1/2], Loss: 1.5000", DistributedTrainer.progressLine(1, 2, 1.5,
                Double.NaN));
    }
}
