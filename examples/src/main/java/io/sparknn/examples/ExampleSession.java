package io.sparknn.examples;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** The examples' SparkSession: on the master spark-submit gives, else on local[*]. */
final class ExampleSession {
    private ExampleSession() {}

    static SparkSession start(String appName) {
        SparkConf conf = new SparkConf().setAppName(appName);
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
