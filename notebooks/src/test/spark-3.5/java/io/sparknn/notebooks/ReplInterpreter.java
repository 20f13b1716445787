package io.sparknn.notebooks;

import java.io.BufferedReader;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import org.apache.spark.repl.Main;
import org.apache.spark.repl.SparkILoop;
import scala.tools.nsc.Settings;
import scala.tools.nsc.interpreter.IMain;
import scala.tools.nsc.interpreter.Results;

/**
 * Spark's Scala REPL (the interpreter of {@code spark-shell}'s SparkILoop), driven snippet by
 * snippet so that each notebook cell's outcome is known: compiled and ran, or failed. The Spark
 * 3.5 line's driver (Scala 2.12); the Spark 4 line's drives Scala 2.13's interpreter.
 *
 * <p>Classes the REPL compiles go to {@code outputDir}, the folder Spark serves to executors
 * ({@code spark.repl.class.outputDir}), so closures defined in a cell run in tasks as they do in
 * {@code spark-shell}.
 */
final class ScalaRepl implements AutoCloseable {
    private final StringWriter output = new StringWriter();
    private final IMain interpreter;

    /** The folder the REPL compiles to: {@code spark-shell}'s, from Spark's REPL. */
    static File classOutputDir() {
        return Main.outputDir();
    }

    ScalaRepl(String classPath, String outputDir) {
        Settings settings = new Settings();
        // Class-based wrappers are what spark-shell uses: they keep cell values serializable.
        settings.processArgumentString("-Yrepl-class-based -Yrepl-outdir " + outputDir
                + " -classpath " + classPath);
        SparkILoop loop = new SparkILoop(new BufferedReader(new StringReader("")),
                new PrintWriter(output, true));
        loop.settings_$eq(settings);
        loop.createInterpreter();
        interpreter = loop.intp();
        interpreter.initializeSynchronous();
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
