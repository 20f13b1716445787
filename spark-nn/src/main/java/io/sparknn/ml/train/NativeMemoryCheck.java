package io.sparknn.ml.train;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.MemoryUseMode;
import org.nd4j.linalg.api.buffer.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks, before the first epoch, that ND4J's off-heap memory fits the executors. Spark does not
 * count it in the heap, so a network too big for {@code spark.executor.memoryOverhead} gets
 * executors killed by YARN or Kubernetes mid-training, or JavaCPP refuses allocations. The need
 * per task is DL4J's own memory report for training at {@code batchSize} (parameters, updater
 * state, gradients, activations, workspaces) plus the batch buffers, times the tasks an executor
 * runs at once (its task slots, or the fit's partitions when there are fewer). Memory settings
 * are read as Spark reads them (a unitless {@code spark.executor.memory} or {@code
 * memoryOverhead} is MiB). Disable with {@code spark.sparknn.memoryCheck.enabled=false}.
 */
public final class NativeMemoryCheck {
    private static final Logger LOG = LoggerFactory.getLogger(NativeMemoryCheck.class);
    private static final long MIB = 1 << 20;

    /** Spark conf key that turns the check off. */
    public static final String ENABLED_CONF = "spark.sparknn.memoryCheck.enabled";

    private NativeMemoryCheck() {}

    /** Off-heap bytes one training task needs. */
    public static long bytesPerTask(MultiLayerConfiguration conf, int numFeatures,
            int batchSize) {
        long network;
        try {
            network = conf.getMemoryReport(InputType.feedForward(numFeatures))
                    .getTotalMemoryBytes(batchSize, MemoryUseMode.TRAINING, CacheMode.NONE,
                            conf.getDataType());
        } catch (RuntimeException e) {
            // Configurations whose first layer is not feed-forward: parameters, updater state
            // and gradients as a lower bound.
            long params = 0;
            for (int i = 0; i < conf.getConfs().size(); i++) {
                params += conf.getConf(i).getLayer().initializer()
                        .numParams(conf.getConf(i));
            }
            network = params * 4L * DataType.FLOAT.width();
        }
        long batch = 2L * batchSize * (numFeatures + 1) * DataType.FLOAT.width();
        return network + batch;
    }

    /**
     * Fails when the tasks an executor runs at once do not fit its off-heap limits.
     *
     * @param partitions the fit's training partitions: no executor runs more tasks at once
     * @throws IllegalArgumentException giving the numbers and the setting to raise
     */
    public static void check(MultiLayerConfiguration conf, int numFeatures, int batchSize,
            int partitions, SparkConf spark) {
        if (!spark.getBoolean(ENABLED_CONF, true)) {
            return;
        }
        long perTask = bytesPerTask(conf, numFeatures, batchSize);
        String master = spark.get("spark.master", "local");
        // local[N] runs tasks in this JVM; local-cluster, like real clusters, in executors.
        boolean local = master.equals("local") || master.startsWith("local[");
        int slots = local ? localTasks(master)
                : Math.max(1, spark.getInt("spark.executor.cores", 1)
                        / Math.max(1, spark.getInt("spark.task.cpus", 1)));
        int tasks = Math.max(1, Math.min(slots, partitions));
        long need = perTask * tasks;
        LOG.info("Native memory estimate: {} MiB per task x {} concurrent tasks = {} MiB per"
                + " executor.", perTask / MIB, tasks, need / MIB);
        if (!local) {
            long executorMemory = executorMemoryBytes(spark);
            long overhead = spark.contains("spark.executor.memoryOverhead")
                    ? spark.getSizeAsMb("spark.executor.memoryOverhead") * MIB
                    : Math.max(spark.getSizeAsMb("spark.executor.minMemoryOverhead", "384m")
                            * MIB, (long) (executorMemory
                            * spark.getDouble("spark.executor.memoryOverheadFactor", 0.1)));
            if (need > overhead) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "spark-nn needs about %d MiB of native (off-heap) memory per executor"
                        + " (%d MiB per task for parameters, optimizer state, gradients and"
                        + " activations at batchSize %d, x %d concurrent tasks), but"
                        + " spark.executor.memoryOverhead is %d MiB. Raise"
                        + " spark.executor.memoryOverhead to at least %d MiB (or use a smaller"
                        + " network or batchSize).", need / MIB, perTask / MIB, batchSize,
                        tasks, overhead / MIB, need / MIB + 1));
            }
        }
        long javacpp = local ? Pointer.maxBytes() : javacppLimit(spark);
        if (javacpp > 0 && need > javacpp) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "spark-nn needs about %d MiB of native memory per %s (%d MiB per task x %d"
                    + " tasks), but JavaCPP's org.bytedeco.javacpp.maxbytes allows %d MiB. Raise"
                    + " -Dorg.bytedeco.javacpp.maxbytes (%s) to at least %d MiB.",
                    need / MIB, local ? "JVM" : "executor", perTask / MIB, tasks,
                    javacpp / MIB, local ? "driver JVM option" : "spark.executor.extraJavaOptions",
                    need / MIB + 1));
        }
    }

    /** JavaCPP's maxbytes on executors: the option if set, else its default, the heap size. */
    private static long javacppLimit(SparkConf spark) {
        Matcher m = Pattern.compile("-Dorg\\.bytedeco\\.javacpp\\.maxbytes=(\\S+)")
                .matcher(spark.get("spark.executor.extraJavaOptions", ""));
        return m.find() ? Pointer.parseBytes(m.group(1), executorMemoryBytes(spark))
                : executorMemoryBytes(spark);
    }

    /** {@code spark.executor.memory} as Spark reads it: MiB when it has no unit. */
    private static long executorMemoryBytes(SparkConf spark) {
        return spark.getSizeAsMb("spark.executor.memory", "1g") * MIB;
    }

    private static int localTasks(String master) {
        Matcher m = Pattern.compile("local\\[(\\d+|\\*)").matcher(master);
        if (!m.find()) {
            return 1;
        }
        return m.group(1).equals("*") ? Runtime.getRuntime().availableProcessors()
                : Integer.parseInt(m.group(1));
    }
}
