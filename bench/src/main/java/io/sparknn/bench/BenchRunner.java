package io.sparknn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparknn.examples.FashionMnistData;
import io.sparknn.ml.NeuralNetClassificationModel;
import io.sparknn.ml.NeuralNetClassifier;
import io.sparknn.ml.NeuralNetRegressionModel;
import io.sparknn.ml.NeuralNetRegressor;
import io.sparknn.ml.predict.ModelScoring;
import io.sparknn.ml.train.NetworkFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The benchmark: W1-W4 on spark-nn (local[2], 2 partitions), raw single-JVM DL4J, Spark MLlib
 * and PyTorch (when Debian's python3-torch is installed), side by side in one JVM run; writes
 * bench/RESULTS.md, bench/results.png and bench/results.json (on the Spark 4 line, built by
 * {@code bench/run --spark-4 [mode]}, the same files in bench/spark-4/: {@link BenchLine}).
 *
 * <pre>
 * bench/run          # full run
 * bench/run quick    # small sizes, a smoke test of the runner
 * bench/run probe    # spark-nn's W3 fit and W4 transform alone, printed (for before/after)
 * bench/run init     # held-out results of each initialization (InitializationStudy)
 * bench/run scaling  # W3 with 1-32 workers and averaging rounds (ScalingStudy: SCALING.md)
 * bench/run sparse   # 262,144-wide sparse rows, dense vs sparse batches (SparseStudy: SPARSE.md)
 * bench/run inference  # transform by inference batch size against raw DL4J's output
 * </pre>
 */
public final class BenchRunner {
    private static final Path DATA = Path.of("bench", "target", "data");
    private static final int W3_BATCH = 64;

    /**
     * W3's network as spark-nn fits it: 784-256-128-10, Adam 1e-3, batch 64, 2 partitions, on the
     * raw pixels as raw DL4J trains (the default standardization has its own row).
     */
    private static NeuralNetClassifier w3Estimator(long seed) {
        return new NeuralNetClassifier().setHiddenLayers(256, 128).setOptimizer("adam")
                .setLearningRate(1e-3).setBatchSize(W3_BATCH).setNumWorkers(2).setSeed(seed)
                .setStandardization(false);
    }

    private final boolean quick;
    private final SparkSession spark;
    private final String torch;
    private final BenchReport report;

    private BenchRunner(boolean quick, SparkSession spark, String torch, BenchLine line) {
        this.quick = quick;
        this.spark = spark;
        this.torch = torch;
        this.report = new BenchReport(quick, torch, line);
    }

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("quick");
        boolean inferenceOnly = args.length > 0 && args[0].equals("inference");
        boolean probe = args.length > 0 && args[0].equals("probe");
        boolean init = args.length > 0 && args[0].equals("init");
        boolean scaling = args.length > 0 && args[0].equals("scaling");
        boolean sparse = args.length > 0 && args[0].equals("sparse");
        String torch = PyTorchRunner.available();
        if (torch == null) {
            System.out.println("PyTorch skipped: Debian's python3-torch is not installed ("
                    + PyTorchRunner.INSTALL + ").");
        }
        SparkSession spark = SparkSession.builder().master("local[2]").appName("spark-nn bench")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.memory", "8g")
                // README "Executor settings that matter for speed": task results up to 64 MiB
                // go back with the task's status instead of through the block manager.
                .config("spark.task.maxDirectResultSize", String.valueOf(64L << 20))
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            BenchLine line = BenchLine.of(spark);
            Path out = line.out();
            Files.createDirectories(out);
            BenchRunner runner = new BenchRunner(quick, spark, torch, line);
            if (inferenceOnly) {
                runner.inferenceOnly();
                return;
            }
            if (probe) {
                runner.probe();
                return;
            }
            if (init) {
                new InitializationStudy(spark, false).run();
                return;
            }
            if (scaling) {
                new ScalingStudy(spark, out).run(args.length > 1 ? args[1] : "");
                return;
            }
            if (sparse) {
                new SparseStudy(spark, out).run(args.length > 1 ? args[1] : "");
                return;
            }
            runner.peak();
            runner.w1();
            runner.w2(16);
            runner.w2(256);
            runner.w3AndW4();
            runner.report.write(out);
        } finally {
            spark.stop();
        }
    }

    private void peak() {
        int n = quick ? 1024 : 2048;
        report.peak(PeakGemm.gflops(n, 1, 3), PeakGemm.gflops(n, 2, 3), n);
        System.out.println(report.peakLine());
    }

    /** W1: the seed tutorial exactly, 100 epochs of 64 rows. */
    private void w1() throws Exception {
        TabularData data = TabularData.seedTutorial();
        NeuralNetRegressor estimator = new NeuralNetRegressor().setHiddenLayers(50)
                .setOptimizer("sgd").setLearningRate(0.01).setBatchSize(16).setEpochs(100)
                .setNumWorkers(2).setSeed(7).setStandardization(false);
        String workload = "W1 seed tutorial (64 rows x 10, 10-50-1, SGD 0.01, batch 16, 100"
                + " epochs)";
        report.add(workload, 550, regression(workload, data, null, estimator, 100, 16, true));
    }

    /** W2: 1,000,000 synthetic rows, 10-50-1 with SGD, batch 16 or 256. */
    private void w2(int batch) throws Exception {
        int rows = quick ? 100_000 : 1_000_000;
        TabularData data = TabularData.synthetic(rows, 42);
        // New rows of the same target function and noise: each system's model is scored on them.
        TabularData test = TabularData.synthetic(rows / 10, 43);
        NeuralNetRegressor estimator = new NeuralNetRegressor().setHiddenLayers(50)
                .setOptimizer("sgd").setLearningRate(0.01).setBatchSize(batch).setEpochs(3)
                .setNumWorkers(2).setSeed(7).setStandardization(false);
        String workload = String.format(Locale.ROOT,
                "W2 synthetic (%,d rows x 10, 10-50-1, SGD 0.01, batch %d, 3 epochs)", rows,
                batch);
        // Raw DL4J on 2 threads is slower than on 1 for these small networks (W1, W3 show it);
        // W2's 1M-row epochs skip that run to keep the benchmark under half an hour.
        List<SystemResult> results =
                regression(workload, data, test, estimator, 3, batch, false);
        if (batch == 256) {
            // MLlib's LinearRegression with the normal-equation solver: one pass over the rows.
            Dataset<Row> frame = data.toDataFrame(spark, 2).cache();
            frame.count();
            LinearRegression lr = new LinearRegression().setSolver("normal");
            RawDl4j.settle();
            Timing seconds = Timing.seconds(3, () -> lr.fit(frame));
            results.add(new SystemResult("MLlib LinearRegression (one pass)", seconds, rows,
                    Double.NaN, new double[0], Double.NaN, new double[0],
                    "solver=normal: one aggregation over the cached rows"));
            frame.unpersist();
            print(results.get(results.size() - 1));
        }
        report.add(workload, 550, results);
    }

    /**
     * @param test held-out rows each system's model is scored on (mean squared error), or null
     *     (W1: the seed tutorial has none)
     */
    private List<SystemResult> regression(String workload, TabularData data, TabularData test,
            NeuralNetRegressor estimator, int epochs, int batch, boolean rawOnTwoThreads)
            throws Exception {
        int partitions = 2;
        System.out.println("\n== " + workload);
        List<SystemResult> results = new ArrayList<>();
        Dataset<Row> frame = data.toDataFrame(spark, partitions).cache();
        frame.count();
        Dataset<Row> testFrame = test == null ? null : test.toDataFrame(spark, partitions).cache();
        RawDl4j.settle();
        long start = System.nanoTime();
        NeuralNetRegressionModel model = estimator.fit(frame);
        double fitSeconds = (System.nanoTime() - start) / 1e9;
        results.add(SparkNnRunner.result("spark-nn local[2]", model.summary(), data.rows(),
                testFrame == null ? Double.NaN : SparkNnRunner.mse(model, testFrame),
                String.format(Locale.ROOT, "2 partitions; whole fit %.2f s", fitSeconds)));
        print(results.get(0));
        if (!rawOnTwoThreads) {
            RawDl4j.settle();
            results.add(SparkNnRunner.oneTask(estimator.copy(new ParamMap()), frame, data.rows(),
                    testFrame));
            print(results.get(results.size() - 1));
        }
        frame.unpersist();
        if (testFrame != null) {
            testFrame.unpersist();
        }

        MultiLayerConfiguration conf = NetworkFactory.configure(estimator, data.width(), 0);
        for (int threads : rawOnTwoThreads ? new int[] {1, 2} : new int[] {1}) {
            RawDl4j.threads(threads);
            RawDl4j.settle();
            RawDl4j.Run run = RawDl4j.fitPrepared(conf, data, 0, batch, epochs, 7);
            results.add(new SystemResult("raw DL4J, " + threads + " thread" + (threads > 1
                    ? "s" : ""), run.epochSeconds(), data.rows(), Double.NaN, run.losses(),
                    heldOutMse(run, test), new double[0],
                    "batches prepared ahead; fit loop timed"));
            print(results.get(results.size() - 1));
        }
        RawDl4j.threads(1);
        RawDl4j.settle();
        RawDl4j.Run converting = RawDl4j.fitWithConversion(conf, data, 0, batch, epochs, 7);
        results.add(new SystemResult("raw DL4J + conversion, 1 thread",
                converting.epochSeconds(), data.rows(), Double.NaN, converting.losses(),
                heldOutMse(converting, test), new double[0],
                "rows shuffled and batched inside each epoch"));
        print(results.get(results.size() - 1));

        if (torch != null) {
            String name = "w" + workload.charAt(1) + "-" + data.rows();
            Path x = DATA.resolve(name + "-x.f32");
            Path y = DATA.resolve(name + "-y.f32");
            if (!Files.exists(x)) {
                data.writeFloat32(x, y);
            }
            List<String> testArgs = new ArrayList<>();
            if (test != null) {
                Path tx = DATA.resolve(name + "-test-" + test.rows() + "-x.f32");
                Path ty = DATA.resolve(name + "-test-" + test.rows() + "-y.f32");
                if (!Files.exists(tx)) {
                    test.writeFloat32(tx, ty);
                }
                testArgs = List.of("--test-features", tx.toString(), "--test-labels",
                        ty.toString(), "--test-rows", "" + test.rows());
            }
            for (int threads : new int[] {1, 2}) {
                RawDl4j.settle();
                List<String> args = new ArrayList<>(List.of("--threads", "" + threads,
                        "--features", x.toString(), "--labels", y.toString(), "--rows",
                        "" + data.rows(), "--width", "" + data.width(), "--hidden", "50",
                        "--optimizer", "sgd", "--lr", "0.01", "--batch", "" + batch,
                        "--epochs", "" + epochs));
                args.addAll(testArgs);
                JsonNode r = PyTorchRunner.run(args);
                results.add(pytorch(threads, r, data.rows(),
                        r.has("testMse") ? r.get("testMse").asDouble() : Double.NaN));
                print(results.get(results.size() - 1));
            }
        }
        return results;
    }

    /**
     * W4 alone, printed and not written to RESULTS.md: spark-nn's transform at several inference
     * batch sizes against raw DL4J's output at several batch sizes and thread counts, on the
     * W4 rows (the Fashion-MNIST test set ten times), with networks trained one epoch on 10,000
     * images. For choosing inferenceBatchSize and measuring an inference change before and
     * after (bench/PERFORMANCE-LOG.md).
     */
    private void inferenceOnly() throws Exception {
        Dataset<Row> train = FashionMnistData.load(spark, FashionMnistData.DEBIAN_DIR, "train",
                10_000, 2).cache();
        Dataset<Row> test = w4Rows();
        TabularData testData = collect(test);
        NeuralNetClassifier estimator = w3Estimator(7).setEpochs(1);
        NeuralNetClassificationModel model = estimator.fit(train);
        MultiLayerNetwork raw = RawDl4j.fitPrepared(NetworkFactory.configure(estimator, 784, 10),
                collect(train), 10, W3_BATCH, 1, 7).network();
        for (int round = 0; round < 2; round++) {
            for (int rows : new int[] {64, 256, 1024, 4096}) {
                model.setInferenceBatchSize(rows);
                print(inferenceResult("spark-nn local[2] transform, batches of " + rows,
                        SparkNnRunner.inference(model, test, "prediction", 2, 5),
                        testData.rows(), ""));
            }
            for (int threads : new int[] {1, 2}) {
                RawDl4j.threads(threads);
                for (int rows : new int[] {64, 256, 1024, 4096}) {
                    print(inferenceResult("raw DL4J output, " + threads + " thread(s), batches"
                            + " of " + rows, Timing.seconds(2, 5, () -> RawDl4j.predictClasses(
                                    raw, testData, rows)), testData.rows(), ""));
                }
            }
            RawDl4j.threads(1);
        }
    }

    /**
     * What defining the visit order by the rows' content costs on W3: every row's content key
     * (once per fit, in the conversion pass, split over the 2 tasks) and each task's sort of its
     * 30,000 keys (once per epoch), against the fit's epochs.
     */
    private static void rowOrderCost(TabularData data, double[] epochSeconds) {
        long[] weights = io.sparknn.ml.data.RowKeys.weights(data.width());
        long[] keys = new long[data.rows()];
        Timing keying = Timing.seconds(3, 9, () -> {
            for (int i = 0; i < keys.length; i++) {
                keys[i] = io.sparknn.ml.data.RowKeys.of(data.features(), i * data.width(),
                        weights, data.labels()[i]);
            }
        });
        long[] half = java.util.Arrays.copyOf(keys, keys.length / 2);
        Timing ordering = Timing.seconds(5, 21,
                () -> io.sparknn.ml.train.EpochShuffle.visitOrder(half, 7, 1, 0));
        double fit = java.util.Arrays.stream(epochSeconds).sum();
        double cost = keying.median() / 2 + epochSeconds.length * ordering.median();
        System.out.printf(Locale.ROOT, "  row order: content keys %.1f ms for %,d rows, visit"
                + " order %.2f ms per task and epoch (%,d rows): %.2f%% of the %d epochs' %.2f"
                + " s%n", 1e3 * keying.median(), keys.length, 1e3 * ordering.median(),
                half.length, 100 * cost / fit, epochSeconds.length, fit);
    }

    /** W4's rows: the Fashion-MNIST test set ten times (100,000 rows), cached in 2 partitions. */
    private Dataset<Row> w4Rows() throws Exception {
        Dataset<Row> once = FashionMnistData.load(spark, FashionMnistData.DEBIAN_DIR, "t10k", 0,
                2);
        Dataset<Row> rows = once;
        for (int copy = 1; copy < (quick ? 2 : 10); copy++) {
            rows = rows.union(once);
        }
        Dataset<Row> cached = rows.repartition(2).cache();
        cached.count();
        return cached;
    }

    /**
     * spark-nn alone on W3 (the full training set, 3 epochs, as in the benchmark) and W4: epoch
     * and fit-loop seconds, test accuracy, transform seconds. Printed, not written to
     * RESULTS.md: for measuring a library change before and after.
     */
    private void probe() throws Exception {
        Dataset<Row> train = FashionMnistData.load(spark, FashionMnistData.DEBIAN_DIR, "train",
                0, 2).cache();
        Dataset<Row> test = FashionMnistData.load(spark, FashionMnistData.DEBIAN_DIR, "t10k",
                0, 2).cache();
        long rows = train.count();
        test.count();
        TaskTimes times = new TaskTimes(true);
        spark.sparkContext().addSparkListener(times);
        NeuralNetClassificationModel model = w3Estimator(7)
                .setEpochs(Integer.getInteger("probe.epochs", 3)).fit(train);
        spark.sparkContext().removeSparkListener(times);
        double[] seconds = model.summary().epochSeconds();
        double[] fit = model.summary().fitLoopSeconds();
        for (int e = 0; e < seconds.length; e++) {
            System.out.printf(Locale.ROOT, "  W3 epoch %d: %.3f s, fit loop %.3f s, outside"
                    + " %.1f%%, %,.0f samples/s%n", e + 1, seconds[e], fit[e],
                    100 * (1 - fit[e] / seconds[e]), rows / seconds[e]);
        }
        System.out.printf(Locale.ROOT, "  W3 test accuracy %.4f%n",
                SparkNnRunner.accuracy(model, test));
        rowOrderCost(collect(train), model.summary().epochSeconds());
        Timing inference = SparkNnRunner.inference(model, test, "prediction", 2, 5);
        System.out.printf(Locale.ROOT, "  W4 transform: median %.4f s, min %.4f s%n",
                inference.median(), inference.min());
        Timing floor = Timing.seconds(2, 5, () -> test.agg(functions.sum("label"))
                .collectAsList());
        Timing rowsOnly = Timing.seconds(2, 5, () -> test.mapPartitions(
                (org.apache.spark.api.java.function.MapPartitionsFunction<Row, Row>) it -> it,
                org.apache.spark.sql.Encoders.row(test.schema())).agg(functions.sum("label"))
                .collectAsList());
        System.out.printf(Locale.ROOT, "  W4 floor (sum of a column): median %.4f s; rows"
                + " through mapPartitions: median %.4f s; schema %s%n", floor.median(),
                rowsOnly.median(), test.schema().simpleString());
    }

    /** W3: Fashion-MNIST MLP 784-256-128-10, Adam 1e-3, batch 64, 3 epochs; W4: inference. */
    private void w3AndW4() throws Exception {
        int trainRows = quick ? 10_000 : 0;
        int epochs = 3;
        Dataset<Row> train = FashionMnistData.load(spark, FashionMnistData.DEBIAN_DIR, "train",
                trainRows, 2).cache();
        Dataset<Row> test = FashionMnistData.load(spark, FashionMnistData.DEBIAN_DIR, "t10k",
                0, 2).cache();
        TabularData trainData = collect(train);
        TabularData testData = collect(test);
        String workload = String.format(Locale.ROOT, "W3 Fashion-MNIST MLP (%,d rows,"
                + " 784-256-128-10, Adam 1e-3, batch 64, %d epochs)", trainData.rows(), epochs);
        System.out.println("\n== " + workload);
        List<SystemResult> results = new ArrayList<>();

        NeuralNetClassifier estimator = w3Estimator(7).setEpochs(epochs);
        RawDl4j.settle();
        TaskTimes tasks = new TaskTimes(false);
        spark.sparkContext().addSparkListener(tasks);
        long start = System.nanoTime();
        NeuralNetClassificationModel model = estimator.fit(train);
        double fitSeconds = (System.nanoTime() - start) / 1e9;
        spark.sparkContext().removeSparkListener(tasks);
        double sparkAccuracy = SparkNnRunner.accuracy(model, test);
        report.emptyJob(SparkNnRunner.emptyJob(spark, 2, 5, 15));
        System.out.println("  " + report.emptyJobLine());
        results.add(SparkNnRunner.result("spark-nn local[2]", model.summary(), trainData.rows(),
                sparkAccuracy, String.format(Locale.ROOT, "2 partitions; whole fit %.2f s; %s",
                        fitSeconds, SparkNnRunner.outsideSplit(model.summary(),
                                tasks.longestTaskSeconds()))));
        print(results.get(0));
        RawDl4j.settle();
        results.add(SparkNnRunner.oneTask(estimator.copy(new ParamMap()), train,
                trainData.rows(), test));
        print(results.get(results.size() - 1));
        RawDl4j.settle();
        results.add(SparkNnRunner.withoutKernel(estimator, train, trainData.rows(), test));
        print(results.get(results.size() - 1));
        RawDl4j.settle();
        NeuralNetClassificationModel standardized = estimator.copy(new ParamMap())
                .setStandardization(true).fit(train);
        results.add(SparkNnRunner.result("spark-nn local[2], standardization on",
                standardized.summary(), trainData.rows(),
                SparkNnRunner.accuracy(standardized, test), "the default: every pixel"
                        + " standardized with the training rows' mean and deviation"));
        print(results.get(results.size() - 1));

        MultiLayerConfiguration conf = NetworkFactory.configure(estimator, 784, 10);
        RawDl4j.Run best = null;
        int bestThreads = 1;
        for (int threads : new int[] {1, 2}) {
            RawDl4j.threads(threads);
            RawDl4j.settle();
            RawDl4j.Run run = RawDl4j.fitPrepared(conf, trainData, 10, W3_BATCH, epochs, 7);
            double accuracy = RawDl4j.accuracy(
                    RawDl4j.predictClasses(run.network(), testData, W3_BATCH), testData);
            results.add(new SystemResult("raw DL4J, " + threads + " thread" + (threads > 1
                    ? "s" : ""), run.epochSeconds(), trainData.rows(), Double.NaN,
                    run.losses(), accuracy, new double[0],
                    "batches prepared ahead; fit loop timed"));
            print(results.get(results.size() - 1));
            if (best == null || run.epochSeconds().median() < best.epochSeconds().median()) {
                best = run;
                bestThreads = threads;
            }
        }
        RawDl4j.threads(1);
        RawDl4j.settle();
        RawDl4j.Run converting = RawDl4j.fitWithConversion(conf, trainData, 10, W3_BATCH,
                epochs, 7);
        results.add(new SystemResult("raw DL4J + conversion, 1 thread",
                converting.epochSeconds(), trainData.rows(), Double.NaN, converting.losses(),
                Double.NaN, new double[0], "rows shuffled and batched inside each epoch"));
        print(results.get(results.size() - 1));

        Dataset<Row> trainVectors = train.withColumn("features",
                org.apache.spark.ml.functions.array_to_vector(functions.col("features")))
                .cache();
        Dataset<Row> testVectors = test.withColumn("features",
                org.apache.spark.ml.functions.array_to_vector(functions.col("features")))
                .cache();
        trainVectors.count();
        testVectors.count();
        int iterations = quick ? 3 : 5;
        MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier()
                .setLayers(new int[] {784, 256, 128, 10}).setMaxIter(iterations).setSeed(7)
                .setTol(0);
        MultilayerPerceptronClassificationModel[] mlpModel = {null};
        RawDl4j.settle();
        Timing mlpFits = Timing.seconds(3, () -> mlpModel[0] = mlp.fit(trainVectors));
        double[] perPass = mlpFits.values().clone();
        for (int i = 0; i < perPass.length; i++) {
            perPass[i] /= iterations;
        }
        results.add(new SystemResult("MLlib MultilayerPerceptronClassifier", Timing.of(perPass),
                trainData.rows(), Double.NaN, new double[0],
                SparkNnRunner.accuracy(mlpModel[0], testVectors), new double[0],
                "L-BFGS, " + iterations + " iterations per fit (one 'epoch' = one iteration's"
                        + " pass); accuracy after " + iterations + " iterations"));
        print(results.get(results.size() - 1));

        Path x = DATA.resolve("w3-" + trainData.rows() + "-x.f32");
        Path y = DATA.resolve("w3-" + trainData.rows() + "-y.f32");
        Path tx = DATA.resolve("w3-test-x.f32");
        Path ty = DATA.resolve("w3-test-y.f32");
        JsonNode torch2 = null;
        if (torch != null) {
            trainData.writeFloat32(x, y);
            testData.writeFloat32(tx, ty);
            for (int threads : new int[] {1, 2}) {
                RawDl4j.settle();
                JsonNode r = PyTorchRunner.run(List.of("--threads", "" + threads, "--features",
                        x.toString(), "--labels", y.toString(), "--rows", "" + trainData.rows(),
                        "--width", "784", "--classes", "10", "--hidden", "256,128",
                        "--optimizer", "adam", "--lr", "0.001", "--batch", "" + W3_BATCH,
                        "--epochs", "" + epochs, "--test-features", tx.toString(),
                        "--test-labels", ty.toString(), "--test-rows", "" + testData.rows()));
                results.add(pytorch(threads, r, trainData.rows(),
                        r.get("testAccuracy").asDouble()));
                print(results.get(results.size() - 1));
                if (threads == 2) {
                    torch2 = r;
                }
            }
        }
        report.add(workload, 784 * 256 + 256 * 128 + 128 * 10, results);

        // Where does raw DL4J reach 0.88, and does spark-nn with as many epochs?
        accuracyByEpoch(conf, trainData, testData, train, test, bestThreads);
        accuracyBySeed(trainData, testData, train, test, epochs, bestThreads);

        // W4: batched inference over 100,000 rows (the test set ten times), enough that
        // Spark's fixed cost per job does not decide the figure.
        Dataset<Row> w4 = w4Rows();
        TabularData w4Data = collect(w4);
        Dataset<Row> w4Vectors = w4.withColumn("features",
                org.apache.spark.ml.functions.array_to_vector(w4.col("features"))).cache();
        w4Vectors.count();
        List<SystemResult> inference = new ArrayList<>();
        // Spark's side of a transform varies run to run by a third here (the query floor
        // alone: 0.054-0.083 s in five repeats): more repeats than training gets.
        int warmUps = 3;
        int repeats = 9;
        RawDl4j.settle();
        inference.add(inferenceResult("spark-nn local[2] transform",
                SparkNnRunner.inference(model, w4, "prediction", warmUps, repeats),
                w4Data.rows(), "2 partitions, forward passes of "
                        + model.getInferenceBatchSize() + " rows (inferenceBatchSize)"));
        RawDl4j.settle();
        inference.add(inferenceResult("spark-nn local[2] transform, passes of " + W3_BATCH,
                SparkNnRunner.inference(model.copy(new ParamMap())
                                .setInferenceBatchSize(W3_BATCH), w4, "prediction", warmUps,
                        repeats), w4Data.rows(), "the training batch size, as transform"
                        + " used before inferenceBatchSize"));
        RawDl4j.settle();
        inference.add(inferenceResult("spark-nn local[2] transform over Rows",
                SparkNnRunner.inferenceThroughRows(model, w4, "prediction", warmUps, repeats),
                w4Data.rows(), ModelScoring.INTERNAL_ROWS_CONF + "=false: Dataset.mapPartitions"
                        + " over Rows, the streaming path"));
        RawDl4j.settle();
        inference.add(inferenceResult("spark-nn local[2] transform, DL4J output",
                SparkNnRunner.inferenceWithoutKernel(model, w4, "prediction", warmUps,
                        repeats), w4Data.rows(), "spark.sparknn.kernel.enabled=false"));
        RawDl4j.settle();
        inference.add(inferenceResult("Spark floor: the same query without a model",
                Timing.seconds(warmUps, repeats, () -> w4.agg(functions.sum("label"))
                        .collectAsList()), w4Data.rows(), "sum of the label column of the"
                        + " same cached rows: what any Spark transform + action costs here"));
        RawDl4j.settle();
        inference.add(singleRowPredictions(model, testData, 2_000));
        MultiLayerNetwork trained = best.network();
        // Raw DL4J at both thread counts and three batch sizes: the W4 target compares with the
        // fastest of them.
        for (int threads : new int[] {1, 2}) {
            RawDl4j.threads(threads);
            for (int rows : new int[] {256, 1024, 4096}) {
                RawDl4j.settle();
                inference.add(inferenceResult("raw DL4J output, " + threads + " thread"
                                + (threads > 1 ? "s" : "") + ", batches of " + rows,
                        Timing.seconds(2, 7, () -> RawDl4j.predictClasses(trained, w4Data,
                                rows)), w4Data.rows(), "converted from the arrays"));
            }
        }
        RawDl4j.threads(1);
        RawDl4j.settle();
        inference.add(inferenceResult("MLlib MLP transform",
                SparkNnRunner.inference(mlpModel[0], w4Vectors, "prediction", 2, 5),
                w4Data.rows(), "2 partitions"));
        if (torch2 != null) {
            inference.add(inferenceResult("PyTorch, 2 threads",
                    Timing.of(PyTorchRunner.doubles(torch2.get("inferenceSeconds"))),
                    testData.rows(), "torch.no_grad, batches of " + W3_BATCH + ", on the "
                            + testData.rows() + " test rows"));
        }
        inference.forEach(BenchRunner::print);
        report.addInference(String.format(Locale.ROOT, "W4 inference on %,d rows (the"
                + " Fashion-MNIST test set ten times)", w4Data.rows()), inference);
        w4.unpersist();
        w4Vectors.unpersist();
        train.unpersist();
        test.unpersist();
        trainVectors.unpersist();
        testVectors.unpersist();
    }

    /**
     * One seed's 3-epoch accuracy moves by about a point (raw DL4J's own epochs 3-5 went 0.8706,
     * 0.8612, 0.8814 in the run at a349122), more than the 0.5-point target: so both systems are
     * also fitted with several seeds and compared on the mean.
     */
    private void accuracyBySeed(TabularData trainData, TabularData testData, Dataset<Row> train,
            Dataset<Row> test, int epochs, int threads) {
        long[] seeds = quick ? new long[] {1, 2} : new long[] {1, 2, 3, 4, 5};
        double[] raw = new double[seeds.length];
        double[] spark = new double[seeds.length];
        double[] plain = new double[seeds.length];
        for (int i = 0; i < seeds.length; i++) {
            NeuralNetClassifier estimator = w3Estimator(seeds[i]).setEpochs(epochs);
            RawDl4j.threads(threads);
            RawDl4j.settle();
            MultiLayerNetwork network = RawDl4j.fitPrepared(
                    NetworkFactory.configure(estimator, 784, 10), trainData, 10, W3_BATCH, epochs,
                    seeds[i]).network();
            raw[i] = RawDl4j.accuracy(RawDl4j.predictClasses(network, testData, W3_BATCH),
                    testData);
            RawDl4j.settle();
            spark[i] = SparkNnRunner.accuracy(estimator.fit(train), test);
            RawDl4j.settle();
            plain[i] = SparkNnRunner.accuracy(
                    estimator.copy(new ParamMap()).setOuterLearningRate(1.0).fit(train), test);
            System.out.printf(Locale.ROOT, "seed %d, %d epochs: raw DL4J %.4f, spark-nn %.4f,"
                    + " plain averaging %.4f%n", seeds[i], epochs, raw[i], spark[i], plain[i]);
        }
        report.accuracyBySeed(seeds, epochs, raw, spark, plain);
    }

    private void accuracyByEpoch(MultiLayerConfiguration conf, TabularData trainData,
            TabularData testData, Dataset<Row> train, Dataset<Row> test, int threads)
            throws java.io.IOException {
        int maxEpochs = quick ? 3 : 15;
        List<Double> raw = new ArrayList<>();
        RawDl4j.threads(threads);
        RawDl4j.fitPrepared(conf, trainData, 10, W3_BATCH, maxEpochs, 7, (epoch, network) ->
                raw.add(RawDl4j.accuracy(RawDl4j.predictClasses(network, testData, W3_BATCH),
                        testData)));
        int reached = 0;
        for (int e = 0; e < raw.size() && reached == 0; e++) {
            reached = raw.get(e) >= 0.88 ? e + 1 : 0;
        }
        int epochs = reached > 0 ? reached : maxEpochs;
        NeuralNetClassifier estimator = w3Estimator(7);
        double[] spark = SparkNnRunner.accuracyByEpoch(estimator, train, test, maxEpochs,
                DATA.resolve("w3-checkpoints"));
        report.accuracyByEpoch(raw.stream().mapToDouble(Double::doubleValue).toArray(), reached,
                epochs, spark);
        System.out.printf(Locale.ROOT, "raw DL4J test accuracy by epoch %s; reaches 0.88 at"
                + " epoch %d; spark-nn by epoch: %s%n", raw, reached,
                java.util.Arrays.toString(spark));
    }

    /** A raw DL4J run's mean squared error on {@code test}, or NaN without test rows. */
    private static double heldOutMse(RawDl4j.Run run, TabularData test) {
        return test == null ? Double.NaN : RawDl4j.mse(run.network(), test, 1024);
    }

    /** @param testMetric its test accuracy or held-out MSE ({@link SystemResult}) */
    private static SystemResult pytorch(int threads, JsonNode r, long rows, double testMetric) {
        double[] seconds = PyTorchRunner.doubles(r.get("epochSeconds"));
        double[] losses = new double[seconds.length];
        java.util.Arrays.fill(losses, Double.NaN);
        losses[losses.length - 1] = r.get("finalLoss").asDouble();
        return new SystemResult("PyTorch, " + threads + " thread" + (threads > 1 ? "s" : ""),
                Timing.of(seconds), rows, Double.NaN, losses, testMetric, new double[0],
                "torch " + r.get("torch").asText());
    }

    private static SystemResult inferenceResult(String system, Timing seconds, long rows,
            String note) {
        return new SystemResult(system, seconds, rows, Double.NaN, new double[0], Double.NaN,
                new double[0], note);
    }

    /**
     * spark-nn's single-row {@code predict} (a UDF's or a serving loop's call) on the driver,
     * one row at a time over {@code rows} rows of {@code data}.
     */
    private static SystemResult singleRowPredictions(NeuralNetClassificationModel model,
            TabularData data, int rows) {
        List<org.apache.spark.ml.linalg.Vector> vectors = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            double[] x = new double[data.width()];
            for (int j = 0; j < x.length; j++) {
                x[j] = data.features()[i * data.width() + j];
            }
            vectors.add(org.apache.spark.ml.linalg.Vectors.dense(x));
        }
        double[] sink = {0};
        Timing seconds = Timing.seconds(2, 5, () -> {
            for (org.apache.spark.ml.linalg.Vector v : vectors) {
                sink[0] += model.predict(v);
            }
        });
        return inferenceResult("spark-nn predict, one row at a time", seconds, rows,
                String.format(Locale.ROOT, "model.predict(vector) on the driver, %,d rows: %.1f"
                        + " us per row", rows, 1e6 * seconds.median() / rows));
    }

    private static TabularData collect(Dataset<Row> frame) {
        List<Row> rows = frame.collectAsList();
        int width = 784;
        float[] x = new float[rows.size() * width];
        float[] y = new float[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            List<Object> pixels = rows.get(i).getList(1);
            for (int j = 0; j < width; j++) {
                x[i * width + j] = (Float) pixels.get(j);
            }
            y[i] = (float) rows.get(i).getDouble(0);
        }
        return new TabularData(rows.size(), width, x, y);
    }

    private static void print(SystemResult r) {
        System.out.printf(Locale.ROOT, "  %-40s %9.4f s/epoch (min %.4f)  %,12.0f samples/s"
                + "  loss %.4f  test %.4f%n", r.system(), r.epochSeconds().median(),
                r.epochSeconds().min(), r.samplesPerSecond(), r.finalLoss(), r.testMetric());
    }
}
