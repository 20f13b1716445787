package io.sparknn.ml.predict;

import io.sparknn.ml.data.FeatureReader;
import io.sparknn.ml.kernel.DenseSpec;
import io.sparknn.ml.train.NetworkSnapshot;
import io.sparknn.ml.train.TaskEnvironment;
import io.sparknn.ml.train.TaskNetwork;
import java.io.Serializable;
import org.apache.spark.broadcast.Broadcast;

/**
 * What a scoring task needs, shipped with it: the broadcast network (and whether spark-nn's
 * dense kernel or DL4J runs it), where the features are, how many rows go into one forward pass
 * and which columns the outputs become. Both scorers ({@link BatchScorer} over {@code Row}s,
 * {@link InternalRowScorer} over Spark's internal rows) run one.
 */
public record ScoringPlan(Broadcast<NetworkSnapshot> network, DenseSpec kernel,
        FeatureReader features, int featuresIndex, int numFeatures, int batchSize,
        OutputColumns outputs) implements Serializable {

    /** A network for this task's batches; the caller closes it. */
    TaskNetwork openNetwork() {
        TaskEnvironment.prepare();
        return TaskNetwork.open(kernel, network.value(), batchSize, false);
    }
}
