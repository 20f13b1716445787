package io.sparknn.ml.kernel;

import java.util.List;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

/**
 * One optimizer step over the flat parameters, in the order of DL4J's updater and solver: the
 * summed gradient divided by the batch size, L1/L2 added, each segment's rule
 * ({@link UpdateRules}), weight decay added to the update, then {@code params -= update}. Owns
 * the optimizer state, kept per segment in separate arrays indexed like the parameters (so the
 * loops vectorize) and moved to and from DL4J's flat layout by {@link #importState} / {@link
 * #exportState}.
 */
final class DenseOptimizer {
    private final DenseSpec spec;
    private final float[][] first;
    private final float[][] second;

    DenseOptimizer(DenseSpec spec) {
        this.spec = spec;
        List<UpdaterSegment> segments = spec.segments();
        first = new float[segments.size()][];
        second = new float[segments.size()][];
        for (int s = 0; s < segments.size(); s++) {
            UpdaterSegment segment = segments.get(s);
            int arrays = UpdateRules.stateArrays(segment.updater());
            first[s] = arrays > 0 ? new float[segment.paramEnd()] : null;
            second[s] = arrays > 1 ? new float[segment.paramEnd()] : null;
        }
    }

    /**
     * Updates {@code params} from {@code grads}, the gradient summed over {@code batchRows}
     * examples (overwritten with the update, then set to 0 below {@code clearBelow}: the sparse
     * path adds its next gradient there, and clearing in this pass saves one over the array).
     */
    void step(float[] params, float[] grads, int batchRows, int iteration, int epoch,
            int clearBelow) {
        float rows = batchRows;
        for (int i = 0; i < grads.length; i++) {
            grads[i] /= rows;
        }
        for (DenseLayerSpec layer : spec.layers()) {
            beforeUpdate(layer.weightRegularization(), params, grads, layer.weightOffset(),
                    layer.weightCount(), iteration, epoch);
            beforeUpdate(layer.biasRegularization(), params, grads, layer.biasOffset(),
                    layer.nOut(), iteration, epoch);
        }
        List<UpdaterSegment> segments = spec.segments();
        for (int s = 0; s < segments.size(); s++) {
            UpdaterSegment segment = segments.get(s);
            UpdateRules.apply(segment.updater(), grads, segment.paramStart(), segment.paramEnd(),
                    first[s], second[s], iteration, epoch);
        }
        for (DenseLayerSpec layer : spec.layers()) {
            afterUpdate(layer.weightRegularization(), params, grads, layer.weightOffset(),
                    layer.weightCount(), iteration, epoch);
            afterUpdate(layer.biasRegularization(), params, grads, layer.biasOffset(),
                    layer.nOut(), iteration, epoch);
        }
        for (int i = 0; i < clearBelow; i++) {
            params[i] -= grads[i];
            grads[i] = 0f;
        }
        for (int i = clearBelow; i < params.length; i++) {
            params[i] -= grads[i];
        }
    }

    /** DL4J's regularization score for the current parameters (0 without regularization). */
    double regularizationScore(float[] params, int iteration, int epoch) {
        double score = 0;
        for (DenseLayerSpec layer : spec.layers()) {
            score += score(layer.weightRegularization(), params, layer.weightOffset(),
                    layer.weightCount(), iteration, epoch);
            score += score(layer.biasRegularization(), params, layer.biasOffset(),
                    layer.nOut(), iteration, epoch);
        }
        return score;
    }

    /**
     * Loads DL4J's flat updater state ({@code spec.stateSize()} values); an empty one leaves
     * the fresh (zero) state.
     */
    void importState(double[] flat) {
        if (flat.length == 0) {
            return;
        }
        if (flat.length != spec.stateSize()) {
            throw new IllegalArgumentException("The optimizer has " + spec.stateSize()
                    + " state values, the snapshot " + flat.length);
        }
        List<UpdaterSegment> segments = spec.segments();
        for (int s = 0; s < segments.size(); s++) {
            UpdaterSegment segment = segments.get(s);
            int n = segment.length();
            if (first[s] != null) {
                copy(flat, segment.stateOffset(), first[s], segment.paramStart(), n);
            }
            if (second[s] != null) {
                copy(flat, segment.stateOffset() + n, second[s], segment.paramStart(), n);
            }
        }
    }

    /**
     * Applies {@code reorder} (at offset 0) to the state arrays of the segment holding the
     * first parameter, which holds the first layer's weights: see {@link InputMajorWeights}.
     */
    void reorderFirstWeights(java.util.function.ObjIntConsumer<float[]> reorder) {
        if (first.length > 0 && first[0] != null) {
            reorder.accept(first[0], 0);
        }
        if (second.length > 0 && second[0] != null) {
            reorder.accept(second[0], 0);
        }
    }

    /** The optimizer state in DL4J's flat layout. */
    float[] exportState() {
        float[] flat = new float[spec.stateSize()];
        List<UpdaterSegment> segments = spec.segments();
        for (int s = 0; s < segments.size(); s++) {
            UpdaterSegment segment = segments.get(s);
            int n = segment.length();
            if (first[s] != null) {
                System.arraycopy(first[s], segment.paramStart(), flat, segment.stateOffset(), n);
            }
            if (second[s] != null) {
                System.arraycopy(second[s], segment.paramStart(), flat,
                        segment.stateOffset() + n, n);
            }
        }
        return flat;
    }

    private static void copy(double[] from, int offset, float[] into, int start, int n) {
        for (int i = 0; i < n; i++) {
            into[start + i] = (float) from[offset + i];
        }
    }

    private static void beforeUpdate(List<Regularization> list, float[] p, float[] g, int from,
            int n, int iteration, int epoch) {
        for (Regularization r : list) {
            if (r instanceof L2Regularization l2) {
                float c = (float) l2.getL2().valueAt(iteration, epoch);
                for (int i = from; i < from + n; i++) {
                    g[i] += c * p[i];
                }
            } else if (r instanceof L1Regularization l1) {
                float c = (float) l1.getL1().valueAt(iteration, epoch);
                for (int i = from; i < from + n; i++) {
                    g[i] += c * Math.signum(p[i]);
                }
            }
        }
    }

    private void afterUpdate(List<Regularization> list, float[] p, float[] g, int from, int n,
            int iteration, int epoch) {
        for (Regularization r : list) {
            if (r instanceof WeightDecay decay) {
                double scale = decay.getCoeff().valueAt(iteration, epoch);
                if (decay.isApplyLR()) {
                    scale *= learningRateAt(from, iteration, epoch);
                }
                float c = (float) scale;
                for (int i = from; i < from + n; i++) {
                    g[i] += c * p[i];
                }
            }
        }
    }

    /** The learning rate of the segment holding parameter {@code index}. */
    private double learningRateAt(int index, int iteration, int epoch) {
        for (UpdaterSegment segment : spec.segments()) {
            if (index >= segment.paramStart() && index < segment.paramEnd()) {
                return segment.updater().hasLearningRate()
                        ? segment.updater().getLearningRate(iteration, epoch) : 1.0;
            }
        }
        return 1.0;
    }

    private static double score(List<Regularization> list, float[] p, int from, int n,
            int iteration, int epoch) {
        double score = 0;
        for (Regularization r : list) {
            double sum = 0;
            if (r instanceof L1Regularization l1) {
                for (int i = from; i < from + n; i++) {
                    sum += Math.abs(p[i]);
                }
                score += l1.getL1().valueAt(iteration, epoch) * sum;
            } else {
                for (int i = from; i < from + n; i++) {
                    sum += (double) p[i] * p[i];
                }
                double c = r instanceof L2Regularization l2 ? l2.getL2().valueAt(iteration, epoch)
                        : ((WeightDecay) r).getCoeff().valueAt(iteration, epoch);
                score += c * 0.5 * sum;
            }
        }
        return score;
    }
}
