package io.sparknn.ml.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.ml.SparkTestSession;
import org.junit.jupiter.api.Test;

/** The Spark version check, on whichever line this build is. */
class SparkVersionCheckTest {

    @Test
    void theRunningSparkIsOneThisBuildRunsOn() {
        // The build says which Spark the tests run on: the line's own or a later one.
        String expected = System.getProperty("sparknn.test.sparkVersion");
        if (expected != null) {
            assertEquals(expected, SparkTestSession.get().version());
        }
        assertNull(SparkVersionCheck.problem(SparkTestSession.get().version()));
        assertNull(SparkVersionCheck.problem(SparkLine.BUILT_AGAINST));
    }

    @Test
    void otherSparksAreRefusedNamingTheVersionsThisBuildRunsOn() {
        // Refused by both lines: other minors and majors, 4.0.0 (SPARK-52259) and the Spark 4
        // minors not tested yet.
        for (String other : new String[] {"3.4.4", "4.0.0", "4.4.0", "5.0.0", "2.4.8",
                "unknown"}) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> SparkVersionCheck.require(other));
            assertTrue(e.getMessage().contains(SparkLine.RUNS_ON), e.getMessage());
            assertTrue(e.getMessage().contains("this application runs Spark " + other),
                    e.getMessage());
            assertTrue(e.getMessage().contains(SparkLine.ARTIFACT + ", built against Spark "
                    + SparkLine.BUILT_AGAINST), e.getMessage());
        }
    }
}
