package io.sparknn.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which cells each format runs: code only, in order, host-specific lines left out. */
class NotebookFormatTest {
    private static List<NotebookCell> cells(String notebook) throws Exception {
        return NotebookFormat.of(notebook).codeCells(NotebookRunner.read(notebook));
    }

    @Test
    void databricksRunsItsScalaCellsAndSkipsMarkdown() throws Exception {
        List<NotebookCell> cells = cells(DatabricksNotebookTest.NOTEBOOK);
        assertEquals(6, cells.size());
        assertTrue(cells.get(0).code().startsWith("import io.sparknn.ml."));
        assertTrue(cells.stream().noneMatch(c -> c.code().contains("MAGIC")));
        assertThrows(IllegalArgumentException.class,
                () -> NotebookFormat.DATABRICKS.codeCells("println(1)"));
    }

    @Test
    void zeppelinRunsSparkParagraphsAndRejectsOtherInterpreters() throws Exception {
        List<NotebookCell> cells = cells(ZeppelinNotebookTest.NOTEBOOK);
        assertEquals(6, cells.size());
        assertTrue(cells.stream().noneMatch(
                c -> c.code().startsWith("%") || c.code().contains("spark.jars")));
        assertTrue(cells.stream().anyMatch(c -> c.code().contains("z.show(history)")));
        IllegalArgumentException sql = assertThrows(IllegalArgumentException.class,
                () -> NotebookFormat.ZEPPELIN.codeCells(
                        "{\"paragraphs\": [{\"text\": \"%sql\\nselect 1\"}]}"));
        assertTrue(sql.getMessage().contains("%sql"), sql.getMessage());
    }

    @Test
    void almondDropsOnlyItsDependencyLines() throws Exception {
        List<NotebookCell> cells = cells(AlmondNotebookTest.NOTEBOOK);
        assertEquals(7, cells.size());
        assertTrue(cells.get(0).code().contains("NotebookSparkSession.builder()"));
        assertFalse(cells.stream().anyMatch(c -> c.code().contains("$ivy")));
    }
}
