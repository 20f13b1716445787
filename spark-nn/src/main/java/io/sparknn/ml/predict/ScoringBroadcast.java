package io.sparknn.ml.predict;

import io.sparknn.ml.kernel.DenseSpec;
import io.sparknn.ml.kernel.DenseSupport;
import io.sparknn.ml.train.KernelSelection;
import io.sparknn.ml.train.NetworkSnapshot;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * A model's network as its {@code transform} ships it to executors: broadcast once per
 * SparkContext and reused by every later transform, without the optimizer state (scoring never
 * reads it, and Adam's is twice the size of the parameters). Spark's ContextCleaner removes the
 * broadcast once the model holding this is garbage. Also decides, once per model, whether the
 * dense kernel scores it.
 */
public final class ScoringBroadcast {
    private final NetworkSnapshot network;
    private SparkContext context;
    private Broadcast<NetworkSnapshot> broadcast;
    private DenseSupport support;

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

    /**
     * The dense kernel's description of the network when it scores it in {@code session}, else
     * null (DL4J's output).
     */
    public synchronized DenseSpec kernel(SparkSession session) {
        if (support == null) {
            support = network.denseSupport();
        }
        return KernelSelection.choose(support, session);
    }
}
