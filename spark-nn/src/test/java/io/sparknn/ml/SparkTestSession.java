package io.sparknn.ml;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The one local[2] SparkSession shared by every test class in the test JVM. With the system
 * property {@code sparknn.test.serializer=kryo} (the build's second test run) it serializes task
 * results, broadcasts and blocks with Kryo, requiring every class to be registered, as a
 * production cluster tuned by Spark's advice does.
 */
public final class SparkTestSession {
    private static SparkSession session;

    private SparkTestSession() {}

    public static synchronized SparkSession get() {
        if (session == null) {
            SparkSession.Builder builder = SparkSession.builder();
            if ("kryo".equals(System.getProperty("sparknn.test.serializer"))) {
                KryoTestConf.apply(builder);
            }
            session = builder
                    .master("local[2]")
                    .appName("spark-nn tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.sql.adaptive.enabled", "false")
                    .getOrCreate();
        }
        return session;
    }

    public static JavaSparkContext jsc() {
        return JavaSparkContext.fromSparkContext(get().sparkContext());
    }
}
