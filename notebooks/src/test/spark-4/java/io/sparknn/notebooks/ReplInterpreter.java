package io.sparknn.notebooks;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import scala.tools.nsc.Settings;
import scala.tools.nsc.interpreter.IMain;
import scala.tools.nsc.interpreter.Results;
import scala.tools.nsc.interpreter.shell.ReplReporterImpl;

/**
 * Scala 2.13's interpreter (what {@code spark-shell}'s REPL wraps on Spark 4), driven snippet by
 * snippet so that each notebook cell's outcome is known: compiled and ran, or failed. The Spark 4
 * line's driver; the Spark 3.5 line's drives Spark's own REPL.
 *
 * <p>Classes the interpreter compiles go to {@link #classOutputDir()}, the folder Spark serves to
 * executors ({@code spark.repl.class.outputDir}; Spark 4's core loads them in tasks), so
 * closures defined in a cell run in tasks as they do in {@code spark-shell}.
 */
final class ScalaRepl implements AutoCloseable {
    private static File outputDir;

    private final StringWriter output = new StringWriter();
    private final IMain interpreter;

    /** The folder the interpreter compiles to, one per JVM as {@code spark-shell} has. */
    static synchronized File classOutputDir() {
        if (outputDir == null) {
            try {
                outputDir = Files.createTempDirectory("sparknn-repl-classes").toFile();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return outputDir;
    }

    ScalaRepl(String classPath, String outputDir) {
        Settings settings = new Settings();
        // Class-based wrappers are what spark-shell uses: they keep cell values serializable.
        settings.processArgumentString("-Yrepl-class-based -Yrepl-outdir " + outputDir
                + " -classpath " + classPath);
        interpreter = new IMain(settings,
                new ReplReporterImpl(settings, new PrintWriter(output, true)));
        if (!interpreter.initializeCompiler()) {
            throw new IllegalStateException("Scala's interpreter did not start:\n" + output);
        }
    }

    /** The outcome of one snippet and what the REPL printed while compiling it. */
    record Outcome(boolean succeeded, String replOutput) {}

    /** Compiles and runs {@code code} (any number of statements). */
    Outcome run(String code) {
        int start = output.getBuffer().length();
        Results.Result result = interpreter.interpret(code);
        String printed = output.getBuffer().substring(start);
        return new Outcome(result == Results.Success$.MODULE$, printed);
    }

    @Override
    public void close() {
        interpreter.close();
    }
}
