package io.sparknn.ml.train;

import java.io.Serializable;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A training task's result, or a sum of them: parameters and updater state each multiplied by
 * the task's example count, plus example count, loss sum and the largest step count. Dividing by
 * the total count gives the example-weighted average, so empty or small partitions do not skew
 * it. Sums are kept in double; {@link #merge} is applied in partition order only. It also keeps
 * the longest time a task spent inside its fit loop: the epoch's critical path of real training.
 */
public final class ParameterSum implements Serializable {
    private static final long serialVersionUID = 1L;

    private double[] params;
    private double[] updaterState;
    private long count;
    private double lossSum;
    private int maxSteps;
    private long maxFitNanos;

    private ParameterSum(double[] params, double[] updaterState, long count, double lossSum,
            int maxSteps, long maxFitNanos) {
        this.params = params;
        this.updaterState = updaterState;
        this.count = count;
        this.lossSum = lossSum;
        this.maxSteps = maxSteps;
        this.maxFitNanos = maxFitNanos;
    }

    /** The result of a task that had no rows. */
    public static ParameterSum empty() {
        return new ParameterSum(null, null, 0, 0, 0, 0);
    }

    /**
     * A task's trained network weighted by the {@code count} examples it saw.
     *
     * @param fitNanos time the task spent in DL4J's fit calls (forward, backward, update)
     */
    public static ParameterSum of(MultiLayerNetwork network, long count, double lossSum,
            int steps, long fitNanos) {
        double[] params = network.params().toDoubleVector();
        Updater updater = network.getUpdater(true);
        INDArray state = updater == null ? null : updater.getStateViewArray();
        double[] updaterState = state == null ? new double[0] : state.toDoubleVector();
        scale(params, count);
        scale(updaterState, count);
        return new ParameterSum(params, updaterState, count, lossSum, steps, fitNanos);
    }

    /** Adds {@code other} into this sum and returns this. */
    public ParameterSum merge(ParameterSum other) {
        if (other.count == 0) {
            return this;
        }
        if (count == 0) {
            params = other.params.clone();
            updaterState = other.updaterState.clone();
        } else {
            add(params, other.params);
            add(updaterState, other.updaterState);
        }
        count += other.count;
        lossSum += other.lossSum;
        maxSteps = Math.max(maxSteps, other.maxSteps);
        maxFitNanos = Math.max(maxFitNanos, other.maxFitNanos);
        return this;
    }

    public long count() {
        return count;
    }

    /** The longest time any summed task spent inside its fit loop, in seconds. */
    public double fitLoopSeconds() {
        return maxFitNanos / 1e9;
    }

    /** Mean loss per example over the summed tasks. */
    public double meanLoss() {
        return lossSum / count;
    }

    /**
     * The averaged network: parameters and updater state divided by the total count; DL4J's
     * iteration counter advances by the longest task's steps (so Adam's bias correction continues
     * as in one JVM) and the epoch counter by one.
     */
    public NetworkSnapshot average(NetworkSnapshot previous) {
        if (count == 0) {
            throw new IllegalStateException("No task trained on any row.");
        }
        double[] meanParams = params.clone();
        double[] meanState = updaterState.clone();
        scale(meanParams, 1.0 / count);
        scale(meanState, 1.0 / count);
        return previous.with(meanParams, meanState, previous.iterationCount() + maxSteps,
                previous.epochCount() + 1);
    }

    private static void scale(double[] values, double factor) {
        for (int i = 0; i < values.length; i++) {
            values[i] *= factor;
        }
    }

    private static void add(double[] into, double[] values) {
        for (int i = 0; i < into.length; i++) {
            into[i] += values[i];
        }
    }
}
