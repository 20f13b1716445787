package io.sparknn.notebooks;

import java.io.BufferedReader;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringReader;
import org.apache.spark.repl.Main;
import org.apache.spark.repl.SparkILoop;
import scala.tools.nsc.Settings;
import scala.tools.nsc.interpreter.IMain;

/**
 * The Spark 3.5 line's interpreter for {@link ScalaRepl}: Spark's REPL (the interpreter of
 * {@code spark-shell}'s SparkILoop, Scala 2.12).
 */
final class ReplInterpreter {
    private ReplInterpreter() {}

    /** The folder the REPL compiles to: {@code spark-shell}'s, from Spark's REPL. */
    static File classOutputDir() {
        return Main.outputDir();
    }

    /** A started interpreter with {@code settings}, printing to {@code output}. */
    static IMain start(Settings settings, PrintWriter output) {
        SparkILoop loop = new SparkILoop(new BufferedReader(new StringReader("")), output);
        loop.settings_$eq(settings);
        loop.createInterpreter();
        IMain interpreter = loop.intp();
        interpreter.initializeSynchronous();
        return interpreter;
    }
}
