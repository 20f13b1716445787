package io.sparknn.ml.train;

/**
 * The Spark line this build of spark-nn is for: Spark 4 on Scala 2.13, compiled against 4.0.1
 * and tested, unrecompiled, on 4.1.0 (Scala 2.13.17), 4.2.0 and 4.3.0 (Scala 2.13.18) too. Spark
 * 4.0.0 is left out: MLlib's {@code Param} constructor changed its binary form in 4.0.1
 * (SPARK-52259), so code compiled against 4.0.1 fails there with a {@code NoSuchMethodError}.
 * Minors after 4.3 are refused until tested.
 */
final class SparkLine {
    /** The artifact this build is. */
    static final String ARTIFACT = "spark-nn_2.13";
    /** The Spark version it is compiled against. */
    static final String BUILT_AGAINST = "4.0.1";
    /** The Spark versions it runs on, as said to a user. */
    static final String RUNS_ON = "Spark 4.0.1 and later 4.0.x, 4.1.x, 4.2.x and 4.3.x releases";

    private SparkLine() {}

    /** Whether it runs on Spark {@code major.minor.patch}. */
    static boolean runsOn(int major, int minor, int patch) {
        return major == 4 && (minor == 0 && patch >= 1 || minor >= 1 && minor <= 3);
    }
}
