package io.sparknn.bench;

import java.util.Arrays;

/** Repeated measurements of one quantity (seconds, or a rate) and their median and minimum. */
record Timing(double[] values) {
    static Timing of(double... values) {
        return new Timing(values.clone());
    }

    double median() {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    double min() {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    double max() {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    int count() {
        return values.length;
    }

    /**
     * Seconds taken by each of {@code repeats} runs of {@code work} after {@code warmUps} untimed
     * runs (JIT compilation; Spark's query code generation and caches).
     */
    static Timing seconds(int warmUps, int repeats, Runnable work) {
        for (int i = 0; i < warmUps; i++) {
            work.run();
        }
        return seconds(repeats, work);
    }

    /** Seconds taken by each of {@code repeats} runs of {@code work}. */
    static Timing seconds(int repeats, Runnable work) {
        double[] seconds = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            work.run();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        return new Timing(seconds);
    }
}
