package io.sparknn.bench;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark line a bench JVM runs on, chosen by how it was built ({@code bench/run} for Spark 3.5
 * on Scala 2.12, {@code bench/run --spark-4} for Spark 4 on Scala 2.13), and where that line's
 * results go: bench/ for the default line, bench/spark-4/ for the other, so that one line's run
 * never overwrites the other's and the two can be read side by side.
 */
record BenchLine(String sparkVersion, String scalaVersion) {

    static BenchLine of(SparkSession spark) {
        return new BenchLine(spark.version(), scala.util.Properties.versionNumberString());
    }

    boolean isDefault() {
        return sparkVersion.startsWith("3.");
    }

    /** The folder this line's RESULTS.md, SCALING.md and SPARSE.md go to. */
    Path out() {
        return isDefault() ? Path.of("bench") : Path.of("bench", "spark-4");
    }

    /** The command that reruns {@code mode} ("" for the full run) on this line. */
    String command(String mode) {
        return "bench/run" + (isDefault() ? "" : " --spark-4") + (mode.isEmpty() ? "" : " " + mode);
    }

    /** E.g. "Spark 4.0.1 (Scala 2.13.16)". */
    String describe() {
        return "Spark " + sparkVersion + " (Scala " + scalaVersion + ")";
    }
}
