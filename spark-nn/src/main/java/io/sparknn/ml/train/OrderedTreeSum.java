package io.sparknn.ml.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.api.java.function.Function;
import scala.Tuple2;

/**
 * Runs a training task on every partition and sums the results in partition order, so the sum
 * does not depend on which task finishes first (Spark's own treeAggregate merges in completion
 * order, which makes floating-point sums vary from run to run).
 *
 * <p>Up to {@code perJob} partitions: one job ({@link PartitionJob}), the results summed on the
 * driver. Beyond that, keeps the driver from holding every partition's arrays at once (and
 * within {@code spark.driver.maxResultSize}, see {@link DriverResultLimit}): partitions are
 * grouped {@code fanIn} at a time, each group is summed on an executor in index order, and the
 * group sums are summed the same way, level by level.
 */
public final class OrderedTreeSum {
    private OrderedTreeSum() {}

    /**
     * The sum of {@code task}'s results over the partitions of {@code rdd}, in their order.
     *
     * @param fanIn partial sums merged per tree node (>= 2)
     * @param perJob the most results the driver receives in one job (>= 1)
     */
    public static <T> ParameterSum sum(JavaRDD<T> rdd, PartitionJob.Task<T, ParameterSum> task,
            int fanIn, int perJob) {
        int partitions = rdd.getNumPartitions();
        if (partitions <= perJob) {
            ParameterSum total = ParameterSum.empty();
            for (ParameterSum partial : PartitionJob.run(rdd, task, ParameterSum.class)) {
                total.merge(partial);
            }
            return total;
        }
        int groups = (partitions + fanIn - 1) / fanIn;
        JavaRDD<ParameterSum> groupSums =
                JavaPairRDD.fromJavaRDD(rdd.mapPartitionsWithIndex(new KeyByGroup<>(fanIn, task),
                                true))
                        .groupByKey(new HashPartitioner(groups))
                        .values()
                        .map(new SumInIndexOrder());
        return sum(groupSums, new SumOfPartition(), fanIn, perJob);
    }

    /** Runs the task on a partition and tags its result with (group, partition index). */
    private static final class KeyByGroup<T> implements Function2<Integer, Iterator<T>,
            Iterator<Tuple2<Integer, Tuple2<Integer, ParameterSum>>>> {
        private static final long serialVersionUID = 1L;
        private final int fanIn;
        private final PartitionJob.Task<T, ParameterSum> task;

        KeyByGroup(int fanIn, PartitionJob.Task<T, ParameterSum> task) {
            this.fanIn = fanIn;
            this.task = task;
        }

        @Override
        public Iterator<Tuple2<Integer, Tuple2<Integer, ParameterSum>>> call(
                Integer partition, Iterator<T> rows) {
            return List.of(new Tuple2<>(partition / fanIn,
                    new Tuple2<>(partition, task.run(partition, rows)))).iterator();
        }
    }

    /** A level's partition of group sums, summed in order (one group per partition). */
    private static final class SumOfPartition
            implements PartitionJob.Task<ParameterSum, ParameterSum> {
        private static final long serialVersionUID = 1L;

        @Override
        public ParameterSum run(int partition, Iterator<ParameterSum> sums) {
            ParameterSum total = ParameterSum.empty();
            sums.forEachRemaining(total::merge);
            return total;
        }
    }

    /** Sums one group's partials sorted by partition index (shuffles deliver them in any order). */
    private static final class SumInIndexOrder
            implements Function<Iterable<Tuple2<Integer, ParameterSum>>, ParameterSum> {
        private static final long serialVersionUID = 1L;

        @Override
        public ParameterSum call(Iterable<Tuple2<Integer, ParameterSum>> group) {
            List<Tuple2<Integer, ParameterSum>> sorted = new ArrayList<>();
            group.forEach(sorted::add);
            sorted.sort(Comparator.comparing(Tuple2::_1));
            ParameterSum total = ParameterSum.empty();
            for (Tuple2<Integer, ParameterSum> partial : sorted) {
                total.merge(partial._2());
            }
            return total;
        }
    }
}
