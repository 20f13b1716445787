package io.sparknn.ml.predict;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.Vectors;

/**
 * A classifier appends, in MLlib's order, whichever of rawPrediction, probability and
 * prediction are set. The network ends in softmax, so probability is its output and
 * rawPrediction is log(probability): softmax(rawPrediction) gives the probabilities back, and
 * rankings (as BinaryClassificationEvaluator uses them) are the same. Prediction follows
 * MLlib's thresholds rule: the class with the largest probability / threshold.
 */
public final class ClassificationOutputs implements OutputColumns {
    private static final long serialVersionUID = 1L;
    /** Smallest probability turned into a log, so rawPrediction stays finite. */
    private static final double MIN_PROBABILITY = Double.MIN_NORMAL;

    private final int numClasses;
    private final boolean raw;
    private final boolean probability;
    private final boolean prediction;
    private final double[] thresholds;

    /** @param thresholds MLlib's per-class thresholds, or null */
    public ClassificationOutputs(int numClasses, boolean raw, boolean probability,
            boolean prediction, double[] thresholds) {
        this.numClasses = numClasses;
        this.raw = raw;
        this.probability = probability;
        this.prediction = prediction;
        this.thresholds = thresholds;
    }

    @Override
    public int width() {
        return numClasses;
    }

    @Override
    public Object[] values(float[] output, int offset) {
        double[] p = new double[numClasses];
        for (int c = 0; c < numClasses; c++) {
            p[c] = output[offset + c];
        }
        List<Object> values = new ArrayList<>(3);
        if (raw) {
            values.add(Vectors.dense(logOf(p)));
        }
        if (probability) {
            values.add(Vectors.dense(p));
        }
        if (prediction) {
            values.add(predict(p));
        }
        return values.toArray();
    }

    /** log(p), the rawPrediction of softmax probabilities p. */
    public static double[] logOf(double[] p) {
        double[] raw = new double[p.length];
        for (int c = 0; c < p.length; c++) {
            raw[c] = Math.log(Math.max(p[c], MIN_PROBABILITY));
        }
        return raw;
    }

    /** The predicted class: argmax of p, or of p / thresholds when thresholds are set. */
    public double predict(double[] p) {
        int best = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < p.length; c++) {
            double scaled = thresholds == null ? p[c] : p[c] / thresholds[c];
            if (scaled > max) {
                max = scaled;
                best = c;
            }
        }
        return best;
    }
}
