package io.sparknn.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.RenderedImage;
import org.junit.jupiter.api.Test;

/**
 * The Almond (Jupyter) notebook, run cell by cell; almond-spark's NotebookSparkSession and
 * Almond's Image display are the stubs, and the import $ivy lines are left to the classpath.
 */
class AlmondNotebookTest {
    static final String NOTEBOOK = "digits-quickstart.almond.ipynb";

    @Test
    void runsEveryCellAndChartsTheLossHistory() throws Exception {
        NotebookOutputs.clear();
        try (ScalaRepl repl = NotebookRunner.run(NOTEBOOK, NotebookRunner.read(NOTEBOOK),
                NotebookFormat.ALMOND)) {
            QuickStartChecks.recordResults(repl);
        }
        QuickStartChecks.assertResults();
        assertEquals(1, NotebookOutputs.images().size(), "the loss chart");
        RenderedImage chart = NotebookOutputs.images().get(0);
        assertEquals(700, chart.getWidth());
        assertEquals(400, chart.getHeight());
    }
}
