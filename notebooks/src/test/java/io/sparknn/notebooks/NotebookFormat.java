package io.sparknn.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The three notebook formats: how to find their Scala code cells, and the Scala prelude that
 * stands in for what the notebook's host provides (its display call, its session). Only
 * host-specific calls are stubbed; every line of the notebooks' own code runs.
 */
enum NotebookFormat {
    /** Databricks source format: {@code // COMMAND ----------} between cells. */
    DATABRICKS("""
            val spark = org.apache.spark.sql.SparkSession.builder().getOrCreate()
            val sc = spark.sparkContext
            def display(data: org.apache.spark.sql.Dataset[_]): Unit =
              io.sparknn.notebooks.NotebookOutputs.display(data.toDF)
            """) {
        @Override
        List<NotebookCell> codeCells(String text) {
            if (!text.startsWith("// Databricks notebook source")) {
                throw new IllegalArgumentException(
                        "Not a Databricks source notebook: no '// Databricks notebook source'");
            }
            String body = text.substring(text.indexOf('\n') + 1);
            String[] cells = Pattern.compile("^// COMMAND -{10}$", Pattern.MULTILINE)
                    .split(body, -1);
            List<NotebookCell> code = new ArrayList<>();
            for (int i = 0; i < cells.length; i++) {
                String cell = cells[i].strip();
                // '// MAGIC %md' (and any other magic) cells are not Scala.
                if (!cell.isEmpty() && !cell.startsWith("// MAGIC")) {
                    code.add(new NotebookCell(i + 1, cell));
                }
            }
            return code;
        }
    },

    /** A Zeppelin note (.zpln, JSON): paragraphs run by the {@code %spark} interpreter. */
    ZEPPELIN("""
            val spark = org.apache.spark.sql.SparkSession.builder().getOrCreate()
            val sc = spark.sparkContext
            object z {
              def show(data: org.apache.spark.sql.Dataset[_]): Unit =
                io.sparknn.notebooks.NotebookOutputs.display(data.toDF)
            }
            """) {
        @Override
        List<NotebookCell> codeCells(String text) {
            JsonNode paragraphs = json(text).path("paragraphs");
            List<NotebookCell> code = new ArrayList<>();
            for (int i = 0; i < paragraphs.size(); i++) {
                String paragraph = paragraphs.get(i).path("text").asText("").strip();
                String directive = paragraph.startsWith("%")
                        ? paragraph.split("\\s", 2)[0] : "%spark";
                switch (directive) {
                    case "%spark", "%spark.spark" -> code.add(new NotebookCell(i + 1,
                            paragraph.startsWith("%") ? paragraph.substring(directive.length())
                                    : paragraph));
                    // Markdown, and interpreter settings the host applies before Scala runs.
                    case "%md", "%spark.conf" -> { }
                    default -> throw new IllegalArgumentException("Paragraph " + (i + 1)
                            + " uses " + directive + ", which this runner cannot run");
                }
            }
            return code;
        }
    },

    /** A Jupyter notebook (.ipynb) for the Almond Scala kernel. */
    ALMOND("""
            object NotebookSparkSession {
              def builder() = org.apache.spark.sql.SparkSession.builder()
            }
            object Image {
              sealed trait Format
              case object PNG extends Format
              def fromRenderedImage(image: java.awt.image.RenderedImage, format: Format) = {
                io.sparknn.notebooks.NotebookOutputs.image(image)
                image
              }
            }
            """) {
        @Override
        List<NotebookCell> codeCells(String text) {
            JsonNode cells = json(text).path("cells");
            List<NotebookCell> code = new ArrayList<>();
            for (int i = 0; i < cells.size(); i++) {
                JsonNode cell = cells.get(i);
                if (!cell.path("cell_type").asText().equals("code")) {
                    continue;
                }
                JsonNode source = cell.path("source");
                StringBuilder lines = new StringBuilder();
                for (JsonNode line : source.isArray() ? source : List.of(source)) {
                    lines.append(line.asText());
                }
                // Ammonite's dependency loading (import $ivy, interp.repositories): the test's
                // classpath already holds those dependencies.
                String scala = lines.toString().lines()
                        .filter(line -> !line.strip().startsWith("import $ivy.")
                                && !line.strip().startsWith("interp."))
                        .reduce("", (a, b) -> a + b + "\n").strip();
                if (!scala.isEmpty()) {
                    code.add(new NotebookCell(i + 1, scala));
                }
            }
            return code;
        }
    };

    private final String prelude;

    NotebookFormat(String prelude) {
        this.prelude = prelude;
    }

    /** The notebook's Scala code cells, in order. */
    abstract List<NotebookCell> codeCells(String text);

    /** Scala run before the first cell in place of what the notebook's host provides. */
    String prelude() {
        return prelude;
    }

    static NotebookFormat of(String fileName) {
        if (fileName.endsWith(".scala")) {
            return DATABRICKS;
        } else if (fileName.endsWith(".zpln")) {
            return ZEPPELIN;
        } else if (fileName.endsWith(".ipynb")) {
            return ALMOND;
        }
        throw new IllegalArgumentException("Not a notebook: " + fileName);
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
