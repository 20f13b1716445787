package io.sparknn.ml.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.ml.NeuralNetClassifier;
import io.sparknn.ml.SparkTestSession;
import io.sparknn.ml.TestData;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

/** How a fit's rows are partitioned for training. */
class TrainingDataTest {

    private static TrainingData prepare(Dataset<Row> df, int numWorkers) {
        return TrainingData.prepare(df, new NeuralNetClassifier().setNumWorkers(numWorkers),
                true);
    }

    private static boolean shuffled(TrainingData data) {
        return shuffles(data) > 0;
    }

    /** The shuffles in the lineage of the training rows. */
    private static int shuffles(TrainingData data) {
        return data.training().toDebugString().split("ShuffledRowRDD", -1).length - 1;
    }

    @Test
    void numWorkersRepartitionsOnlyWhenTheCountDiffers() {
        Dataset<Row> df = TestData.frame(TestData.classificationRows(40, 3, 2, 3), 2);
        numWorkersRepartitionsOnlyWhenTheCountDiffers(df);
        Dataset<Row> cached = df.cache();
        try {
            numWorkersRepartitionsOnlyWhenTheCountDiffers(cached);
        } finally {
            cached.unpersist();
        }
    }

    private static void numWorkersRepartitionsOnlyWhenTheCountDiffers(Dataset<Row> df) {
        try (TrainingData same = prepare(df, 2)) {
            assertEquals(2, same.training().getNumPartitions());
            assertFalse(shuffled(same));
            assertEquals(40, same.stats().trainRows());
        }
        try (TrainingData more = prepare(df, 3)) {
            assertEquals(3, more.training().getNumPartitions());
            assertTrue(shuffled(more));
            assertEquals(40, more.stats().trainRows());
        }
        try (TrainingData kept = prepare(df, -1)) {
            assertEquals(2, kept.training().getNumPartitions());
            assertFalse(shuffled(kept));
        }
    }

    @Test
    void byDefaultTheRowsTrainInAsManyTasksAsTheApplicationHasSlots() {
        Dataset<Row> df = TestData.frame(TestData.classificationRows(50, 3, 2, 5), 5);
        int slots = SparkTestSession.get().sparkContext().defaultParallelism();
        assertEquals(2, slots, "local[2]");
        try (TrainingData data = prepare(df, 0)) {
            assertEquals(slots, data.training().getNumPartitions());
            assertTrue(shuffled(data));
            assertEquals(50, data.stats().trainRows());
        }
        try (TrainingData kept = prepare(df, -1)) {
            assertEquals(5, kept.training().getNumPartitions());
            assertFalse(shuffled(kept));
        }
        // An input already in as many partitions as there are slots is not repartitioned.
        try (TrainingData matching = prepare(df.coalesce(slots), 0)) {
            assertEquals(slots, matching.training().getNumPartitions());
            assertFalse(shuffled(matching));
        }
    }

    @Test
    void anInputWithAShuffleIsRepartitionedWhenNumWorkersIsSet() {
        // An aggregation's output, as a join or groupBy delivers rows (2 shuffle partitions).
        Dataset<Row> grouped = TestData.frame(TestData.classificationRows(40, 3, 2, 4), 2)
                .withColumn("id", functions.monotonically_increasing_id())
                .groupBy("id").agg(functions.first("features").as("features"),
                        functions.first("label").as("label"));
        try (TrainingData kept = prepare(grouped, -1)) {
            assertEquals(1, shuffles(kept), kept.training().toDebugString());
        }
        // Its partition count is only known once its shuffle runs (adaptive execution may
        // coalesce it), so numWorkers repartitions it: a second shuffle.
        try (TrainingData data = prepare(grouped, 2)) {
            assertEquals(2, shuffles(data), data.training().toDebugString());
            assertEquals(2, data.training().getNumPartitions());
            assertEquals(40, data.stats().trainRows());
        }
    }
}
