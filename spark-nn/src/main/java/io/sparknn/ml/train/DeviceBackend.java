package io.sparknn.ml.train;

/**
 * The ND4J backend's device API, as a seam: {@link Nd4jDevices} is the real one; on the CPU
 * backend it answers binding requests without a GPU, so the binding logic runs and is tested
 * on machines without one.
 */
public interface DeviceBackend {
    /** A name for logs: "CUDA" or "CPU". */
    String name();

    /** Whether arrays live on GPUs (ND4J's CUDA backend). */
    boolean usesGpus();

    /** Devices the backend sees (1 on the CPU backend). */
    int deviceCount();

    /** Makes {@code device} the current thread's device for all arrays created after. */
    void bindCurrentThread(int device);

    /** The current thread's device, as the backend reports it. */
    int currentDevice();
}
