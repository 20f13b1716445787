package io.sparknn.ml.kernel;

import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * DL4J's optimizer rules on plain float arrays, computed as ND4J's updater ops compute them (in
 * float, same operation order). Each turns the gradient slice {@code g[from, to)} into the
 * update in place and advances its state ({@code s1}, {@code s2}: the segment's state arrays,
 * indexed like the parameters). Heap loops like these are vectorized by the JIT: Adam over the
 * 235k parameters of a 784-256-128-10 MLP took 0.08 ms here, ND4J's Adam op 1.3 ms. Only loops
 * that index every array alike vectorize ({@code m[i - from]} beside {@code g[i]} took 0.55 ms).
 */
final class UpdateRules {
    private UpdateRules() {}

    /** Applies {@code updater}'s rule for DL4J iteration {@code iteration} and epoch. */
    static void apply(IUpdater updater, float[] g, int from, int to, float[] s1, float[] s2,
            int iteration, int epoch) {
        if (updater instanceof Adam adam) {
            adam(adam, g, from, to, s1, s2, iteration, epoch);
        } else if (updater instanceof Sgd sgd) {
            float lr = (float) sgd.getLearningRate(iteration, epoch);
            for (int i = from; i < to; i++) {
                g[i] *= lr;
            }
        } else if (updater instanceof Nesterovs nesterovs) {
            float lr = (float) nesterovs.getLearningRate(iteration, epoch);
            float mu = (float) nesterovs.currentMomentum(iteration, epoch);
            for (int i = from; i < to; i++) {
                float previous = mu * s1[i];
                float v = previous - lr * g[i];
                s1[i] = v;
                g[i] = previous - (mu + 1) * v;
            }
        } else if (updater instanceof RmsProp rms) {
            float lr = (float) rms.getLearningRate(iteration, epoch);
            float decay = (float) rms.getRmsDecay();
            float eps = (float) rms.getEpsilon();
            for (int i = from; i < to; i++) {
                float grad = g[i];
                float cache = s1[i] * decay + grad * grad * (1 - decay);
                s1[i] = cache;
                g[i] = grad * lr / ((float) Math.sqrt(cache) + eps);
            }
        } else if (updater instanceof AdaGrad adaGrad) {
            float lr = (float) adaGrad.getLearningRate(iteration, epoch);
            float eps = (float) adaGrad.getEpsilon();
            for (int i = from; i < to; i++) {
                float grad = g[i];
                float history = s1[i] + grad * grad;
                s1[i] = history;
                g[i] = lr * grad / ((float) Math.sqrt(history) + eps);
            }
        } else {
            throw new IllegalStateException("No kernel rule for " + updater);
        }
    }

    /** ND4J's adam_updater: bias correction folded into the step size, as in DL4J. */
    private static void adam(Adam adam, float[] g, int from, int to, float[] m, float[] v,
            int iteration, int epoch) {
        float lr = (float) adam.getLearningRate(iteration, epoch);
        float beta1 = (float) adam.getBeta1();
        float beta2 = (float) adam.getBeta2();
        float eps = (float) adam.getEpsilon();
        if (eps == 0) {
            eps = 1e-7f;
        }
        float beta1T = (float) Math.pow(beta1, iteration + 1);
        float beta2T = (float) Math.pow(beta2, iteration + 1);
        float stepSize = lr * (float) Math.sqrt(1 - beta2T) / (1 - beta1T);
        if (Float.isNaN(stepSize) || Float.isInfinite(stepSize) || stepSize == 0) {
            stepSize = eps;
        }
        float oneMinusBeta1 = 1 - beta1;
        float oneMinusBeta2 = 1 - beta2;
        for (int i = from; i < to; i++) {
            float grad = g[i];
            float mi = beta1 * m[i] + grad * oneMinusBeta1;
            float vi = beta2 * v[i] + grad * grad * oneMinusBeta2;
            m[i] = mi;
            v[i] = vi;
            g[i] = (mi * stepSize) / ((float) Math.sqrt(vi) + eps);
        }
    }

    /** How many state arrays of the segment's length {@code updater} keeps (0, 1 or 2). */
    static int stateArrays(IUpdater updater) {
        if (updater instanceof Adam) {
            return 2;
        }
        return updater instanceof Sgd ? 0 : 1;
    }
}
