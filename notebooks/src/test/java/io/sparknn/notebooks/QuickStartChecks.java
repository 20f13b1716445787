package io.sparknn.notebooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** What every quick-start notebook must have computed by its last cell. */
final class QuickStartChecks {
    private static final int EPOCHS = 20;

    private QuickStartChecks() {}

    /** Hands the notebook's accuracy, reload check and history to the test through the REPL. */
    static void recordResults(ScalaRepl repl) {
        ScalaRepl.Outcome outcome = repl.run("""
                io.sparknn.notebooks.NotebookOutputs.record("accuracy", accuracy)
                io.sparknn.notebooks.NotebookOutputs.record("samePredictions", samePredictions)
                io.sparknn.notebooks.NotebookOutputs.record("history", history)
                """);
        assertTrue(outcome.succeeded(), outcome.replOutput());
    }

    static void assertResults() {
        double accuracy = (Double) NotebookOutputs.value("accuracy");
        assertTrue(accuracy >= 0.95, "test accuracy " + accuracy);
        assertEquals(Boolean.TRUE, NotebookOutputs.value("samePredictions"));
        @SuppressWarnings("unchecked")
        Dataset<Row> history = (Dataset<Row>) NotebookOutputs.value("history");
        assertLossHistory(history);
    }

    /** One row per epoch with both losses, the training loss falling. */
    static void assertLossHistory(Dataset<Row> history) {
        assertArrayEquals(new String[] {"epoch", "trainingLoss", "validationLoss", "seconds"},
                history.columns());
        List<Row> rows = history.orderBy("epoch").collectAsList();
        assertEquals(EPOCHS, rows.size());
        double first = rows.get(0).getDouble(1);
        double last = rows.get(EPOCHS - 1).getDouble(1);
        assertTrue(last < first / 2, "training loss " + first + " -> " + last);
        assertTrue(rows.stream().allMatch(r -> !r.isNullAt(2)), "validation loss every epoch");
    }
}
