package io.sparknn.ml.train;

/** The Spark line this build of spark-nn is for: Spark 3.5 on Scala 2.12. */
final class SparkLine {
    /** The artifact this build is. */
    static final String ARTIFACT = "spark-nn_2.12";
    /** The Spark version it is compiled against. */
    static final String BUILT_AGAINST = "3.5.9";
    /** The Spark versions it runs on, as said to a user. */
    static final String RUNS_ON = "Spark 3.5.x";

    private SparkLine() {}

    /** Whether it runs on Spark {@code major.minor.patch}. */
    static boolean runsOn(int major, int minor, int patch) {
        return major == 3 && minor == 5;
    }
}
