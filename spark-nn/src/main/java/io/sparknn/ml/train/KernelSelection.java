package io.sparknn.ml.train;

import io.sparknn.ml.kernel.DenseSpec;
import io.sparknn.ml.kernel.DenseSupport;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's choice between spark-nn's dense kernel and DL4J's own fit/output for a network:
 * the kernel when it computes the network exactly ({@link DenseSupport}), ND4J runs its CPU
 * backend and {@value #ENABLED_CONF} is not false. Executors follow the choice (and still fall
 * back to DL4J on a non-CPU backend).
 */
public final class KernelSelection {
    private static final Logger LOG = LoggerFactory.getLogger(KernelSelection.class);

    /** Spark conf key: false makes every network train and score with DL4J's own code. */
    public static final String ENABLED_CONF = "spark.sparknn.kernel.enabled";

    private KernelSelection() {}

    /**
     * Whether {@value #ENABLED_CONF} allows the kernel in {@code session} (default true, also
     * without a session: null).
     */
    public static boolean enabled(SparkSession session) {
        return session == null || Boolean.parseBoolean(session.conf().get(ENABLED_CONF, "true"));
    }

    /**
     * The kernel's description of {@code conf} when the kernel may run it in {@code session}
     * (or null, no session), else null; {@code support} is {@code conf}'s check, made once by
     * callers that keep it.
     */
    public static DenseSpec choose(DenseSupport support, SparkSession session) {
        return enabled(session) && Nd4j.getEnvironment().isCPU() ? support.spec() : null;
    }

    /**
     * The kernel's description of {@code conf} for training, or null for DL4J's fit; says which
     * at INFO, with the reason when it is DL4J.
     */
    public static DenseSpec forTraining(MultiLayerConfiguration conf, SparkSession session) {
        DenseSupport support = DenseSupport.check(conf);
        DenseSpec spec = choose(support, session);
        if (spec != null) {
            LOG.info("spark-nn trains with its dense kernel ({} dense layers, {} parameters).",
                    spec.layers().size(), spec.numParams());
        } else if (!enabled(session)) {
            LOG.info("spark-nn trains with DL4J's fit ({}=false).", ENABLED_CONF);
        } else if (!Nd4j.getEnvironment().isCPU()) {
            LOG.info("spark-nn trains with DL4J's fit: the dense kernel runs on ND4J's CPU"
                    + " backend only.");
        } else {
            LOG.info("spark-nn trains with DL4J's fit: its dense kernel does not cover this"
                    + " network ({}).", support.reason());
        }
        return spec;
    }
}
