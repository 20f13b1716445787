"""The Python notebooks, executed cell by cell in a real Jupyter kernel by nbclient; any cell's
error fails the test. The Databricks source notebook runs after a prelude standing in for what
Databricks provides (``spark`` with spark-nn's jar attached, ``display``)."""

import os
import re

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import REPO

NOTEBOOKS = os.path.join(REPO, "notebooks")

DATABRICKS_PRELUDE = """\
import matplotlib.pyplot as plt
import sparknn
from IPython.display import display as _show
from matplotlib.figure import Figure
from pyspark.sql import DataFrame

spark = sparknn.session_builder(app_name="databricks notebook").getOrCreate()
spark.sparkContext.setLogLevel("WARN")


def display(value):
    if isinstance(value, DataFrame):
        value.show()
    else:
        _show(value)
        if isinstance(value, Figure):
            plt.close(value)  # shown once, as Databricks shows it
"""


def databricks_notebook(text):
    """A Databricks Python source notebook as a Jupyter one: ``# COMMAND ----------`` separates
    the cells, and cells of ``# MAGIC %md`` lines are markdown."""
    header = "# Databricks notebook source\n"
    assert text.startswith(header)
    cells = []
    for source in re.split(r"\n# COMMAND ----------\n", text[len(header):]):
        source = source.strip("\n")
        lines = source.splitlines()
        if all(line.startswith("# MAGIC") for line in lines):
            cells.append(nbformat.v4.new_markdown_cell(
                "\n".join(re.sub(r"^# MAGIC ?(%md)?", "", line) for line in lines).strip()))
        else:
            cells.append(nbformat.v4.new_code_cell(source))
    return nbformat.v4.new_notebook(cells=cells)


def execute(notebook, tmp_path, monkeypatch):
    # The kernel's JVM gets a private JavaCPP cache, as every JVM of the tests does.
    monkeypatch.setenv("JAVA_TOOL_OPTIONS",
                       "-Dorg.bytedeco.javacpp.cachedir=" + str(tmp_path / "javacpp-cache"))
    NotebookClient(notebook, timeout=900, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [output for cell in notebook.cells if cell.cell_type == "code"
               for output in cell.outputs]
    text = "".join(output.get("text", "") for output in outputs)
    images = [output for output in outputs if "image/png" in output.get("data", {})]
    return text, images


def assert_quick_start_story(text, images):
    accuracy = float(re.search(r"Test accuracy: (\d\.\d+)", text).group(1))
    assert accuracy >= 0.96, text
    assert "Reloaded model predicts the same: True" in text
    assert len(images) == 1, "one loss chart"


def test_the_jupyter_notebook_runs(tmp_path, monkeypatch):
    notebook = nbformat.read(os.path.join(NOTEBOOKS, "digits-quickstart.python.ipynb"),
                             as_version=4)
    assert_quick_start_story(*execute(notebook, tmp_path, monkeypatch))


def test_the_databricks_notebook_runs(tmp_path, monkeypatch):
    with open(os.path.join(NOTEBOOKS, "digits-quickstart.databricks.py")) as f:
        notebook = databricks_notebook(f.read())
    assert [c.cell_type for c in notebook.cells][:2] == ["markdown", "code"]
    notebook.cells.insert(0, nbformat.v4.new_code_cell(DATABRICKS_PRELUDE))
    text, images = execute(notebook, tmp_path, monkeypatch)
    assert_quick_start_story(text, images)
    assert "|epoch|" in text.replace(" ", ""), "display(summary.history) shows the table"


def test_a_failing_cell_fails_the_notebook(tmp_path, monkeypatch):
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_code_cell("import sparknn\nsparknn.NeuralNetClassifier(nosuchParam=1)")])
    with pytest.raises(Exception) as failure:
        execute(notebook, tmp_path, monkeypatch)
    assert "nosuchParam" in str(failure.value)
