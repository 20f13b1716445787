package io.sparknn.ml.train;

import java.io.Serializable;

/**
 * A training task's result, or a sum of them: parameters and updater state weighted by the
 * task's example count, plus example count, task count, loss sum and the largest step count.
 * Dividing by the total count gives the example-weighted average, so empty or small partitions
 * do not skew it. Sums are kept in double; {@link #merge} is applied in partition order only.
 * It also keeps the longest time a task spent inside its fit loop (the round's critical path of
 * real training), the tasks' summed fit time (what the cores spent training) and whether any
 * task has batches left in its epoch after this round (see {@link RoundLength}).
 *
 * <p>A task's own result holds its values as the network does, unweighted: a float32 network's
 * as floats, so it crosses to the driver in 2.8 MB instead of 5.6 MB for a 235k-parameter MLP
 * with Adam. The weighting happens in {@link #merge}.
 */
public final class ParameterSum implements Serializable {
    private static final long serialVersionUID = 5L;

    /** A float32 task's own values (unweighted), or null. */
    private final float[] taskParams;
    private final float[] taskState;
    /** Weighted sums; or a float64 task's own values, unweighted, when {@code !weighted}. */
    private double[] params;
    private double[] updaterState;
    private boolean weighted;
    private long count;
    /** Tasks that trained on at least one row. */
    private int tasks;
    /** Of those, tasks that spark-nn's dense kernel computed (the others ran DL4J's fit). */
    private int kernelTasks;
    private double lossSum;
    private int maxSteps;
    private long maxFitNanos;
    private long totalFitNanos;
    /** Whether a summed task's partition has batches left in the epoch after this round. */
    private boolean more;

    private ParameterSum(float[] taskParams, float[] taskState, double[] params,
            double[] updaterState, boolean weighted, long count, int tasks, double lossSum,
            int maxSteps, long maxFitNanos) {
        this.taskParams = taskParams;
        this.taskState = taskState;
        this.params = params;
        this.updaterState = updaterState;
        this.weighted = weighted;
        this.count = count;
        this.tasks = tasks;
        this.lossSum = lossSum;
        this.maxSteps = maxSteps;
        this.maxFitNanos = maxFitNanos;
        this.totalFitNanos = maxFitNanos;
    }

    /** The result of a task that had no rows. */
    public static ParameterSum empty() {
        return new ParameterSum(null, null, null, null, true, 0, 0, 0, 0, 0);
    }

    /**
     * The result of a task whose float32 network saw {@code count} examples (the arrays are
     * kept, not copied).
     *
     * @param fitNanos time the task spent in its fit calls (forward, backward, update)
     */
    public static ParameterSum ofFloats(float[] params, float[] updaterState, long count,
            double lossSum, int steps, long fitNanos) {
        return new ParameterSum(params, updaterState, null, null, false, count, 1, lossSum,
                steps, fitNanos);
    }

    /** Marks this task's partition as having batches left in the epoch; returns this. */
    public ParameterSum continuing(boolean batchesLeft) {
        more = batchesLeft;
        return this;
    }

    /** This task's result, marked as computed by spark-nn's dense kernel; returns this. */
    public ParameterSum byDenseKernel() {
        kernelTasks = tasks;
        return this;
    }

    /** As {@link #ofFloats}, for a network computing in float64. */
    public static ParameterSum ofDoubles(double[] params, double[] updaterState, long count,
            double lossSum, int steps, long fitNanos) {
        return new ParameterSum(null, null, params, updaterState, false, count, 1, lossSum,
                steps, fitNanos);
    }

    /** Adds {@code other} into this sum and returns this. */
    public ParameterSum merge(ParameterSum other) {
        if (other.count == 0) {
            return this;
        }
        if (!weighted || taskParams != null) {
            throw new IllegalStateException("Merge into a sum (ParameterSum.empty()), not into a"
                    + " task's result.");
        }
        if (count == 0) {
            params = new double[other.length(true)];
            updaterState = new double[other.length(false)];
        }
        other.addWeightedTo(params, true);
        other.addWeightedTo(updaterState, false);
        count += other.count;
        tasks += other.tasks;
        kernelTasks += other.kernelTasks;
        lossSum += other.lossSum;
        maxSteps = Math.max(maxSteps, other.maxSteps);
        maxFitNanos = Math.max(maxFitNanos, other.maxFitNanos);
        totalFitNanos += other.totalFitNanos;
        more |= other.more;
        return this;
    }

    public long count() {
        return count;
    }

    /** Tasks with at least one row among the summed ones. */
    public int tasks() {
        return tasks;
    }

    /** Whether spark-nn's dense kernel computed every summed task (none ran DL4J's fit). */
    public boolean allByDenseKernel() {
        return tasks > 0 && kernelTasks == tasks;
    }

    /** The longest time any summed task spent inside its fit loop, in seconds. */
    public double fitLoopSeconds() {
        return maxFitNanos / 1e9;
    }

    /** The most optimizer steps any summed task took. */
    public int steps() {
        return maxSteps;
    }

    /** The summed tasks' time inside their fit loops, added up, in seconds. */
    public double totalFitSeconds() {
        return totalFitNanos / 1e9;
    }

    /** Whether a summed task has batches left in its epoch: the epoch needs another round. */
    public boolean batchesLeft() {
        return more;
    }

    /** Sum of the summed tasks' per-example losses. */
    public double lossSum() {
        return lossSum;
    }

    /** Mean loss per example over the summed tasks. */
    public double meanLoss() {
        return lossSum / count;
    }

    /**
     * The averaged network: parameters and updater state divided by the total count; DL4J's
     * iteration counter advances by the longest task's steps (so Adam's bias correction continues
     * as in one JVM) and the epoch counter by one when the round ends an epoch.
     *
     * @param singlePrecision round the means to floats, as a float32 network holds them anyway
     *     (what every task would do on loading them), so they broadcast as floats
     */
    public NetworkSnapshot average(NetworkSnapshot previous, boolean singlePrecision,
            boolean endsEpoch) {
        if (count == 0) {
            throw new IllegalStateException("No task trained on any row.");
        }
        ParameterSum sum = weighted && taskParams == null ? this : empty().merge(this);
        return previous.with(mean(sum.params, count, singlePrecision),
                mean(sum.updaterState, count, singlePrecision),
                previous.iterationCount() + maxSteps,
                previous.epochCount() + (endsEpoch ? 1 : 0));
    }

    private int length(boolean ofParams) {
        if (taskParams != null) {
            return ofParams ? taskParams.length : taskState.length;
        }
        return ofParams ? params.length : updaterState.length;
    }

    /** {@code into += this * weight}, where a task's own values weigh its example count. */
    private void addWeightedTo(double[] into, boolean ofParams) {
        double weight = weighted ? 1 : count;
        if (taskParams != null) {
            float[] values = ofParams ? taskParams : taskState;
            for (int i = 0; i < into.length; i++) {
                into[i] += values[i] * weight;
            }
        } else {
            double[] values = ofParams ? params : updaterState;
            for (int i = 0; i < into.length; i++) {
                into[i] += values[i] * weight;
            }
        }
    }

    private static double[] mean(double[] sum, long count, boolean roundToFloat) {
        double[] out = new double[sum.length];
        double n = count;
        for (int i = 0; i < out.length; i++) {
            double mean = sum[i] / n;
            out[i] = roundToFloat ? (float) mean : mean;
        }
        return out;
    }
}
