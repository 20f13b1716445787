package io.sparknn.ml.data;

import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.Dependency;
import org.apache.spark.OneToOneDependency;
import org.apache.spark.Partition;
import org.apache.spark.SparkContext;
import org.apache.spark.TaskContext;
import org.apache.spark.rdd.RDD;
import scala.collection.Iterator;
import scala.collection.JavaConverters;
import scala.collection.Seq;
import scala.reflect.ClassTag;

/**
 * An RDD made on first use: stands for {@code make.get()}, which is called only when Spark
 * first asks for partitions, dependencies or locations (when a job over it is submitted), never
 * when this RDD is created. A Dataset's RDD of internal rows is planned when it is made, and with
 * adaptive execution making it already runs the query's shuffle stages and fills a cache it
 * reads ({@code Dataset.rdd()} does the same); deferring it keeps a {@code transform} lazy, as
 * every Spark transformer is. Rows pass through unchanged, partition for partition.
 */
final class DeferredRdd<T> extends RDD<T> {
    private static final long serialVersionUID = 1L;

    /** Driver only: tasks reach the made RDD through this RDD's (serialized) dependency. */
    private final transient Supplier<RDD<T>> make;
    private transient RDD<T> made;

    DeferredRdd(SparkContext context, Supplier<RDD<T>> make, ClassTag<T> type) {
        super(context, JavaConverters.asScalaBuffer(List.<Dependency<?>>of()).toSeq(), type);
        this.make = make;
    }

    private synchronized RDD<T> made() {
        if (made == null) {
            made = make.get();
        }
        return made;
    }

    @Override
    public Partition[] getPartitions() {
        return made().partitions();
    }

    @Override
    public Seq<Dependency<?>> getDependencies() {
        return JavaConverters.asScalaBuffer(
                List.<Dependency<?>>of(new OneToOneDependency<>(made()))).toSeq();
    }

    @Override
    public Seq<String> getPreferredLocations(Partition split) {
        return made().preferredLocations(split);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Iterator<T> compute(Partition split, TaskContext context) {
        return ((RDD<T>) dependencies().head().rdd()).iterator(split, context);
    }
}
