package io.sparknn.ml.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How many batches a round trains: per epoch, fixed, or chosen from the measured costs. */
class RoundLengthTest {

    /** The sum of {@code tasks} tasks that each trained {@code steps} batches in {@code ms}. */
    private static ParameterSum round(int tasks, int steps, double ms) {
        ParameterSum sum = ParameterSum.empty();
        for (int t = 0; t < tasks; t++) {
            sum.merge(ParameterSum.ofFloats(new float[2], new float[0], 64L * steps, 1.0, steps,
                    (long) (ms * 1e6)));
        }
        return sum;
    }

    @Test
    void oncePerEpochAndFixedLengthsIgnoreTheTimings() {
        RoundLength perEpoch = new RoundLength(0, 0.05, 2, 100);
        RoundLength fixed = new RoundLength(7, 0.05, 2, 100);
        perEpoch.observe(1.0, round(2, 10, 10));
        fixed.observe(1.0, round(2, 10, 10));
        assertEquals(Integer.MAX_VALUE, perEpoch.next());
        assertEquals(7, fixed.next());
    }

    @Test
    void automaticRoundsKeepAveragingAtTheTargetShare() {
        RoundLength auto = new RoundLength(-1, 0.05, 2, 10_000);
        assertEquals(1000, auto.next(), "a tenth of the epoch before anything is measured");
        // 8 tasks of 10 batches, 10 ms each, on 2 slots: 40 ms of training on the cores, so
        // 4 ms per batch; the round took 102 ms, so 62 ms were its fixed cost. Averaging is 5%
        // of a round when 62 ms is 5% of it: 1,178 ms of training, 294.5 batches.
        ParameterSum measured = round(8, 10, 10);
        assertEquals(0.04, auto.computeSeconds(measured), 1e-9);
        auto.observe(0.102, measured);
        assertEquals(295, auto.next());
        // A quarter of the time for averaging: 62 ms * 3 / 4 ms = 46.5 batches.
        RoundLength quarter = new RoundLength(-1, 0.25, 2, 10_000);
        quarter.observe(0.102, measured);
        assertEquals(47, quarter.next());
        // Never more than an epoch, never less than one batch.
        RoundLength shortEpoch = new RoundLength(-1, 0.05, 2, 50);
        shortEpoch.observe(0.102, measured);
        assertEquals(50, shortEpoch.next());
        RoundLength cheap = new RoundLength(-1, 0.05, 2, 10_000);
        cheap.observe(0.040, measured);
        assertEquals(1, cheap.next());
    }

    @Test
    void theEstimatesAreSmoothedOverRounds() {
        RoundLength auto = new RoundLength(-1, 0.05, 2, 10_000);
        auto.observe(0.102, round(8, 10, 10));
        // A second round with no fixed cost halves the estimate: 31 ms, 147.25 batches.
        auto.observe(0.040, round(8, 10, 10));
        assertEquals(148, auto.next());
    }
}
