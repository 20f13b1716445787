package io.sparknn.ml.train;

import java.io.Serializable;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds a task's ND4J work to the GPU Spark's resource scheduling assigned to it
 * ({@code TaskContext.resources()("gpu")}), instead of guessing (every task on GPU 0 is the
 * classic failure). Called once per task before any array is created; a task without a GPU
 * runs on the CPU backend. With {@code spark.task.resource.gpu.amount} below 1, Spark gives
 * several tasks the same address and they share that GPU.
 */
public final class TaskDevice {
    private static final Logger LOG = LoggerFactory.getLogger(TaskDevice.class);

    private TaskDevice() {}

    /**
     * What a task was assigned and asked for.
     *
     * @param gpuAddress the address Spark assigned, or null
     * @param requestedDevice the device the backend was asked to bind, or -1
     * @param backendDevice the device the backend reports for the thread afterwards
     * @param backend the backend's name
     */
    public record Binding(String gpuAddress, int requestedDevice, int backendDevice,
            String backend) implements Serializable {}

    /** Binds the running task (if any) through ND4J's backend. */
    public static Binding bindCurrentTask() {
        return bind(TaskContext.get(), new Nd4jDevices());
    }

    /**
     * Binds the thread of {@code task} to its assigned GPU through {@code backend}.
     *
     * @throws IllegalStateException when the address is not a device the backend has
     */
    public static Binding bind(TaskContext task, DeviceBackend backend) {
        String address = gpuAddress(task);
        if (address == null) {
            if (task != null) {
                // DEBUG: a CPU-only cluster would log this for every task of every epoch.
                LOG.debug("spark-nn task {} (stage {}) has no GPU; {} backend.",
                        task.partitionId(), task.stageId(), backend.name());
            }
            return new Binding(null, -1, backend.currentDevice(), backend.name());
        }
        int device;
        try {
            device = Integer.parseInt(address.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Spark assigned GPU address '" + address
                    + "', which is not a CUDA device index; the discovery script must report"
                    + " indices such as \"0\".");
        }
        if (backend.usesGpus() && (device < 0 || device >= backend.deviceCount())) {
            throw new IllegalStateException("Spark assigned GPU " + device + ", but ND4J sees "
                    + backend.deviceCount() + " device(s); check the discovery script and"
                    + " CUDA_VISIBLE_DEVICES.");
        }
        backend.bindCurrentThread(device);
        int bound = backend.currentDevice();
        LOG.info("spark-nn task {} (stage {}) uses GPU {} ({} backend device {}).",
                task.partitionId(), task.stageId(), address, backend.name(), bound);
        return new Binding(address, device, bound, backend.name());
    }

    private static String gpuAddress(TaskContext task) {
        if (task == null) {
            return null;
        }
        Map<String, ResourceInformation> resources = task.resourcesJMap();
        ResourceInformation gpu = resources.get("gpu");
        if (gpu == null || gpu.addresses().length == 0) {
            return null;
        }
        return gpu.addresses()[0];
    }
}
