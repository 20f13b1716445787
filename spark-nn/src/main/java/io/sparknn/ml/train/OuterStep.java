package io.sparknn.ml.train;

/**
 * Where the next epoch starts once the epoch's workers are averaged: {@code start + rate *
 * (average - start)} for the parameters, the averaged optimizer state as it is. With averaging
 * rounds, {@code start} is where the epoch started and {@code average} its last round's average;
 * the rounds in between continue from their plain averages. Measured on W3 (Fashion-MNIST, 5
 * epochs, seed 7, bench/PERFORMANCE-LOG.md 2026-12-03): with rounds of 16 batches, the step past
 * every round's average (rate 2) reached 0.852 test accuracy with 2 workers and 0.869 with 8, plain
 * averages (rate 1) 0.885 and 0.874, plain rounds and this step over the epoch 0.888 and 0.875.
 *
 * <p>Why not the average itself: each of k workers takes 1/k of an epoch's optimizer steps, so
 * their average moves about as far as one worker does, not as far as the epoch's steps would
 * in one JVM. Stepping further along the averaged change (an outer learning rate above 1, as in
 * Lookahead, SlowMo or FedOpt's server learning rate) gives part of that back. Measured on
 * Fashion-MNIST (bench/PERFORMANCE-LOG.md, 2026-12-01, cdbf43e): rate 2 raised the 3-epoch test
 * accuracy of 2, 4 and 8 workers by 0.6, 0.8 and 0.4 points, while rate k (the sum of the
 * workers' changes) lost accuracy at 4 and 8 workers. The average stays the epoch's model: it is
 * what is validated, checkpointed and returned, since extrapolating also amplifies the workers'
 * noise.
 *
 * <p>Near convergence that noise dominates the workers' change, and stepping past it overshoots:
 * the digits quick start (Adam 0.005, 20 epochs) went from 0.98 to 0.93 test accuracy, its
 * training loss rising from epoch 5 on. So the step is taken only while the training loss falls:
 * from the first epoch whose loss is not below the one before, epochs restart from the plain
 * average. The rule reads only the loss history, so a fit resumed from a checkpoint follows it.
 */
final class OuterStep {
    private OuterStep() {}

    /**
     * The outer step after epoch {@code epoch} (1-based): {@code configured} while every epoch's
     * training loss so far was below the one before it, else 1.
     *
     * @param trainingLoss per-epoch training loss, filled up to {@code epoch}
     */
    static double rate(double configured, double[] trainingLoss, int epoch) {
        for (int e = 1; e < epoch; e++) {
            if (!(trainingLoss[e] < trainingLoss[e - 1])) {
                return 1.0;
            }
        }
        return configured;
    }

    /**
     * @param start where the epoch's workers began
     * @param average the example-weighted average of their results
     * @param workers tasks that trained on rows; one worker's result is never extrapolated
     * @param singlePrecision round the parameters to floats, as the averaged ones are
     * @return {@code average} itself when no step is taken (the epoch loop tells a step's start
     *     from the model by identity, and then broadcasts and checkpoints one network, not two)
     */
    static NetworkSnapshot nextStart(NetworkSnapshot start, NetworkSnapshot average, int workers,
            double rate, boolean singlePrecision) {
        if (workers < 2 || rate == 1.0) {
            return average;
        }
        double[] from = start.params();
        double[] to = average.params();
        double[] next = new double[to.length];
        for (int i = 0; i < next.length; i++) {
            double value = from[i] + rate * (to[i] - from[i]);
            next[i] = singlePrecision ? (float) value : value;
        }
        return average.with(next, average.updaterState(), average.iterationCount(),
                average.epochCount());
    }
}
