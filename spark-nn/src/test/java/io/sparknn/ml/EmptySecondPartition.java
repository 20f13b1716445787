package io.sparknn.ml;

import java.util.Collections;
import java.util.Iterator;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/** Test helper: keeps partition 0's rows and empties partition 1. */
final class EmptySecondPartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        return TaskContext.getPartitionId() == 1 ? Collections.emptyIterator() : rows;
    }
}
