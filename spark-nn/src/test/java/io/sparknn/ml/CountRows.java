package io.sparknn.ml;

import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/** Test helper: passes rows through and counts them in an accumulator. */
final class CountRows implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final LongAccumulator counter;

    CountRows(LongAccumulator counter) {
        this.counter = counter;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Row next() {
                counter.add(1);
                return rows.next();
            }
        };
    }
}
