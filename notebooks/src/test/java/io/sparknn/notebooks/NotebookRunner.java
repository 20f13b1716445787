package io.sparknn.notebooks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a notebook's code cells in order through Spark's Scala REPL, on the test JVM's one
 * SparkSession, and fails on the first cell that does not compile or throws.
 */
final class NotebookRunner {
    private static SparkSession session;

    private NotebookRunner() {}

    /** The notebooks folder (the module's base directory). */
    static Path notebooks() {
        return Path.of(System.getProperty("sparknn.notebooks.dir", "notebooks"));
    }

    /** The JVM's session; its executors load REPL-compiled classes from the REPL's folder. */
    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder().master("local[2]").appName("notebooks")
                    .config("spark.ui.enabled", "false")
                    .config("spark.repl.class.outputDir",
                            ScalaRepl.classOutputDir().getAbsolutePath())
                    .getOrCreate();
        }
        return session;
    }

    /**
     * Runs {@code text} (a notebook in {@code format}) and returns the REPL, still open, so the
     * test can hand values back through {@link NotebookOutputs}.
     *
     * @throws AssertionError naming the cell, its code and the REPL's message on any failure
     */
    static ScalaRepl run(String name, String text, NotebookFormat format) {
        List<NotebookCell> cells = format.codeCells(text);
        if (cells.isEmpty()) {
            throw new AssertionError(name + " has no code cells");
        }
        session();
        String classPath = System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path"));
        ScalaRepl repl = new ScalaRepl(classPath, ScalaRepl.classOutputDir().getAbsolutePath());
        ScalaRepl.Outcome prelude = repl.run(format.prelude());
        if (!prelude.succeeded()) {
            repl.close();
            throw new AssertionError("The " + format + " prelude failed:\n"
                    + prelude.replOutput());
        }
        for (NotebookCell cell : cells) {
            System.out.println("--- " + name + ", cell " + cell.number());
            ScalaRepl.Outcome outcome = repl.run(cell.code());
            if (!outcome.succeeded()) {
                repl.close();
                throw new AssertionError(name + ": cell " + cell.number() + " failed:\n"
                        + cell.code() + "\n--- REPL:\n" + outcome.replOutput());
            }
        }
        return repl;
    }

    static String read(String fileName) throws IOException {
        return Files.readString(notebooks().resolve(fileName));
    }
}
