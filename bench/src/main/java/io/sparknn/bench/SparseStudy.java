package io.sparknn.bench;

import io.sparknn.ml.NeuralNetClassificationModel;
import io.sparknn.ml.NeuralNetClassifier;
import io.sparknn.ml.train.SparseInput;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * {@code bench/run sparse} (a JVM of 4 GiB, the test heap): hashed-text-shaped rows, 262,144
 * features of which 25 are nonzero, two topics, a 32-unit hidden layer, 2 epochs, batch 64, on
 * {@code local[2]}: the fit through dense batches (the path every fit took before sparse
 * batches, rows densified batch by batch; forced with {@link SparseInput#MIN_WIDTH_CONF}) and
 * through sparse batches, side by side, with fit time, training samples/s, the highest heap in
 * use during the fit, held-out accuracy and what each epoch exchanges; then the 64-unit layer
 * (16.8 million first-layer weights). Writes bench/SPARSE.md.
 */
final class SparseStudy {
    static final int WIDTH = 1 << 18;
    static final int NONZEROS = 25;
    private final SparkSession spark;
    private final Path out;

    SparseStudy(SparkSession spark, Path out) {
        this.spark = spark;
        this.out = out;
    }

    private record Result(String path, int rows, int hidden, double fitSeconds,
            double samplesPerSecond, double heapGiB, double accuracy, double resultMiB) {}

    /** @param only empty for the study; {@code rows:hidden} for one sparse fit, printed */
    void run(String only) throws Exception {
        List<Result> results = new ArrayList<>();
        Dataset<Row> test = rows(2_000, 99).cache();
        test.count();
        if (only.equals("threshold")) {
            threshold();
            return;
        }
        if (!only.isEmpty()) {
            String[] f = only.split(":");
            fit("sparse batches", Integer.parseInt(f[0]), Integer.parseInt(f[1]), test);
            return;
        }
        results.add(fit("dense batches", 2_000, 32, test));
        results.add(fit("sparse batches", 2_000, 32, test));
        results.add(fit("dense batches", 10_000, 32, test));
        results.add(fit("sparse batches", 10_000, 32, test));
        results.add(fit("sparse batches", 100_000, 32, test));
        results.add(fit("sparse batches", 100_000, 64, test));
        StringBuilder md = new StringBuilder();
        md.append("# Sparse features\n\n")
                .append("`bench/run sparse` on ").append(Machine.cpuModel()).append(" (")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores), ")
                .append(java.time.LocalDate.now()).append(": rows of 262,144 features with 25"
                        + " nonzero (hashed-text-shaped: two topics, 4 terms a row from its"
                        + " topic's 20,000), one hidden layer, 2"
                        + " epochs, batch 64, Adam 1e-3, `local[2]`, a JVM of ")
                .append(Runtime.getRuntime().maxMemory() >> 20).append(" MiB of heap. Dense"
                        + " batches: the path every fit took before sparse batches (each batch"
                        + " a 64 x 262,144 matrix), forced with `" + SparseInput.MIN_WIDTH_CONF
                        + "`. Heap: the most in use during the fit (sampled every 50 ms)."
                        + " Exchange: one task's result (parameters and Adam state as floats);"
                        + " the driver broadcasts the same values as doubles each epoch.\n\n")
                .append("| batches | rows | hidden | fit s | samples/s | heap GiB | held-out"
                        + " accuracy | task result MiB |\n|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            md.append(String.format(Locale.ROOT, "| %s | %,d | %d | %.1f | %,.0f | %.2f | %.4f"
                    + " | %.0f |%n", r.path, r.rows, r.hidden, r.fitSeconds, r.samplesPerSecond,
                    r.heapGiB, r.accuracy, r.resultMiB));
        }
        Result dense = results.get(2);
        Result sparse = results.get(3);
        md.append(String.format(Locale.ROOT, "%nSparse batches train %.1fx the samples/s of"
                + " dense batches on 10,000 rows. The fit before sparse batches (rows held"
                + " densely from the conversion pass on) is measured in"
                + " [PERFORMANCE-LOG.md](PERFORMANCE-LOG.md).%n", sparse.samplesPerSecond
                        / dense.samplesPerSecond));
        md.append("\n## Where sparse batches pay\n\nOne task's training step, batch 64, a"
                + " 64-unit hidden layer, 10 classes, Adam, by the dense kernel on dense and on"
                + " sparse batches of the same random rows (median of five rounds of 200"
                + " steps); `spark.sparknn.sparse.minWidth` (256) and 3% nonzero are the"
                + " defaults chosen from it.\n\n").append(threshold());
        System.out.print(md);
        Files.writeString(out.resolve("SPARSE.md"), md, StandardCharsets.UTF_8);
    }

    private Result fit(String path, int rows, int hidden, Dataset<Row> test) {
        Dataset<Row> train = rows(rows, 1).cache();
        train.count();
        if (path.startsWith("dense")) {
            spark.conf().set(SparseInput.MIN_WIDTH_CONF, String.valueOf(Integer.MAX_VALUE));
        }
        HeapWatch heap = new HeapWatch();
        try {
            long start = System.nanoTime();
            NeuralNetClassificationModel model = new NeuralNetClassifier().setHiddenLayers(hidden)
                    .setEpochs(2).setBatchSize(64).setSeed(7).setNumWorkers(2).fit(train);
            double seconds = (System.nanoTime() - start) / 1e9;
            double peak = heap.stop();
            spark.conf().unset(SparseInput.MIN_WIDTH_CONF);
            double accuracy = model.transform(test).filter("prediction = label").count()
                    / (double) test.count();
            long values = model.network().numParams() * 3L;
            Result r = new Result(path, rows, hidden, seconds, 2.0 * rows / seconds,
                    peak / (1L << 30), accuracy, values * 4.0 / (1 << 20));
            System.out.println(r + " epochs " + java.util.Arrays.toString(
                    model.summary().epochSeconds()) + " s, in the fit loop "
                    + java.util.Arrays.toString(model.summary().fitLoopSeconds()) + " s");
            return r;
        } finally {
            heap.stop();
            spark.conf().unset(SparseInput.MIN_WIDTH_CONF);
            train.unpersist();
        }
    }

    /**
     * Where sparse batches start to pay: one task's training step (batch 64, a hidden layer of
     * 64, 10 classes, Adam) by the dense kernel on dense batches and on sparse batches, for
     * widths and densities around the defaults of {@link SparseInput}. Printed, in ms per step.
     */
    private static String threshold() {
        StringBuilder table = new StringBuilder("| width | nonzero | dense ms/step | sparse"
                + " ms/step | dense / sparse |\n|---|---|---|---|---|\n");
        for (int width : new int[] {256, 1024, 4096, 16384}) {
            for (double density : new double[] {0.01, 0.05, 0.1, 0.25}) {
                double[] ms = KernelSteps.compare(width, density, 64, 64, 200);
                table.append(String.format(Locale.ROOT, "| %,d | %.0f%% | %.3f | %.3f | %.2f |%n",
                        width, 100 * density, ms[0], ms[1], ms[0] / ms[1]));
            }
        }
        System.out.print(table);
        return table.toString();
    }

    /** {@code n} rows made on the executors, seeded: 25 nonzero features, two topics. */
    private Dataset<Row> rows(int n, long seed) {
        int parts = 2;
        JavaRDD<Row> rdd = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(IntStream.range(0, parts).boxed().toList(), parts)
                .flatMap(p -> generate(n / parts, seed * 31 + p));
        return spark.createDataFrame(rdd, new StructType(new StructField[] {
            new StructField("features", new VectorUDT(), false, Metadata.empty()),
            new StructField("label", DataTypes.DoubleType, false, Metadata.empty())}));
    }

    /**
     * Rows of a topic 0 or 1: 4 of the 25 terms from the topic's own 20,000 terms (of the
     * 262,144 hashes), the others anywhere; values as term frequencies 1-3.
     */
    private static Iterator<Row> generate(int n, long seed) {
        Random random = new Random(seed);
        List<Row> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int label = random.nextInt(2);
            java.util.TreeMap<Integer, Double> terms = new java.util.TreeMap<>();
            while (terms.size() < NONZEROS) {
                int term = terms.size() < 4 ? label * 20_000 + random.nextInt(20_000)
                        : random.nextInt(WIDTH);
                terms.put(term, 1.0 + random.nextInt(3));
            }
            out.add(RowFactory.create(Vectors.sparse(WIDTH,
                    terms.keySet().stream().mapToInt(Integer::intValue).toArray(),
                    terms.values().stream().mapToDouble(Double::doubleValue).toArray()),
                    (double) label));
        }
        return out.iterator();
    }

    /** The most heap in use, sampled every 50 ms until {@link #stop}. */
    private static final class HeapWatch {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private volatile boolean running = true;
        private volatile long peak;
        private final Thread thread;

        HeapWatch() {
            thread = new Thread(() -> {
                while (running) {
                    peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        double stop() {
            running = false;
            return peak;
        }
    }
}
