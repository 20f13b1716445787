package io.sparknn.ml.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** When an executor's OpenMP pool is wider than its tasks' CPUs (worth a warning). */
class NativeThreadsTest {
    @Test
    void openMpWiderThanTheTaskIsDetected() {
        assertTrue(NativeThreads.isOpenMpWider("2", 1, 2));
        assertTrue(NativeThreads.isOpenMpWider(null, 1, 8), "unset: OpenMP takes every core");
        assertTrue(NativeThreads.isOpenMpWider("lots", 1, 8));
        assertFalse(NativeThreads.isOpenMpWider("1", 1, 8));
        assertFalse(NativeThreads.isOpenMpWider(" 4 ", 4, 8));
        assertFalse(NativeThreads.isOpenMpWider(null, 2, 2), "unset on a 2-core, 2-cpu task");
    }

    @Test
    void aTaskThreadNarrowsOpenBlasEvenWhenNd4jAlreadyLooksRight() throws Exception {
        int before = Nd4j.factory().blas().getMaxThreads();
        try {
            // Another thread (the driver, a DL4J run) widened OpenBLAS, process-wide.
            Nd4j.factory().blas().setMaxThreads(2);
            int[] seen = new int[1];
            Thread task = new Thread(() -> {
                NativeThreads.use(1);
                seen[0] = Nd4j.factory().blas().getMaxThreads();
            });
            task.start();
            task.join();
            assertEquals(1, seen[0]);
        } finally {
            Nd4j.factory().blas().setMaxThreads(before);
        }
    }
}
