package io.sparknn.ml.param;

/**
 * Hands a stage's uid to Spark's Scala base classes before the Java subclass has set its field.
 *
 * <p>Spark's traits create their inherited Params ({@code featuresCol}, {@code labelCol}...) inside
 * the super constructor, and each Param asks its parent for {@code uid()} at that moment, before
 * any Java field is assigned. A stage therefore stashes the uid in a thread-local before calling
 * {@code super()}, answers {@code uid()} from the stash while its field is still null, and takes
 * the stash back once the constructor body runs:
 *
 * <pre>{@code
 * public Stage(String uid) { this(StageUid.stash(uid), true); }
 * private Stage(String uid, boolean stashed) { super(); this.uid = StageUid.take(uid); }
 * public String uid() { return uid != null ? uid : StageUid.pending(); }
 * }</pre>
 */
public final class StageUid {
    private static final ThreadLocal<String> PENDING = new ThreadLocal<>();

    private StageUid() {}

    /** Remembers {@code uid} for the constructor about to run on this thread; returns it. */
    public static String stash(String uid) {
        if (uid == null || uid.isEmpty()) {
            throw new IllegalArgumentException("A stage uid must be a non-empty string.");
        }
        PENDING.set(uid);
        return uid;
    }

    /** The uid stashed for the constructor running on this thread. */
    public static String pending() {
        String uid = PENDING.get();
        if (uid == null) {
            throw new IllegalStateException(
                    "uid() was called during construction without StageUid.stash(uid).");
        }
        return uid;
    }

    /** Clears the stash and returns {@code uid}, for the stage's final field. */
    public static String take(String uid) {
        PENDING.remove();
        return uid;
    }
}
