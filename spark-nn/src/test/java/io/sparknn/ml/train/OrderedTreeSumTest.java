package io.sparknn.ml.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.ml.SparkTestSession;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.StageInfo;
import org.junit.jupiter.api.Test;
import scala.collection.JavaConverters;

/**
 * The epoch's parameter sum: in partition order whatever the tasks' completion order, and summed
 * on executors down to what spark.driver.maxResultSize lets the driver receive per job.
 */
class OrderedTreeSumTest {
    private static final NetworkSnapshot START =
            new NetworkSnapshot("{}", new double[3], new double[1], 0, 0);

    /** Partition i's task returns i+1 rows' worth of values i/7, 2i/7, 3i/7 and -i/7. */
    private static final PartitionJob.Task<Integer, ParameterSum> TASK = (partition, rows) -> {
        double v = partition / 7.0;
        return ParameterSum.ofDoubles(new double[] {v, 2 * v, 3 * v}, new double[] {-v},
                partition + 1, v, 1, 0);
    };

    /** The tasks of each job's result stage: how many results the driver received. */
    private static List<Integer> resultsPerJob(Runnable sums) throws Exception {
        List<Integer> results = Collections.synchronizedList(new ArrayList<>());
        SparkListener listener = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart job) {
                StageInfo last = JavaConverters.seqAsJavaList(job.stageInfos()).stream()
                        .max(Comparator.comparingInt(StageInfo::stageId)).orElseThrow();
                results.add(last.numTasks());
            }
        };
        SparkContext sc = SparkTestSession.get().sparkContext();
        sc.addSparkListener(listener);
        try {
            sums.run();
        } finally {
            sc.listenerBus().waitUntilEmpty();
            sc.removeSparkListener(listener);
        }
        return results;
    }

    @Test
    void fewerResultsPerJobSumTheSameOnExecutors() throws Exception {
        JavaRDD<Integer> rdd = SparkTestSession.jsc().parallelize(
                IntStream.range(0, 40).boxed().toList(), 40);
        double[] expected = new double[3];
        long count = 0;
        for (int p = 0; p < 40; p++) {
            for (int j = 0; j < 3; j++) {
                expected[j] += (p + 1) * (j + 1) * (p / 7.0);
            }
            count += p + 1;
        }
        for (int j = 0; j < 3; j++) {
            expected[j] /= count;
        }
        List<ParameterSum> sums = new ArrayList<>();
        List<Integer> direct = resultsPerJob(
                () -> sums.add(OrderedTreeSum.sum(rdd, TASK, 64, 64)));
        List<Integer> tree = resultsPerJob(() -> sums.add(OrderedTreeSum.sum(rdd, TASK, 4, 16)));
        List<Integer> one = resultsPerJob(() -> sums.add(OrderedTreeSum.sum(rdd, TASK, 4, 1)));
        // One job each: the tree's lower levels are its shuffle stages.
        assertEquals(List.of(40), direct);
        assertEquals(List.of(10), tree);
        assertEquals(List.of(1), one);
        for (ParameterSum sum : sums) {
            assertEquals(count, sum.count());
            assertArrayEquals(expected, sum.average(START, false, true).params(), 1e-12);
        }
    }

    @Test
    void theDriverTakesAsManySumsPerJobAsMaxResultSizeHolds() {
        SparkConf conf = new SparkConf(false).set("spark.driver.maxResultSize", "100m");
        // 1M values: 8 MB per sum, 13 fit in 100 MiB.
        assertEquals(13, DriverResultLimit.resultsPerJob(1_000_000, 40, 16, conf));
        assertEquals(16, DriverResultLimit.resultsPerJob(10_000, 40, 16, conf));
        assertEquals(16, DriverResultLimit.resultsPerJob(1_000_000_000, 40, 16,
                conf.clone().set("spark.driver.maxResultSize", "0")));
        // The default, 1g: a 2^18 x 64 first layer with Adam (50M values) fits twice.
        assertEquals(2, DriverResultLimit.resultsPerJob(50_331_648, 8, 16,
                new SparkConf(false)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DriverResultLimit.resultsPerJob(20_000_000, 2, 16, conf));
        assertTrue(e.getMessage().contains("spark.driver.maxResultSize (100 MiB)")
                && e.getMessage().contains("at least 153 MiB"), e.getMessage());
    }
}
