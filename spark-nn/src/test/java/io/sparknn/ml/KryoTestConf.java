package io.sparknn.ml;

import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * Kryo as Spark's serializer with every class registered (spark.kryo.registrationRequired), for
 * the test run that checks spark-nn on such clusters: spark-nn's classes through its own
 * registrator, and what the tests' parallelized rows, MLlib's evaluators and LogisticRegression
 * send, which a user of this setting registers for their own jobs too.
 */
final class KryoTestConf {
    /** The metrics MLlib's evaluators and Summarizer send between tasks. */
    private static final String SUMMARY_METRICS = Stream.of("ComputeL1", "ComputeM2",
                    "ComputeM2n", "ComputeMax", "ComputeMean", "ComputeMin", "ComputeNNZ",
                    "ComputeWeightSum", "Count", "Max", "Mean", "Min", "NormL1", "NormL2",
                    "NumNonZeros", "Std", "Sum", "Variance")
            .map(m -> "org.apache.spark.ml.stat.SummaryBuilderImpl$" + m + "$")
            .collect(Collectors.joining(","));

    private KryoTestConf() {}

    static void apply(SparkSession.Builder builder) {
        builder.config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .config("spark.kryo.registrationRequired", "true")
                .config("spark.kryo.registrator", SparkNnKryoRegistrator.class.getName())
                .config("spark.kryo.classesToRegister", String.join(",", SUMMARY_METRICS,
                        "org.apache.spark.sql.catalyst.expressions.GenericRow",
                        "org.apache.spark.ml.stat.SummarizerBuffer",
                        "[Ljava.lang.Float;",
                        "[Lorg.apache.spark.mllib.evaluation.binary.BinaryLabelCounter;",
                        "[Ljava.lang.Double;",
                        "org.apache.spark.sql.types.ByteType$",
                        "org.apache.spark.sql.types.ShortType$",
                        "org.apache.spark.mllib.evaluation.binary.BinaryLabelCounter",
                        "org.apache.spark.sql.execution.streaming.sources"
                                + ".MemoryWriterCommitMessage",
                        "org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema",
                        "org.apache.spark.sql.types.StructType",
                        "org.apache.spark.sql.types.StructField",
                        "[Lorg.apache.spark.sql.types.StructField;",
                        "org.apache.spark.sql.types.Metadata",
                        "org.apache.spark.ml.linalg.VectorUDT",
                        "org.apache.spark.sql.types.DoubleType$",
                        "org.apache.spark.sql.types.LongType$",
                        "org.apache.spark.sql.types.IntegerType$",
                        "org.apache.spark.sql.types.FloatType$",
                        "org.apache.spark.sql.types.StringType$",
                        "org.apache.spark.sql.types.BooleanType$",
                        "org.apache.spark.sql.types.ArrayType",
                        "org.apache.spark.ml.linalg.DenseVector",
                        "org.apache.spark.ml.linalg.SparseVector",
                        "[Ljava.lang.Object;",
                        "org.apache.spark.ml.stat.MultiClassSummarizer",
                        "org.apache.spark.ml.optim.aggregator.BinaryLogisticBlockAggregator",
                        "org.apache.spark.broadcast.TorrentBroadcast",
                        "org.apache.spark.storage.BroadcastBlockId"));
    }
}
