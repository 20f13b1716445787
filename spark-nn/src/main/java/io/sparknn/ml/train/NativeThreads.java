package io.sparknn.ml.train;

import org.apache.spark.TaskContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gives ND4J as many native threads as the running Spark task has CPUs. ND4J's thread settings
 * are per JVM, and an executor runs (cores / task.cpus) tasks at once, so each task asking for
 * its own cpus keeps the executor at its core count instead of cores x tasks (ND4J with two
 * OpenMP threads per task collapses ~10x when another task wants the core).
 */
public final class NativeThreads {
    private NativeThreads() {}

    /** Call at the start of every task that runs ND4J operations. */
    public static void configureForTask() {
        TaskContext task = TaskContext.get();
        int threads = task == null ? Runtime.getRuntime().availableProcessors() : task.cpus();
        threads = Math.max(1, threads);
        if (Nd4j.getEnvironment().maxThreads() != threads) {
            Nd4j.getEnvironment().setMaxThreads(threads);
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
            Nd4j.factory().blas().setMaxThreads(threads);
        }
    }
}
