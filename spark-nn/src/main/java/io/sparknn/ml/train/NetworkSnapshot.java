package io.sparknn.ml.train;

import com.esotericsoftware.kryo.DefaultSerializer;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import io.sparknn.ml.kernel.DenseSupport;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A network as plain values: configuration JSON, flat parameters, flat updater (optimizer) state
 * and DL4J's iteration/epoch counters (Adam's bias correction reads the iteration). This is what
 * is broadcast each epoch and what a model holds; a live network never crosses the
 * driver/executor boundary. Kryo's field serializer cannot build records, so under Kryo too a
 * snapshot travels in its compact Java form.
 */
@DefaultSerializer(JavaSerializer.class)
public record NetworkSnapshot(String configJson, double[] params, double[] updaterState,
        int iterationCount, int epochCount) implements Serializable {

    /** Copies a live network's state. */
    public static NetworkSnapshot of(MultiLayerNetwork network) {
        Updater updater = network.getUpdater(true);
        INDArray state = updater == null ? null : updater.getStateViewArray();
        return new NetworkSnapshot(
                network.getLayerWiseConfigurations().toJson(),
                network.params().toDoubleVector(),
                state == null ? new double[0] : state.toDoubleVector(),
                network.getIterationCount(),
                network.getEpochCount());
    }

    /** Whether (and why not) the dense kernel can compute this network ({@link DenseSupport}). */
    public DenseSupport denseSupport() {
        return DenseSupport.check(MultiLayerConfiguration.fromJson(configJson));
    }

    /** A new network holding this state; the caller owns it ({@link NetworkMemory#release}). */
    public MultiLayerNetwork toNetwork() {
        MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(configJson);
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        INDArray flat = Nd4j.createFromArray(params).castTo(conf.getDataType())
                .reshape(1, params.length);
        network.init(flat, false);
        if (updaterState.length > 0) {
            INDArray view = network.getUpdater(true).getStateViewArray();
            view.assign(Nd4j.createFromArray(updaterState).castTo(view.dataType())
                    .reshape(view.shape()));
        }
        network.setIterationCount(iterationCount);
        network.setEpochCount(epochCount);
        return network;
    }

    /** The same network without optimizer state: what scoring needs. */
    public NetworkSnapshot withoutUpdaterState() {
        return new NetworkSnapshot(configJson, params, new double[0], iterationCount,
                epochCount);
    }

    /** The same network with other parameters and updater state (e.g. an average). */
    public NetworkSnapshot with(double[] newParams, double[] newUpdaterState, int iterations,
            int epochs) {
        return new NetworkSnapshot(configJson, newParams, newUpdaterState, iterations, epochs);
    }

    /** Serialized through {@link Compact}: float32 values travel as floats. */
    @Serial
    private Object writeReplace() {
        return new Compact(this);
    }

    /** The serialized form of a snapshot (records cannot customize their own). */
    private static final class Compact implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
        private transient NetworkSnapshot snapshot;

        Compact(NetworkSnapshot snapshot) {
            this.snapshot = snapshot;
        }

        @Serial
        private void writeObject(ObjectOutputStream out) throws IOException {
            out.writeObject(snapshot.configJson);
            CompactDoubles.write(out, snapshot.params);
            CompactDoubles.write(out, snapshot.updaterState);
            out.writeInt(snapshot.iterationCount);
            out.writeInt(snapshot.epochCount);
        }

        @Serial
        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            String json = (String) in.readObject();
            double[] params = CompactDoubles.read(in);
            double[] state = CompactDoubles.read(in);
            snapshot = new NetworkSnapshot(json, params, state, in.readInt(), in.readInt());
        }

        @Serial
        private Object readResolve() {
            return snapshot;
        }
    }
}
