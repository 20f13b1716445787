package io.sparknn.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The Databricks notebook, run cell by cell; display(...) is the only stub. */
class DatabricksNotebookTest {
    static final String NOTEBOOK = "digits-quickstart.databricks.scala";

    @Test
    void runsEveryCellAndReachesTheQuickStartAccuracy() throws Exception {
        NotebookOutputs.clear();
        try (ScalaRepl repl = NotebookRunner.run(NOTEBOOK, NotebookRunner.read(NOTEBOOK),
                NotebookFormat.DATABRICKS)) {
            QuickStartChecks.recordResults(repl);
        }
        QuickStartChecks.assertResults();
        List<Dataset<Row>> shown = NotebookOutputs.frames();
        assertEquals(2, shown.size(), "display(history) and display(confusion matrix)");
        QuickStartChecks.assertLossHistory(shown.get(0));
        assertTrue(shown.get(1).columns().length >= 10, "confusion matrix columns");
    }
}
