package io.sparknn.ml.data;

import java.util.function.Supplier;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.classic.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.exchange.Exchange;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;
import scala.reflect.ClassTag$;

/**
 * The one class that calls Spark SQL's {@code private[sql]} and physical-plan API ({@code
 * Dataset.ofRows}, {@code SparkSession.internalCreateDataFrame}, {@code AdaptiveSparkPlanExec}),
 * so a Spark upgrade that changes them touches only this file: a Dataset's internal rows as an
 * RDD, and a DataFrame over such an RDD (a {@code LogicalRDD}, as {@code Dataset.checkpoint}
 * makes), made when the DataFrame runs. The Spark 4 line's copy: there the API lives on Spark's
 * classic (non-Connect) {@code Dataset} and {@code SparkSession}, which every Dataset on a
 * driver is.
 */
public final class SparkSqlInternals {
    private SparkSqlInternals() {}

    /**
     * {@code dataset}'s rows in Spark's internal format. Plans the query now, afresh (a new
     * QueryExecution, so data cached since {@code dataset} was first planned is used). With
     * adaptive execution on (Spark's default), making the RDD also runs the query's shuffle
     * stages and materializes a cache it reads, as {@code Dataset.rdd()} does; the rest runs when
     * the RDD does.
     */
    public static JavaRDD<InternalRow> internalRows(Dataset<Row> dataset) {
        return freshExecution(dataset).toRdd().toJavaRDD();
    }

    /**
     * {@link #internalRows}, when making them runs no shuffle: for a query without an exchange
     * (with adaptive execution on, Spark runs a query's shuffle stages as soon as it makes its
     * RDD, so for such a query this answers null and runs nothing). A cached input may be
     * materialized here, as reading it would anyway.
     */
    public static JavaRDD<InternalRow> internalRowsWithoutShuffling(Dataset<Row> dataset) {
        QueryExecution execution = freshExecution(dataset);
        SparkPlan plan = execution.executedPlan();
        if (hasExchange(plan instanceof AdaptiveSparkPlanExec adaptive
                ? adaptive.inputPlan() : plan)) {
            return null;
        }
        return execution.toRdd().toJavaRDD();
    }

    /** {@code dataset}'s query planned afresh, with the caches of now. */
    private static QueryExecution freshExecution(Dataset<Row> dataset) {
        org.apache.spark.sql.classic.Dataset<Row> classic =
                (org.apache.spark.sql.classic.Dataset<Row>) dataset;
        return org.apache.spark.sql.classic.Dataset.ofRows(classic.sparkSession(),
                classic.logicalPlan()).queryExecution();
    }

    private static boolean hasExchange(SparkPlan plan) {
        if (plan instanceof Exchange) {
            return true;
        }
        for (SparkPlan child : JavaConverters.seqAsJavaList(plan.children())) {
            if (hasExchange(child)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A DataFrame of {@code schema} over the RDD {@code rows} makes, whose values must match it.
     * The RDD is made when the first job over the DataFrame is submitted, not here ({@link
     * DeferredRdd}): making an RDD of a Dataset's internal rows plans its query and, with
     * adaptive execution, runs its shuffle stages, which a transform must not do.
     */
    public static Dataset<Row> dataFrame(Dataset<Row> like, Supplier<JavaRDD<InternalRow>> rows,
            StructType schema) {
        SparkSession session = (SparkSession) like.sparkSession();
        RDD<InternalRow> deferred = new DeferredRdd<>(session.sparkContext(),
                () -> rows.get().rdd(), ClassTag$.MODULE$.apply(InternalRow.class));
        return session.internalCreateDataFrame(deferred, schema, false);
    }
}
