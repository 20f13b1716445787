package io.sparknn.ml.predict;

import io.sparknn.ml.data.FeatureReader;
import io.sparknn.ml.kernel.DenseSpec;
import io.sparknn.ml.train.NetworkSnapshot;
import io.sparknn.ml.train.TaskEnvironment;
import io.sparknn.ml.train.TaskNetwork;
import io.sparknn.ml.train.SparseInput;
import java.io.Serializable;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.broadcast.Broadcast;

/**
 * What a scoring task needs, shipped with it: the broadcast network (and whether spark-nn's
 * dense kernel or DL4J runs it), where the features are, how many rows go into one forward pass
 * and which columns the outputs become. Both scorers ({@link BatchScorer} over {@code Row}s,
 * {@link InternalRowScorer} over Spark's internal rows) run one.
 */
public record ScoringPlan(Broadcast<NetworkSnapshot> network, DenseSpec kernel,
        FeatureReader features, int featuresIndex, int numFeatures, int batchSize,
        OutputColumns outputs, boolean sparseCapable) implements Serializable {

    /** The most feature values in one forward pass: 64 MiB of floats per scoring task. */
    static final int MAX_PASS_FLOATS = 1 << 24;

    /**
     * Rows per forward pass: {@code inferenceBatchSize}, or fewer for inputs so wide that its
     * batch would pass {@link #MAX_PASS_FLOATS}.
     */
    static int rowsPerPass(int inferenceBatchSize, int numFeatures) {
        return Math.max(1, Math.min(inferenceBatchSize,
                MAX_PASS_FLOATS / Math.max(1, numFeatures)));
    }

    /**
     * Whether a model scores its rows from their nonzero values ({@link ScoredBatches}): the
     * dense kernel runs its network and its input is at least {@link
     * SparseInput#MIN_WIDTH_CONF} wide.
     */
    static boolean sparseCapable(DenseSpec kernel, int numFeatures, SparkSession session) {
        return kernel != null && numFeatures >= SparseInput.minWidth(session);
    }

    /**
     * A network for this task's batches, sparse ({@link io.sparknn.ml.data.SparseBatch}) or
     * dense; the caller closes it.
     */
    TaskNetwork openNetwork(boolean sparse) {
        TaskEnvironment.prepare();
        return TaskNetwork.open(kernel, network.value(), batchSize, false, sparse);
    }
}
