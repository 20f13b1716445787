package io.sparknn.ml.data;

import java.util.function.Supplier;

/**
 * Surfaces data errors found inside Spark tasks as what they are. A row check that fails on an
 * executor reaches the driver wrapped in a SparkException ("Job aborted due to stage failure:
 * ..."); users should see the IllegalArgumentException naming the column instead.
 */
public final class TaskErrors {
    private TaskErrors() {}

    /**
     * Runs a Spark action, rethrowing an IllegalArgumentException raised in any task as an
     * IllegalArgumentException with the same message (the Spark failure stays as its cause).
     */
    public static <T> T rethrowDataErrors(Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            throw unwrap(e);
        } catch (Exception e) {
            // Scala code throws the checked SparkException without declaring it.
            RuntimeException unwrapped = unwrap(e);
            throw unwrapped != null ? unwrapped : new IllegalStateException(e.getMessage(), e);
        }
    }

    private static RuntimeException unwrap(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException data) {
                return t == e ? data : new IllegalArgumentException(data.getMessage(), e);
            }
        }
        return e instanceof RuntimeException r ? r : null;
    }
}
