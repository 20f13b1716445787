package io.sparknn.ml.train;

import java.util.Locale;

/**
 * How many local mini-batches each worker trains between two averagings: one round. Param
 * averagingInterval 0 makes the whole epoch one round (once-per-epoch averaging); k &gt;= 1 makes
 * rounds of k batches; -1 chooses the length from round to round.
 *
 * <p>The automatic length follows H2O's deep learning, whose {@code train_samples_per_iteration
 * = -2} sizes each iteration so that communication is {@code target_ratio_comm_to_comp} (0.05)
 * of the computation. A round's fixed cost {@code c} (scheduling the job, the broadcast, the
 * results, the sum, the outer step) is what its wall time has beyond the training itself; the
 * training's wall time per batch {@code t} is the tasks' fit time over the cores that ran them.
 * Averaging then takes at most a share {@code s} of the time ({@link #TARGET_SHARE} unless
 * {@code spark.sparknn.averaging.targetShare} says otherwise) when {@code k * t >= c * (1 - s) /
 * s}, so the next round trains {@code k = ceil(19 c / t)} batches at 5%, from estimates smoothed
 * over the rounds so far. Since timings vary, automatic rounds are not reproducible bit for bit;
 * fixed ones are.
 */
final class RoundLength {
    /** The share of a round's time that averaging may take by default, as H2O's. */
    static final double TARGET_SHARE = 0.05;
    /** Weight of the newest round in the smoothed estimates. */
    private static final double SMOOTHING = 0.5;

    private final int interval;
    private final double share;
    private final int slots;
    private final int epochBatches;
    private int automatic;
    private double overheadSeconds = Double.NaN;
    private double batchSeconds = Double.NaN;

    /**
     * @param interval the averagingInterval param (0, -1 or a batch count)
     * @param share the share of the time automatic rounds let averaging take, in (0, 1)
     * @param slots task slots of the application: tasks beyond them queue for a core
     * @param epochBatches the most batches a partition has in an epoch
     */
    RoundLength(int interval, double share, int slots, int epochBatches) {
        this.interval = interval;
        this.share = share;
        this.slots = Math.max(1, slots);
        this.epochBatches = Math.max(1, epochBatches);
        // A first guess (a tenth of the epoch); the first round's timings replace it.
        this.automatic = Math.max(1, epochBatches / 10);
    }

    boolean isAutomatic() {
        return interval < 0;
    }

    /** Batches each worker trains in the next round ({@code Integer.MAX_VALUE}: the rest). */
    int next() {
        if (interval == 0) {
            return Integer.MAX_VALUE;
        }
        return interval > 0 ? interval : automatic;
    }

    /**
     * The part of a round's wall time that its tasks spent training, as wall time: their summed
     * fit time spread over the cores that ran them.
     */
    double computeSeconds(ParameterSum round) {
        return round.totalFitSeconds() / Math.max(1, Math.min(round.tasks(), slots));
    }

    /** Records a finished round and, when automatic, chooses the next round's length. */
    void observe(double roundSeconds, ParameterSum round) {
        if (round.steps() == 0) {
            return;
        }
        double compute = computeSeconds(round);
        double overhead = Math.max(0, roundSeconds - compute);
        double perBatch = compute / round.steps();
        overheadSeconds = Double.isNaN(overheadSeconds) ? overhead
                : SMOOTHING * overhead + (1 - SMOOTHING) * overheadSeconds;
        batchSeconds = Double.isNaN(batchSeconds) ? perBatch
                : SMOOTHING * perBatch + (1 - SMOOTHING) * batchSeconds;
        if (isAutomatic() && batchSeconds > 0) {
            double batches = Math.ceil(overheadSeconds * (1 - share) / share / batchSeconds);
            automatic = (int) Math.max(1, Math.min(epochBatches, batches));
        }
    }

    /** What the automatic choice rests on, for the log. */
    String describe() {
        return String.format(Locale.ROOT, "a round's fixed cost %.1f ms, a batch %.2f ms",
                overheadSeconds * 1e3, batchSeconds * 1e3);
    }
}
