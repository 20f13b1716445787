package io.sparknn.ml.train;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fails a fit or a transform at once, naming the Spark versions this build runs on, when the
 * application runs another Spark: a build for one Spark line on another fails otherwise with a
 * {@code NoSuchMethodError} or {@code ClassCastException} deep in a task ({@link SparkLine}
 * says which line this build is).
 */
public final class SparkVersionCheck {
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+).*");

    private SparkVersionCheck() {}

    /**
     * @param sparkVersion the running Spark's version ({@code SparkSession.version()})
     * @throws IllegalStateException when this build does not run on it
     */
    public static void require(String sparkVersion) {
        String problem = problem(sparkVersion);
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
    }

    /** What is wrong with running this build on Spark {@code sparkVersion}, or null. */
    static String problem(String sparkVersion) {
        Matcher m = VERSION.matcher(sparkVersion);
        if (m.matches() && SparkLine.runsOn(Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))) {
            return null;
        }
        return "This spark-nn (" + SparkLine.ARTIFACT + ", built against Spark "
                + SparkLine.BUILT_AGAINST + ") runs on " + SparkLine.RUNS_ON
                + "; this application runs Spark " + sparkVersion + ". Use the spark-nn build"
                + " for your Spark line (README, Compatibility).";
    }
}
