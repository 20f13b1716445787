package io.sparknn.ml.train;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.TaskContext;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives ND4J as many native threads as the running Spark task has CPUs. ND4J's thread settings
 * are per JVM, and an executor runs (cores / task.cpus) tasks at once, so each task asking for
 * its own cpus keeps the executor at its core count instead of cores x tasks (ND4J with two
 * OpenMP threads per task collapses ~10x when another task wants the core).
 *
 * <p>The process's {@code OMP_NUM_THREADS} still matters after that: with it at 2, two
 * concurrent 1-thread tasks made 15% fewer steps per second on a 784-256-10 MLP than at 1. It
 * can only be set when the executor starts, so the first task that finds it above its CPUs says
 * how to set it.
 */
public final class NativeThreads {
    private static final Logger LOG = LoggerFactory.getLogger(NativeThreads.class);
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private NativeThreads() {}

    /** Call at the start of every task that runs ND4J operations. */
    public static void configureForTask() {
        TaskContext task = TaskContext.get();
        int threads = task == null ? Runtime.getRuntime().availableProcessors() : task.cpus();
        threads = Math.max(1, threads);
        warnIfOpenMpWider(System.getenv("OMP_NUM_THREADS"), threads);
        use(threads);
    }

    /**
     * Sets ND4J's and OpenBLAS's thread counts. Each is checked on its own: OpenBLAS's count is
     * one per process, but ND4J's reads back per thread, so a task thread can see ND4J at its
     * CPUs while OpenBLAS still runs as wide as another thread last set it (the benchmark's
     * raw 2-thread DL4J runs left it at 2 for later spark-nn tasks, which then trained on
     * 2 x 2 threads and computed slightly different sums).
     */
    static void use(int threads) {
        if (Nd4j.getEnvironment().maxThreads() != threads
                || Nd4j.getEnvironment().maxMasterThreads() != threads) {
            Nd4j.getEnvironment().setMaxThreads(threads);
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
        }
        if (Nd4j.factory().blas().getMaxThreads() != threads) {
            Nd4j.factory().blas().setMaxThreads(threads);
        }
    }

    private static void warnIfOpenMpWider(String ompNumThreads, int taskCpus) {
        if (isOpenMpWider(ompNumThreads, taskCpus, Runtime.getRuntime().availableProcessors())
                && WARNED.compareAndSet(false, true)) {
            LOG.warn("OMP_NUM_THREADS is {} in this JVM but spark-nn runs {} ND4J thread(s) per"
                    + " task; set spark.executorEnv.OMP_NUM_THREADS={} (and OMP_NUM_THREADS for a"
                    + " local-mode driver): a wider OpenMP pool cost ~15% of training speed here.",
                    ompNumThreads == null ? "unset" : ompNumThreads, taskCpus, taskCpus);
        }
    }

    /**
     * Whether OpenMP's pool is wider than a task's CPUs: {@code OMP_NUM_THREADS} above them, or
     * unset (OpenMP then uses every core) on a machine with more cores than that.
     */
    static boolean isOpenMpWider(String ompNumThreads, int taskCpus, int cores) {
        if (ompNumThreads == null || ompNumThreads.isBlank()) {
            return cores > taskCpus;
        }
        try {
            return Integer.parseInt(ompNumThreads.strip()) > taskCpus;
        } catch (NumberFormatException e) {
            return cores > taskCpus;
        }
    }
}
