package io.sparknn.ml.predict;

import io.sparknn.ml.train.NetworkSnapshot;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * A model's network as its {@code transform} ships it to executors: broadcast once per
 * SparkContext and reused by every later transform, without the optimizer state (scoring never
 * reads it, and Adam's is twice the size of the parameters). Spark's ContextCleaner removes the
 * broadcast once the model holding this is garbage.
 */
public final class ScoringBroadcast {
    private final NetworkSnapshot network;
    private SparkContext context;
    private Broadcast<NetworkSnapshot> broadcast;

    public ScoringBroadcast(NetworkSnapshot network) {
        this.network = network.withoutUpdaterState();
    }

    /** The broadcast network in {@code context}, made on first use there. */
    public synchronized Broadcast<NetworkSnapshot> in(SparkContext context) {
        if (broadcast == null || this.context != context || context.isStopped()) {
            broadcast = JavaSparkContext.fromSparkContext(context).broadcast(network);
            this.context = context;
        }
        return broadcast;
    }
}
