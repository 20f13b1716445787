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
 * Sums one {@link ParameterSum} per partition in partition order, so the result does not depend
 * on which task finishes first (Spark's own treeAggregate merges in completion order, which makes
 * floating-point sums vary from run to run).
 *
 * <p>Up to {@code fanIn} partitions are collected and summed on the driver. Beyond that, keeps
 * the driver from holding every partition's arrays at once: partitions are grouped {@code fanIn}
 * at a time, each group is summed on an executor in index order, and the group sums are summed
 * the same way, level by level.
 */
public final class OrderedTreeSum {
    private OrderedTreeSum() {}

    /**
     * Runs {@code task} on every partition of {@code rdd} and sums the results: with up to {@code
     * fanIn} partitions in the job itself ({@link PartitionJob}), beyond that through the tree.
     */
    public static <T> ParameterSum sum(JavaRDD<T> rdd, PartitionJob.Task<T, ParameterSum> task,
            int fanIn) {
        if (rdd.getNumPartitions() > fanIn) {
            return sum(rdd.mapPartitionsWithIndex(PartitionJob.perPartition(task), true), fanIn);
        }
        ParameterSum total = ParameterSum.empty();
        for (ParameterSum partial : PartitionJob.run(rdd, task, ParameterSum.class)) {
            total.merge(partial);
        }
        return total;
    }

    /** Sums one {@link ParameterSum} per partition of {@code partials}, in partition order. */
    public static ParameterSum sum(JavaRDD<ParameterSum> partials, int fanIn) {
        int partitions = partials.getNumPartitions();
        if (partitions <= fanIn) {
            ParameterSum total = ParameterSum.empty();
            for (ParameterSum partial : partials.collect()) {
                total.merge(partial);
            }
            return total;
        }
        int groups = (partitions + fanIn - 1) / fanIn;
        JavaRDD<ParameterSum> groupSums =
                JavaPairRDD.fromJavaRDD(partials.mapPartitionsWithIndex(new KeyByGroup(fanIn), true))
                        .groupByKey(new HashPartitioner(groups))
                        .values()
                        .map(new SumInIndexOrder());
        return sum(groupSums, fanIn);
    }

    /** Tags each partition's sum with (group, partition index). */
    private static final class KeyByGroup implements Function2<Integer, Iterator<ParameterSum>,
            Iterator<Tuple2<Integer, Tuple2<Integer, ParameterSum>>>> {
        private static final long serialVersionUID = 1L;
        private final int fanIn;

        KeyByGroup(int fanIn) {
            this.fanIn = fanIn;
        }

        @Override
        public Iterator<Tuple2<Integer, Tuple2<Integer, ParameterSum>>> call(
                Integer partition, Iterator<ParameterSum> sums) {
            List<Tuple2<Integer, Tuple2<Integer, ParameterSum>>> out = new ArrayList<>(1);
            sums.forEachRemaining(s -> out.add(
                    new Tuple2<>(partition / fanIn, new Tuple2<>(partition, s))));
            return out.iterator();
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
