package io.sparknn.ml.data;

import java.util.function.Supplier;

/**
 * Surfaces data errors found inside Spark tasks as what they are. A row check that fails on an
 * executor reaches the driver wrapped in a SparkException ("Job aborted due to stage failure:
 * ..."); users should see the IllegalArgumentException naming the column instead. Every other
 * failure (a lost executor past its retries, a cancelled job, an out-of-memory task) reaches the
 * caller as Spark threw it, a SparkException, for callers that handle Spark's failures.
 */
public final class TaskErrors {
    private TaskErrors() {}

    /**
     * Runs a Spark action, rethrowing an IllegalArgumentException raised in any task as an
     * IllegalArgumentException with the same message (the Spark failure stays as its cause), and
     * anything else unchanged.
     */
    public static <T> T rethrowDataErrors(Supplier<T> action) {
        try {
            return action.get();
        } catch (Exception e) {
            // Scala code throws the checked SparkException without declaring it.
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof IllegalArgumentException data) {
                    throw t == e ? data : new IllegalArgumentException(data.getMessage(), e);
                }
            }
            throw TaskErrors.<RuntimeException>unchecked(e);
        }
    }

    /** Rethrows {@code e} as it is: Java checks declared exceptions at compile time only. */
    @SuppressWarnings("unchecked")
    private static <E extends Exception> E unchecked(Exception e) throws E {
        throw (E) e;
    }
}
