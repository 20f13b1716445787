package io.sparknn.notebooks;

/** One code cell of a notebook: its position among all cells (1-based) and its Scala code. */
record NotebookCell(int number, String code) {}
