package io.sparknn.ml.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

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
}
