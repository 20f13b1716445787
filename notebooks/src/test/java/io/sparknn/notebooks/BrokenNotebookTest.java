package io.sparknn.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A notebook edited to break fails its run, naming the cell: a compile error (a misspelt
 * method) and a runtime error (a data path that does not exist), in each of the three real
 * notebooks. The edits land before the training cell, so these runs stay short.
 */
class BrokenNotebookTest {
    @ParameterizedTest
    @ValueSource(strings = {DatabricksNotebookTest.NOTEBOOK, ZeppelinNotebookTest.NOTEBOOK,
        AlmondNotebookTest.NOTEBOOK})
    void aCompileErrorFailsTheRunAtItsCell(String notebook) throws Exception {
        String text = NotebookRunner.read(notebook);
        assertTrue(text.contains("randomSplit("), notebook);
        AssertionError error = assertThrows(AssertionError.class, () -> NotebookRunner.run(
                notebook, text.replace("randomSplit(", "randomSplitt("),
                NotebookFormat.of(notebook)));
        assertTrue(error.getMessage().contains("value randomSplitt is not a member"),
                error.getMessage());
        assertEquals(cellOf(notebook, "randomSplit("), cellNumber(error));
    }

    @ParameterizedTest
    @ValueSource(strings = {DatabricksNotebookTest.NOTEBOOK, ZeppelinNotebookTest.NOTEBOOK,
        AlmondNotebookTest.NOTEBOOK})
    void aRuntimeErrorFailsTheRunAtItsCell(String notebook) throws Exception {
        String text = NotebookRunner.read(notebook);
        AssertionError error = assertThrows(AssertionError.class, () -> NotebookRunner.run(
                notebook, text.replace("data/digits.csv.gz", "data/no-such-file.csv.gz"),
                NotebookFormat.of(notebook)));
        assertTrue(error.getMessage().contains("PATH_NOT_FOUND")
                || error.getMessage().contains("Path does not exist"), error.getMessage());
        assertEquals(cellOf(notebook, "randomSplit("), cellNumber(error));
    }

    private static int cellOf(String notebook, String code) throws Exception {
        return NotebookFormat.of(notebook).codeCells(NotebookRunner.read(notebook)).stream()
                .filter(cell -> cell.code().contains(code)).findFirst().orElseThrow().number();
    }

    private static int cellNumber(AssertionError error) {
        var m = java.util.regex.Pattern.compile(": cell (\\d+) failed").matcher(
                error.getMessage());
        assertTrue(m.find(), error.getMessage());
        return Integer.parseInt(m.group(1));
    }
}
