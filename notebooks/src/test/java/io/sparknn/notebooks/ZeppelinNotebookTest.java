package io.sparknn.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The Zeppelin note, run paragraph by paragraph; z.show(...) is the only stub. */
class ZeppelinNotebookTest {
    static final String NOTEBOOK = "digits-quickstart.zpln";

    @Test
    void runsEveryParagraphAndReachesTheQuickStartAccuracy() throws Exception {
        NotebookOutputs.clear();
        try (ScalaRepl repl = NotebookRunner.run(NOTEBOOK, NotebookRunner.read(NOTEBOOK),
                NotebookFormat.ZEPPELIN)) {
            QuickStartChecks.recordResults(repl);
        }
        QuickStartChecks.assertResults();
        assertEquals(2, NotebookOutputs.frames().size(), "z.show(history), z.show(matrix)");
        QuickStartChecks.assertLossHistory(NotebookOutputs.frames().get(0));
    }
}
