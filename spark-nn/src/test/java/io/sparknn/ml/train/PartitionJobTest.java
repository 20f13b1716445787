package io.sparknn.ml.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.ml.SparkTestSession;
import io.sparknn.ml.data.TaskErrors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.junit.jupiter.api.Test;

/** One job, one result per partition in partition order, errors as the task threw them. */
class PartitionJobTest {
    /** Each partition's index and the numbers it saw, e.g. "1:[4, 5, 6]". */
    private static final PartitionJob.Task<Integer, String> DESCRIBE = (partition, rows) -> {
        List<Integer> seen = new ArrayList<>();
        rows.forEachRemaining(seen::add);
        return partition + ":" + seen;
    };

    @Test
    void returnsEachPartitionsResultInPartitionOrderFromOneJob() throws Exception {
        // Partition 1 is the slowest, so its task ends after partition 2's.
        JavaRDD<Integer> rdd = SparkTestSession.jsc()
                .parallelize(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), 3)
                .map(i -> {
                    if (i == 4) {
                        Thread.sleep(300);
                    }
                    return i;
                });
        List<Integer> jobs = Collections.synchronizedList(new ArrayList<>());
        SparkListener listener = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart start) {
                jobs.add(start.jobId());
            }
        };
        SparkTestSession.get().sparkContext().addSparkListener(listener);
        List<String> results;
        try {
            results = PartitionJob.run(rdd, DESCRIBE, String.class);
            SparkTestSession.get().sparkContext().listenerBus().waitUntilEmpty();
        } finally {
            SparkTestSession.get().sparkContext().removeSparkListener(listener);
        }
        assertEquals(List.of("0:[1, 2, 3]", "1:[4, 5, 6]", "2:[7, 8, 9]"), results);
        assertEquals(1, jobs.size(), jobs.toString());
    }

    @Test
    void anEmptyPartitionStillGetsItsTaskRun() {
        JavaRDD<Integer> rdd = SparkTestSession.jsc().parallelize(List.of(1, 2, 3), 4);
        // parallelize slices 3 numbers over 4 partitions as [], [1], [2], [3].
        assertEquals(List.of("0:[]", "1:[1]", "2:[2]", "3:[3]"),
                PartitionJob.run(rdd, DESCRIBE, String.class));
    }

    @Test
    void aTasksDataErrorReachesTheCallerAsItself() {
        JavaRDD<Integer> rdd = SparkTestSession.jsc().parallelize(List.of(1, 2), 2);
        PartitionJob.Task<Integer, String> failing = (partition, rows) -> {
            throw new IllegalArgumentException("Column 'x' has a NaN value in partition "
                    + partition);
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TaskErrors.rethrowDataErrors(
                        () -> PartitionJob.run(rdd, failing, String.class)));
        assertTrue(e.getMessage().startsWith("Column 'x' has a NaN value in partition "),
                e.getMessage());
    }

    @Test
    void anyOtherTaskFailureReachesTheCallerAsSparksException() {
        JavaRDD<Integer> rdd = SparkTestSession.jsc().parallelize(List.of(1, 2), 2);
        PartitionJob.Task<Integer, String> failing = (partition, rows) -> {
            throw new IllegalStateException("out of something in partition " + partition);
        };
        SparkException e = assertThrows(SparkException.class,
                () -> TaskErrors.rethrowDataErrors(
                        () -> PartitionJob.run(rdd, failing, String.class)));
        assertTrue(e.getMessage().contains("out of something in partition"), e.getMessage());
    }
}
