package io.sparknn.ml.predict;

import io.sparknn.ml.data.Nonzeros;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Scores a partition of {@code Row}s in batches ({@link ScoredBatches}), for {@code
 * Dataset.mapPartitions}: the path for streaming Datasets, which have no RDD to score (batch
 * Datasets take {@link InternalRowScorer}, which skips the Row encoders).
 */
public final class BatchScorer implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final ScoringPlan plan;

    public BatchScorer(ScoringPlan plan) {
        this.plan = plan;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        return new ScoredBatches<>(rows, plan) {
            @Override
            void readFeatures(Row row, float[] buffer, int offset) {
                plan.features().read(row, plan.featuresIndex(), plan.numFeatures(), buffer,
                        offset);
            }

            @Override
            void readNonzeros(Row row, float[] scratch, Nonzeros dest) {
                plan.features().readNonzeros(row, plan.featuresIndex(), plan.numFeatures(),
                        scratch, dest);
            }

            @Override
            Row keep(Row row) {
                return row; // Rows from the Row encoder are new objects
            }

            @Override
            Row appended(Row in, float[] output, int offset) {
                Object[] appended = plan.outputs().values(output, offset);
                Object[] values = new Object[in.length() + appended.length];
                for (int i = 0; i < in.length(); i++) {
                    values[i] = in.get(i);
                }
                System.arraycopy(appended, 0, values, in.length(), appended.length);
                return RowFactory.create(values);
            }
        };
    }
}
