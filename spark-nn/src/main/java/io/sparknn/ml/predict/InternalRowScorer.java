package io.sparknn.ml.predict;

import io.sparknn.ml.data.Nonzeros;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.JoinedRow;
import org.apache.spark.sql.types.DataType;
import scala.Function1;

/**
 * Scores a partition of Spark's internal rows in batches ({@link ScoredBatches}): features are
 * read where the row stores them and the other columns pass through as bytes, where the {@code
 * Row} path ({@link BatchScorer}) has Spark's encoders build every row's objects (every element
 * of an {@code array<float>} boxed) and encode them back. For batch Datasets, through their RDD.
 */
public final class InternalRowScorer
        implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {
    private static final long serialVersionUID = 1L;

    private final ScoringPlan plan;
    private final DataType[] appendedTypes;

    /** @param appendedTypes the Spark types of the columns the outputs become, in order */
    public InternalRowScorer(ScoringPlan plan, List<DataType> appendedTypes) {
        this.plan = plan;
        this.appendedTypes = appendedTypes.toArray(DataType[]::new);
    }

    @Override
    public Iterator<InternalRow> call(Iterator<InternalRow> rows) {
        @SuppressWarnings("unchecked")
        Function1<Object, Object>[] toCatalyst = new Function1[appendedTypes.length];
        for (int i = 0; i < appendedTypes.length; i++) {
            toCatalyst[i] = CatalystTypeConverters.createToCatalystConverter(appendedTypes[i]);
        }
        return new ScoredBatches<>(rows, plan) {
            @Override
            void readFeatures(InternalRow row, float[] buffer, int offset) {
                plan.features().read(row, plan.featuresIndex(), plan.numFeatures(), buffer,
                        offset);
            }

            @Override
            void readNonzeros(InternalRow row, float[] scratch, Nonzeros dest) {
                plan.features().readNonzeros(row, plan.featuresIndex(), plan.numFeatures(),
                        scratch, dest);
            }

            @Override
            InternalRow keep(InternalRow row) {
                return row.copy(); // an RDD of internal rows may reuse one row object
            }

            @Override
            InternalRow appended(InternalRow in, float[] output, int offset) {
                Object[] values = plan.outputs().values(output, offset);
                for (int i = 0; i < values.length; i++) {
                    values[i] = toCatalyst[i].apply(values[i]);
                }
                return new JoinedRow(in, new GenericInternalRow(values));
            }
        };
    }
}
