package io.sparknn.ml.predict;

import io.sparknn.ml.data.FeatureColumns;
import io.sparknn.ml.data.FeatureReader;
import io.sparknn.ml.train.NetworkSnapshot;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** A model's {@code transform}: rows scored by {@link BatchScorer} with the broadcast network. */
public final class ModelScoring {
    private ModelScoring() {}

    /**
     * Appends {@code outputColumns} (in that order, typed as in {@code sparkSchema}) to every row
     * of {@code dataset}. Uses only Dataset operations, so streaming Datasets work too.
     */
    public static Dataset<Row> transform(Dataset<?> dataset, StructType sparkSchema,
            List<String> outputColumns, String featuresCol, ScoringBroadcast network,
            int numFeatures, int batchSize, OutputColumns outputs) {
        Dataset<Row> rows = dataset.toDF();
        StructType input = rows.schema();
        List<StructField> fields = new ArrayList<>(List.of(input.fields()));
        for (String column : outputColumns) {
            fields.add(sparkSchema.apply(column));
        }
        StructType output = new StructType(fields.toArray(StructField[]::new));
        Broadcast<NetworkSnapshot> broadcast = network.in(rows.sparkSession().sparkContext());
        FeatureReader reader =
                new FeatureReader(featuresCol, FeatureColumns.kindOf(input, featuresCol));
        return rows.mapPartitions(new BatchScorer(broadcast,
                network.kernel(rows.sparkSession()), reader, input.fieldIndex(featuresCol),
                numFeatures, batchSize, outputs), Encoders.row(output));
    }
}
