package io.sparknn.ml.predict;

import io.sparknn.ml.data.FeatureKind;
import io.sparknn.ml.data.FeatureReader;
import io.sparknn.ml.data.FloatTensors;
import io.sparknn.ml.kernel.DenseSpec;
import io.sparknn.ml.train.KernelSelection;
import io.sparknn.ml.train.NetworkMemory;
import io.sparknn.ml.train.NetworkSnapshot;
import io.sparknn.ml.train.TaskNetwork;
import java.io.Serializable;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A model's network for single-row predictions ({@code model.predict(vector)}, on the driver or
 * wherever the model is used): built on first use, kept for the model's lifetime, one caller at
 * a time (neither network type is thread-safe). The dense kernel computes it when it computes
 * the model's transform (the same {@link KernelSelection}, in the active session if there is
 * one): a 784-256-128-10 MLP's prediction took 200-440 us per row through DL4J's {@code
 * output}, most of it per-call overhead. Batch scoring never uses it; see {@link ModelScoring}.
 * Its native memory (the network's parameters and buffers) is held until {@link #close()} or
 * until the model is garbage; after {@code close()} the next prediction opens it again.
 */
public final class LocalNetwork implements Serializable, AutoCloseable {
    private static final long serialVersionUID = 2L;

    private final NetworkSnapshot snapshot;
    private final int numFeatures;
    private final FeatureReader reader;
    private transient TaskNetwork kernel;
    private transient MultiLayerNetwork dl4j;
    private transient INDArray row;
    private transient float[] outputs;

    public LocalNetwork(NetworkSnapshot snapshot, int numFeatures, String featuresCol) {
        this.snapshot = snapshot;
        this.numFeatures = numFeatures;
        this.reader = new FeatureReader(featuresCol, FeatureKind.VECTOR);
    }

    /** The network's outputs for one row of features. */
    public synchronized double[] predict(Vector features) {
        float[] x = new float[numFeatures];
        reader.readVector(features, numFeatures, x, 0);
        if (!usesKernel()) {
            return dl4j.output(Nd4j.create(x, new long[] {1, numFeatures}, DataType.FLOAT), false)
                    .castTo(DataType.DOUBLE)
                    .toDoubleVector();
        }
        kernel.output(FloatTensors.copyInto(row, x), outputs);
        double[] out = new double[outputs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = outputs[i];
        }
        return out;
    }

    /** Frees the network's native memory now; a later prediction opens it again. */
    @Override
    public synchronized void close() {
        if (kernel != null) {
            kernel.close();
            row.close();
            kernel = null;
            row = null;
        }
        if (dl4j != null) {
            NetworkMemory.release(dl4j);
            dl4j = null;
        }
    }

    /** Whether the network is open (holds native memory). */
    public synchronized boolean isOpen() {
        return kernel != null || dl4j != null;
    }

    /** Whether the dense kernel computes the predictions (opens the network if needed). */
    public synchronized boolean usesKernel() {
        if (kernel == null && dl4j == null) {
            open();
        }
        return kernel != null;
    }

    private void open() {
        DenseSpec spec = KernelSelection.choose(snapshot.denseSupport(), session());
        if (spec == null) {
            dl4j = snapshot.toNetwork();
            return;
        }
        kernel = TaskNetwork.open(spec, snapshot, 1, false);
        row = FloatTensors.matrix(1, numFeatures);
        outputs = new float[spec.numOutputs()];
    }

    /** The active or default session (whose conf may turn the kernel off), or null. */
    private static SparkSession session() {
        return SparkSession.getActiveSession()
                .orElse(() -> SparkSession.getDefaultSession())
                .getOrElse(() -> null);
    }
}
