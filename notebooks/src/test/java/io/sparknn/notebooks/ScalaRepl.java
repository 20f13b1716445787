package io.sparknn.notebooks;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import scala.tools.nsc.Settings;
import scala.tools.nsc.interpreter.IMain;
import scala.tools.nsc.interpreter.Results;

/**
 * A Scala interpreter driven snippet by snippet so that each notebook cell's outcome is known:
 * compiled and ran, or failed. Which interpreter differs per Spark line ({@link
 * ReplInterpreter}: Spark's REPL on Scala 2.12, Scala 2.13's own on Spark 4).
 *
 * <p>Classes the REPL compiles go to {@link #classOutputDir()}, the folder Spark serves to
 * executors ({@code spark.repl.class.outputDir}), so closures defined in a cell run in tasks as
 * they do in {@code spark-shell}.
 */
final class ScalaRepl implements AutoCloseable {
    private final StringWriter output = new StringWriter();
    private final IMain interpreter;

    /** The folder the REPL compiles to, one per JVM as {@code spark-shell} has. */
    static File classOutputDir() {
        return ReplInterpreter.classOutputDir();
    }

    ScalaRepl(String classPath, String outputDir) {
        Settings settings = new Settings();
        // Class-based wrappers are what spark-shell uses: they keep cell values serializable.
        settings.processArgumentString("-Yrepl-class-based -Yrepl-outdir " + outputDir
                + " -classpath " + classPath);
        try {
            interpreter = ReplInterpreter.start(settings, new PrintWriter(output, true));
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + ":\n" + output, e);
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
