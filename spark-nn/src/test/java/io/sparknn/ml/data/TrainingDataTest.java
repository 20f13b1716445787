package io.sparknn.ml.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.ml.NeuralNetClassifier;
import io.sparknn.ml.TestData;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** How a fit's rows are partitioned for training. */
class TrainingDataTest {

    private static TrainingData prepare(Dataset<Row> df, int numWorkers) {
        return TrainingData.prepare(df, new NeuralNetClassifier().setNumWorkers(numWorkers),
                true);
    }

    private static boolean shuffled(TrainingData data) {
        return data.training().toDebugString().contains("ShuffledRowRDD");
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
        try (TrainingData kept = prepare(df, 0)) {
            assertEquals(2, kept.training().getNumPartitions());
            assertFalse(shuffled(kept));
        }
    }

    @Test
    void anInputWithAShuffleIsRepartitionedWhenNumWorkersIsSet() {
        Dataset<Row> grouped = TestData.frame(TestData.classificationRows(40, 3, 2, 4), 2)
                .repartition(2);
        try (TrainingData data = prepare(grouped, 2)) {
            assertEquals(2, data.training().getNumPartitions());
            assertEquals(40, data.stats().trainRows());
        }
    }
}
