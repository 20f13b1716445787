package io.sparknn.bench;

/**
 * One system's numbers on one workload.
 *
 * @param system e.g. "spark-nn local[2]", "raw DL4J (1 thread)", "PyTorch (2 threads)"
 * @param epochSeconds seconds per epoch (or per pass for MLlib), repeated
 * @param samplesPerEpoch training rows one epoch processes
 * @param outsideFitLoopShare median share of an epoch spent outside DL4J's fit calls (NaN: n/a)
 * @param lossByEpoch mean training loss of each epoch (empty: n/a)
 * @param testMetric test accuracy of a classifier, or mean squared error of a regressor on
 *     held-out rows (NaN: n/a)
 * @param accuracyByEpoch test accuracy after each epoch where measured (empty: n/a)
 * @param note how it was run
 */
record SystemResult(String system, Timing epochSeconds, long samplesPerEpoch,
        double outsideFitLoopShare, double[] lossByEpoch, double testMetric,
        double[] accuracyByEpoch, String note) {

    double finalLoss() {
        return lossByEpoch.length == 0 ? Double.NaN : lossByEpoch[lossByEpoch.length - 1];
    }

    /** Training samples per second at the median epoch time. */
    double samplesPerSecond() {
        return samplesPerEpoch / epochSeconds.median();
    }
}
