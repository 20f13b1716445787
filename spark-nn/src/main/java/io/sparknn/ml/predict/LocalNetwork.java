package io.sparknn.ml.predict;

import io.sparknn.ml.data.FeatureKind;
import io.sparknn.ml.data.FeatureReader;
import io.sparknn.ml.train.NetworkSnapshot;
import java.io.Serializable;
import org.apache.spark.ml.linalg.Vector;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A model's network for single-row predictions on the driver ({@code model.predict(vector)}):
 * built on first use, kept for the model's lifetime, one caller at a time (DL4J networks are not
 * thread-safe). Batch scoring never uses it; see {@link ModelScoring}.
 */
public final class LocalNetwork implements Serializable {
    private static final long serialVersionUID = 1L;

    private final NetworkSnapshot snapshot;
    private final int numFeatures;
    private final FeatureReader reader;
    private transient MultiLayerNetwork network;

    public LocalNetwork(NetworkSnapshot snapshot, int numFeatures, String featuresCol) {
        this.snapshot = snapshot;
        this.numFeatures = numFeatures;
        this.reader = new FeatureReader(featuresCol, FeatureKind.VECTOR);
    }

    /** The network's outputs for one row of features. */
    public synchronized double[] predict(Vector features) {
        float[] x = new float[numFeatures];
        reader.readVector(features, numFeatures, x, 0);
        if (network == null) {
            network = snapshot.toNetwork();
        }
        return network.output(Nd4j.create(x, new long[] {1, numFeatures}, DataType.FLOAT), false)
                .castTo(DataType.DOUBLE)
                .toDoubleVector();
    }
}
