package io.sparknn.ml.train;

import io.sparknn.ml.data.FeatureMoments;
import io.sparknn.ml.data.Standardization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.buffer.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Standardization folded into a dense first layer, so that a network trained on standardized
 * features is an ordinary network on the raw ones. With {@code z = (x - s) * i} (shift s, inverse
 * scale i), {@code z W + b = x (diag(i) W) + (b - (s i) W)}: the folded network gives the same
 * outputs within float rounding, costs nothing extra to score, and loads in plain DL4J. {@link
 * #unfold} is the inverse, for an initial model trained on raw features.
 */
public final class StandardizationFold {
    private static final Logger LOG = LoggerFactory.getLogger(StandardizationFold.class);

    private StandardizationFold() {}

    /**
     * The standardization to train {@code conf} with, or null when its first layer is not a
     * dense layer on the raw features (a convolution, say), which is then trained on them as
     * they are, as the log says.
     *
     * Centered unless fewer than {@link Standardization#CENTER_DENSITY} of the values are
     * nonzero (hashed text, one-hot columns: centering would make every zero nonzero), or the
     * layer has no bias to absorb the shift.
     */
    static Standardization forNetwork(MultiLayerConfiguration conf, int numFeatures,
            FeatureMoments moments) {
        Layer first = conf.getConf(0).getLayer();
        boolean dense = (first instanceof DenseLayer || first instanceof BaseOutputLayer)
                && ((FeedForwardLayer) first).getNIn() == numFeatures
                && conf.getInputPreProcess(0) == null;
        if (!dense) {
            LOG.info("standardization does not apply to this network: its first layer, a {},"
                    + " is not a dense layer on the {} features; it trains on them as they"
                    + " are.", first.getClass().getSimpleName(), numFeatures);
            return null;
        }
        boolean hasBias = first instanceof DenseLayer d ? d.hasBias()
                : ((BaseOutputLayer) first).hasBias();
        return Standardization.of(moments,
                hasBias && moments.density() >= Standardization.CENTER_DENSITY);
    }

    /** The network trained on standardized features, as one on the raw features. */
    static NetworkSnapshot fold(NetworkSnapshot trained, Standardization s) {
        return transform(trained, s, true);
    }

    /** The network of raw features, as one on standardized features (its first layer). */
    static NetworkSnapshot unfold(NetworkSnapshot raw, Standardization s) {
        return transform(raw, s, false);
    }

    /**
     * Both directions on the flat parameters: the first layer's weights are its first {@code nIn
     * * nOut} values, column-major (DL4J's DefaultParamInitializer layout, as the dense kernel
     * reads them), its biases the next {@code nOut}.
     */
    private static NetworkSnapshot transform(NetworkSnapshot snapshot, Standardization s,
            boolean fold) {
        MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(snapshot.configJson());
        FeedForwardLayer first = (FeedForwardLayer) conf.getConf(0).getLayer();
        int nIn = (int) first.getNIn();
        int nOut = (int) first.getNOut();
        boolean hasBias = first.initializer().numParams(conf.getConf(0))
                == (long) nIn * nOut + nOut;
        double[] p = snapshot.params().clone();
        for (int k = 0; k < nOut; k++) {
            double bias = hasBias ? p[nIn * nOut + k] : 0;
            for (int j = 0; j < nIn; j++) {
                int at = j + k * nIn;
                double scale = s.inverseScale(j);
                double shift = s.shift(j);
                if (fold) {
                    bias -= shift * scale * p[at];
                    p[at] *= scale;
                } else {
                    bias += shift * p[at];
                    p[at] /= scale;
                }
            }
            if (hasBias) {
                p[nIn * nOut + k] = bias;
            }
        }
        if (conf.getDataType() == DataType.FLOAT) {
            for (int i = 0; i < (long) nIn * nOut + (hasBias ? nOut : 0); i++) {
                p[i] = (float) p[i];
            }
        }
        return snapshot.with(p, snapshot.updaterState(), snapshot.iterationCount(),
                snapshot.epochCount());
    }
}
