package io.sparknn.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

/**
 * The model depends on the rows, not on the order Spark delivers them: the same rows in the same
 * partitions, delivered in another order within each partition (as a shuffle's fetches or a
 * recomputed partition deliver them), train bit-identical parameters, whatever the partitions,
 * validation and early stopping.
 */
class RowOrderTest {
    private static final Dataset<Row> ROWS =
            TestData.frame(TestData.regressionRows(3000, 4, 13), 2).cache();
    private static final Dataset<Row> REORDERED =
            ROWS.sortWithinPartitions(functions.rand(3)).cache();

    private static NeuralNetRegressor estimator() {
        return new NeuralNetRegressor().setHiddenLayers(16).setEpochs(3).setSeed(1)
                .setLearningRate(0.01);
    }

    private static void assertSameParameters(NeuralNetRegressor estimator) {
        NeuralNetRegressionModel a = estimator.fit(ROWS);
        NeuralNetRegressionModel b = estimator.fit(REORDERED);
        assertArrayEquals(Dl4jReference.params(a.network()), Dl4jReference.params(b.network()),
                0.0);
        assertArrayEquals(a.summary().trainingLossHistory(), b.summary().trainingLossHistory(),
                0.0);
        assertArrayEquals(a.summary().validationLossHistory(),
                b.summary().validationLossHistory(), 0.0);
    }

    @Test
    void theReorderedInputHoldsTheSameRowsInTheSamePartitionsInAnotherOrder() {
        assertEquals(2, REORDERED.rdd().getNumPartitions());
        List<List<String>> before = partitions(ROWS);
        List<List<String>> after = partitions(REORDERED);
        for (int p = 0; p < 2; p++) {
            assertEquals(before.get(p).stream().sorted().toList(),
                    after.get(p).stream().sorted().toList());
            assertTrue(!before.get(p).equals(after.get(p)), "partition " + p + " reordered");
        }
    }

    /** Each partition's rows as strings, in the order Spark delivers them. */
    private static List<List<String>> partitions(Dataset<Row> df) {
        List<String> tagged = df.javaRDD().mapPartitionsWithIndex((p, rows) -> {
            List<String> out = new ArrayList<>();
            rows.forEachRemaining(row -> out.add(p + "\t" + row));
            return out.iterator();
        }, true).collect();
        List<List<String>> partitions = new ArrayList<>();
        for (String line : tagged) {
            int p = Integer.parseInt(line.substring(0, line.indexOf('\t')));
            while (partitions.size() <= p) {
                partitions.add(new ArrayList<>());
            }
            partitions.get(p).add(line);
        }
        return partitions;
    }

    @Test
    void keptPartitionsTrainTheSameInAnyRowOrder() {
        assertSameParameters(estimator());
    }

    @Test
    void aRepartitionToNumWorkersTrainsTheSameInAnyRowOrder() {
        assertSameParameters(estimator().setNumWorkers(3));
    }

    @Test
    void aValidationFractionSplitsTheSameRowsInAnyOrder() {
        assertSameParameters(estimator().setValidationFraction(0.2));
    }

    @Test
    void earlyStoppingStopsAtTheSameEpochInAnyRowOrder() {
        NeuralNetRegressor stopping = estimator().setEpochs(12).setValidationFraction(0.3)
                .setEarlyStoppingPatience(2).setLearningRate(0.05);
        assertSameParameters(stopping);
        assertEquals(stopping.fit(ROWS).summary().bestEpoch(),
                stopping.fit(REORDERED).summary().bestEpoch());
    }
}
