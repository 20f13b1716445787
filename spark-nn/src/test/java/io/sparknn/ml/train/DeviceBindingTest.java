package io.sparknn.ml.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.ml.SparkTestSession;
import java.util.List;
import org.apache.spark.TaskContext;
import org.junit.jupiter.api.Test;

/**
 * Backend checks and the no-GPU path of device binding (the GPU path runs under Spark's real
 * GPU scheduling in the integration tests' GpuSchedulingTest).
 */
class DeviceBindingTest {

    /** A backend that claims to be CUDA with a given number of devices. */
    private static DeviceBackend cuda(int devices) {
        return new DeviceBackend() {
            @Override
            public String name() {
                return "CUDA";
            }

            @Override
            public boolean usesGpus() {
                return true;
            }

            @Override
            public int deviceCount() {
                return devices;
            }

            @Override
            public void bindCurrentThread(int device) {}

            @Override
            public int currentDevice() {
                return 0;
            }
        };
    }

    @Test
    void theCpuBackendIsUsable() {
        DeviceBackend backend = BackendCheck.requireUsable(Nd4jDevices::new);
        assertEquals("CPU", backend.name());
        assertEquals(false, backend.usesGpus());
    }

    @Test
    void aBackendThatCannotLoadFailsWithWhatToDo() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> BackendCheck.requireUsable(() -> {
                    throw new UnsatisfiedLinkError("no jnicudart in java.library.path");
                }));
        assertTrue(e.getMessage().contains("CUDA 11.6") && e.getMessage().contains("jnicudart"),
                e.getMessage());
        IllegalStateException none = assertThrows(IllegalStateException.class,
                () -> BackendCheck.requireUsable(() -> cuda(0)));
        assertTrue(none.getMessage().contains("no GPU"), none.getMessage());
        assertEquals(2, BackendCheck.requireUsable(() -> cuda(2)).deviceCount());
    }

    @Test
    void withoutATaskOrAGpuNothingIsBound() {
        TaskDevice.Binding outside = TaskDevice.bind(null, cuda(1));
        assertNull(outside.gpuAddress());
        assertEquals(-1, outside.requestedDevice());
        List<String> inTasks = SparkTestSession.jsc().parallelize(List.of(1, 2), 2)
                .map(i -> String.valueOf(TaskDevice.bind(TaskContext.get(), new Nd4jDevices())
                        .gpuAddress()))
                .collect();
        assertEquals(List.of("null", "null"), inTasks, "local[2] tasks have no GPU");
    }
}
