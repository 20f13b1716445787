package io.sparknn.ml.train;

import org.nd4j.linalg.factory.Nd4j;

/** ND4J's own device API: the affinity manager of whichever backend is loaded. */
public final class Nd4jDevices implements DeviceBackend {
    @Override
    public String name() {
        return usesGpus() ? "CUDA" : "CPU";
    }

    @Override
    public boolean usesGpus() {
        return !Nd4j.getEnvironment().isCPU();
    }

    @Override
    public int deviceCount() {
        return Nd4j.getAffinityManager().getNumberOfDevices();
    }

    @Override
    public void bindCurrentThread(int device) {
        Nd4j.getAffinityManager().unsafeSetDevice(device);
    }

    @Override
    public int currentDevice() {
        return Nd4j.getAffinityManager().getDeviceForCurrentThread();
    }
}
