package io.sparknn.ml.train;

/**
 * What every task that runs ND4J does first, before creating any array: check the backend,
 * size ND4J's thread pool to the task's CPUs, and bind the task's GPU if Spark assigned one.
 */
public final class TaskEnvironment {
    private TaskEnvironment() {}

    public static void prepare() {
        BackendCheck.requireUsableBackend();
        NativeThreads.configureForTask();
        TaskDevice.bindCurrentTask();
    }
}
