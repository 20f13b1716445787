package io.sparknn.ml.train;

import java.util.Locale;
import org.apache.spark.SparkConf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many parameter sums the driver may receive in one job without exceeding {@code
 * spark.driver.maxResultSize} (Spark's cap on the results of one job, 1 GiB by default, checked
 * only once results arrive). Each task returns its network's parameters and optimizer state (12
 * bytes per parameter with Adam in float32; sums of several tasks are doubles), so a wide network
 * trained on many partitions can exceed it: the epoch's results are then summed on executors
 * first ({@link OrderedTreeSum}), and a network whose single sum is too big fails before the
 * first epoch.
 */
final class DriverResultLimit {
    private static final Logger LOG = LoggerFactory.getLogger(DriverResultLimit.class);
    private static final long MIB = 1 << 20;
    /** Serialization's own bytes per result, beyond the values. */
    private static final long OVERHEAD = 64 * 1024;

    private DriverResultLimit() {}

    /**
     * The most results the driver receives per job, at most {@code fanIn}.
     *
     * @param values parameters plus optimizer-state values of the network
     * @param partitions the fit's training partitions
     * @throws IllegalArgumentException when one sum alone exceeds the limit
     */
    static int resultsPerJob(long values, int partitions, int fanIn, SparkConf spark) {
        long limit = spark.getSizeAsBytes("spark.driver.maxResultSize", "1g");
        if (limit <= 0) {
            return fanIn;
        }
        long sumBytes = values * Double.BYTES + OVERHEAD;
        if (sumBytes > limit) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Each epoch's parameter sum of this network is %d MiB (%,d parameters and"
                    + " optimizer values as doubles), more than spark.driver.maxResultSize (%d"
                    + " MiB). Raise spark.driver.maxResultSize to at least %d MiB (or 0 for no"
                    + " limit), or train a smaller network.", sumBytes / MIB, values,
                    limit / MIB, sumBytes / MIB + 1));
        }
        int perJob = (int) Math.min(fanIn, limit / sumBytes);
        if (perJob < Math.min(fanIn, partitions)) {
            LOG.info("Task results are summed on executors before the driver receives them: a"
                    + " sum is {} MiB and spark.driver.maxResultSize ({} MiB) takes {} per job.",
                    sumBytes / MIB, limit / MIB, perJob);
        }
        return perJob;
    }
}
