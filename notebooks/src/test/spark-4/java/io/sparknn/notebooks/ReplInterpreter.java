package io.sparknn.notebooks;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import scala.tools.nsc.Settings;
import scala.tools.nsc.interpreter.IMain;
import scala.tools.nsc.interpreter.shell.ReplReporterImpl;

/**
 * The Spark 4 line's interpreter for {@link ScalaRepl}: Scala 2.13's own (what {@code
 * spark-shell}'s REPL wraps on Spark 4; the registry serves no {@code spark-repl_2.13}). Spark
 * 4's core serves the classes it compiles to executors itself.
 */
final class ReplInterpreter {
    private static File outputDir;

    private ReplInterpreter() {}

    /** A temporary folder for the compiled classes, one per JVM. */
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

    /** A started interpreter with {@code settings}, printing to {@code output}. */
    static IMain start(Settings settings, PrintWriter output) {
        IMain interpreter = new IMain(settings, new ReplReporterImpl(settings, output));
        if (!interpreter.initializeCompiler()) {
            throw new IllegalStateException("Scala's interpreter did not start");
        }
        return interpreter;
    }
}
