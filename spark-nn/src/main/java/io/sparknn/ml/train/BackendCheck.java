package io.sparknn.ml.train;

import java.util.function.Supplier;

/**
 * Fails fast, with what to do, when ND4J's backend cannot run here: typically the CUDA backend
 * (built with {@code -Pcuda}) on a machine without a usable GPU or CUDA 11.6 runtime, which
 * otherwise surfaces as a loader error deep in the first operation.
 */
public final class BackendCheck {
    private static volatile boolean checked;

    private BackendCheck() {}

    /** Checks ND4J's loaded backend once per JVM. */
    public static void requireUsableBackend() {
        if (!checked) {
            requireUsable(Nd4jDevices::new);
            checked = true;
        }
    }

    /**
     * Loads the backend through {@code devices} and checks it has a device.
     *
     * @throws IllegalStateException naming the backend, the cause and the fix
     */
    public static DeviceBackend requireUsable(Supplier<DeviceBackend> devices) {
        DeviceBackend backend;
        int count;
        try {
            backend = devices.get();
            count = backend.deviceCount();
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("ND4J could not load its backend: " + e
                    + ". With the CUDA build (-Pcuda) every node needs an NVIDIA GPU with the"
                    + " CUDA 11.6 runtime and cuDNN 8.3; elsewhere use the default CPU build.", e);
        }
        if (backend.usesGpus() && count < 1) {
            throw new IllegalStateException("ND4J's CUDA backend is loaded but sees no GPU; use"
                    + " the default CPU build on machines without one.");
        }
        return backend;
    }
}
