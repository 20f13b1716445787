package io.sparknn.ml.predict;

import io.sparknn.ml.data.FeatureColumns;
import io.sparknn.ml.data.FeatureReader;
import io.sparknn.ml.kernel.DenseSpec;
import io.sparknn.ml.train.SparkVersionCheck;
import io.sparknn.ml.data.SparkSqlInternals;
import io.sparknn.ml.train.NetworkSnapshot;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A model's {@code transform}: a batch Dataset's internal rows scored by {@link
 * InternalRowScorer}, a streaming Dataset's rows by {@link BatchScorer}, with the broadcast
 * network.
 */
public final class ModelScoring {
    /**
     * Set to false to score batch DataFrames through {@code Dataset.mapPartitions} over {@code
     * Row}s too: the same results, slower; or for a Spark build whose internal row API differs.
     */
    public static final String INTERNAL_ROWS_CONF = "spark.sparknn.transform.internalRows";

    private ModelScoring() {}

    /**
     * Appends {@code outputColumns} (in that order, typed as in {@code sparkSchema}) to every row
     * of {@code dataset}, lazily: nothing runs until the result does. A batch Dataset is scored
     * through its RDD of internal rows: features copied in bulk from each row, the other columns
     * passed through as stored. The result is a DataFrame over that RDD (as XGBoost4J-Spark's
     * transform returns one over an RDD of Rows), made when the first job over the result is
     * submitted, so {@code dataset}'s query is planned then, with the caches of that moment.
     * A streaming Dataset has no RDD: it goes through {@code Dataset.mapPartitions} over {@code
     * Row}s, which Spark's encoders convert in and out (slower: every element of an {@code
     * array<float>} is boxed).
     */
    public static Dataset<Row> transform(Dataset<?> dataset, StructType sparkSchema,
            List<String> outputColumns, String featuresCol, ScoringBroadcast network,
            int numFeatures, int batchSize, OutputColumns outputs) {
        SparkVersionCheck.require(dataset.sparkSession().version());
        Dataset<Row> rows = dataset.toDF();
        StructType input = rows.schema();
        List<StructField> fields = new ArrayList<>(List.of(input.fields()));
        List<DataType> appended = new ArrayList<>();
        for (String column : outputColumns) {
            fields.add(sparkSchema.apply(column));
            appended.add(sparkSchema.apply(column).dataType());
        }
        StructType output = new StructType(fields.toArray(StructField[]::new));
        Broadcast<NetworkSnapshot> broadcast = network.in(rows.sparkSession().sparkContext());
        FeatureReader reader =
                new FeatureReader(featuresCol, FeatureColumns.kindOf(input, featuresCol));
        DenseSpec kernel = network.kernel(rows.sparkSession());
        ScoringPlan plan = new ScoringPlan(broadcast, kernel, reader,
                input.fieldIndex(featuresCol), numFeatures,
                ScoringPlan.rowsPerPass(batchSize, numFeatures), outputs,
                ScoringPlan.sparseCapable(kernel, numFeatures, rows.sparkSession()));
        if (rows.isStreaming() || !Boolean.parseBoolean(
                rows.sparkSession().conf().get(INTERNAL_ROWS_CONF, "true"))) {
            return rows.mapPartitions(new BatchScorer(plan), Encoders.row(output));
        }
        InternalRowScorer scorer = new InternalRowScorer(plan, appended);
        return SparkSqlInternals.dataFrame(rows,
                () -> SparkSqlInternals.internalRows(rows).mapPartitions(scorer), output);
    }
}
