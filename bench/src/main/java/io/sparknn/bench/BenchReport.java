package io.sparknn.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * Collects the runner's measurements and writes them: RESULTS.md (machine, one table per
 * workload, ratios, the targets checked), results.json (every repetition) and results.png
 * (throughput bars; loss and accuracy per epoch), the charts drawn by XChart.
 */
final class BenchReport {
    private record Workload(String name, long weights, List<SystemResult> results) {}

    private final boolean quick;
    private final String torch;
    private final List<Workload> workloads = new ArrayList<>();
    private Workload inference;
    private Timing peak1;
    private Timing peak2;
    private int peakSize;
    private double[] rawAccuracyByEpoch = new double[0];
    private int rawReachesAt;
    private int sparkEpochsCompared;
    private double sparkAccuracyThere = Double.NaN;
    private double[] sparkAccuracyByEpoch = new double[0];
    private long[] seeds = new long[0];
    private double[] rawAccuracyBySeed = new double[0];
    private double[] sparkAccuracyBySeed = new double[0];
    /** spark-nn restarting every epoch from the plain average (outerLearningRate 1). */
    private double[] plainAveragingAccuracyBySeed = new double[0];
    private int epochsBySeed;
    /** An empty 2-task Spark job's seconds (Spark's own cost per epoch), or null. */
    private Timing emptyJob;

    private final BenchLine line;

    BenchReport(boolean quick, String torch, BenchLine line) {
        this.quick = quick;
        this.torch = torch;
        this.line = line;
    }

    void peak(Timing oneThread, Timing twoThreads, int n) {
        peak1 = oneThread;
        peak2 = twoThreads;
        peakSize = n;
    }

    String peakLine() {
        return String.format(Locale.ROOT, "Peak float32 GEMM (ND4J, %d x %d): %.1f GFLOP/s on 1"
                + " thread, %.1f GFLOP/s on 2 (best of %d)", peakSize, peakSize, peak1.max(),
                peak2.max(), peak2.count());
    }

    void emptyJob(Timing seconds) {
        emptyJob = seconds;
    }

    String emptyJobLine() {
        return String.format(Locale.ROOT, "An empty 2-task Spark job, submitted as spark-nn submits"
                + " an epoch's (%d runs after 5 warm-ups, measured after W3's fit): median %.1f ms"
                + " (min %.1f ms)", emptyJob.count(),
                1e3 * emptyJob.median(), 1e3 * emptyJob.min());
    }

    /** @param weights the network's weights: training costs about 6 FLOP per weight per row */
    void add(String workload, long weights, List<SystemResult> results) {
        workloads.add(new Workload(workload, weights, List.copyOf(results)));
    }

    void addInference(String workload, List<SystemResult> results) {
        inference = new Workload(workload, 0, List.copyOf(results));
    }

    /**
     * @param sparkEpochs the epochs compared: where raw DL4J first reaches 0.88
     * @param spark spark-nn's test accuracy after each epoch
     */
    void accuracyByEpoch(double[] raw, int reachesAt, int sparkEpochs, double[] spark) {
        rawAccuracyByEpoch = raw.clone();
        rawReachesAt = reachesAt;
        sparkEpochsCompared = sparkEpochs;
        sparkAccuracyByEpoch = spark.clone();
        sparkAccuracyThere = sparkEpochs <= spark.length ? spark[sparkEpochs - 1] : Double.NaN;
    }

    /** Test accuracy after {@code epochs} epochs of raw DL4J and spark-nn, one fit per seed. */
    void accuracyBySeed(long[] seedsRun, int epochs, double[] raw, double[] spark,
            double[] plainAveraging) {
        seeds = seedsRun.clone();
        epochsBySeed = epochs;
        rawAccuracyBySeed = raw.clone();
        sparkAccuracyBySeed = spark.clone();
        plainAveragingAccuracyBySeed = plainAveraging.clone();
    }

    private static double mean(double[] values) {
        return java.util.Arrays.stream(values).average().orElse(Double.NaN);
    }

    /** Sample standard deviation. */
    private static double sd(double[] values) {
        double m = mean(values);
        double squares = java.util.Arrays.stream(values).map(v -> (v - m) * (v - m)).sum();
        return Math.sqrt(squares / Math.max(1, values.length - 1));
    }

    /** Mean of raw minus spark-nn, in accuracy points. */
    private double meanSeedGap() {
        return 100 * (mean(rawAccuracyBySeed) - mean(sparkAccuracyBySeed));
    }

    void write(Path dir) throws IOException {
        Files.writeString(dir.resolve("RESULTS.md"), markdown());
        new ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValue(dir.resolve("results.json").toFile(), json());
        ImageIO.write(charts(), "png", dir.resolve("results.png").toFile());
        System.out.println("\nWrote " + dir.resolve("RESULTS.md") + ", results.json and"
                + " results.png");
    }

    // ---- numbers used by the targets -------------------------------------------------------

    private static Optional<SystemResult> find(Workload w, String prefix) {
        return w.results().stream().filter(r -> r.system().startsWith(prefix)).findFirst();
    }

    /** The fastest of the systems whose name starts with {@code prefix}. */
    private static Optional<SystemResult> fastest(Workload w, String prefix) {
        return w.results().stream().filter(r -> r.system().startsWith(prefix))
                .max((a, b) -> Double.compare(a.samplesPerSecond(), b.samplesPerSecond()));
    }

    /** The faster of raw DL4J's thread counts, fit loop only. */
    private static Optional<SystemResult> bestRaw(Workload w) {
        return fastest(w, "raw DL4J, ");
    }

    private Optional<Workload> workload(String prefix) {
        return workloads.stream().filter(w -> w.name().startsWith(prefix)).findFirst();
    }

    private String ratio(Workload w, String numerator, Optional<SystemResult> denominator) {
        Optional<SystemResult> n = find(w, numerator);
        if (n.isEmpty() || denominator.isEmpty()) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.2fx", n.get().samplesPerSecond()
                / denominator.get().samplesPerSecond());
    }

    private double peakFraction(Workload w, SystemResult r) {
        return 6.0 * w.weights() * r.samplesPerSecond() / (peak2.max() * 1e9);
    }

    // ---- RESULTS.md --------------------------------------------------------------------------

    private String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# spark-nn benchmark results\n\n");
        md.append("Written by `").append(line.command(quick ? "quick" : "")).append("` on ")
                .append(ZonedDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE))
                .append(quick ? " (QUICK mode: reduced sizes, not the reference numbers)" : "")
                .append(". Everything below ran side by side in one JVM run on this machine:\n\n");
        md.append("- CPU: ").append(Machine.cpuModel()).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores\n");
        md.append("- Java ").append(System.getProperty("java.version")).append(", ")
                .append(line.describe())
                .append(" local[2], DL4J/ND4J 1.0.0-M2.1 (nd4j-native, OpenBLAS)\n");
        md.append("- PyTorch: ").append(torch == null ? "not installed (" + PyTorchRunner.INSTALL
                + ")" : torch + " (Debian python3-torch with libopenblas0-openmp)").append("\n");
        md.append("- ").append(peakLine()).append("\n");
        if (emptyJob != null) {
            md.append("- ").append(emptyJobLine()).append(": the floor under each training"
                    + " epoch's one job\n");
        }
        md.append("- Scaling with workers and averaging rounds (W3 with 1 to 32 workers): ")
                .append(line.isDefault() ? "[SCALING.md](SCALING.md)"
                        : "[SCALING.md](../SCALING.md) (the default line's)")
                .append(", written by `bench/run scaling`\n");
        md.append("\n");
        md.append("Timings are per epoch (for MLlib's MLP, per L-BFGS iteration, one pass over the"
                + " rows), at least 3 repetitions each: **median** (min). Samples/s use the median."
                + " \"Outside fit loop\" is 1 - (slowest task's time inside its fit calls: DL4J's"
                + " `fit`, or the dense kernel's step) / (epoch wall time): scheduling, broadcast,"
                + " batching rows into tensors,"
                + " averaging. \"% of peak\" = 6 FLOP per weight per row x samples/s / 2-thread"
                + " GEMM peak. Inference (W4): 5 untimed warm-up passes, then 15 timed."
                + " \"Final loss\" is the mean training loss over the last epoch's batches"
                + " (spark-nn's tasks start them from the outer step past the previous epoch's"
                + " average while the training loss falls, not from the model it returns);"
                + " W2's \"held-out MSE\" scores each system's trained model on a tenth as many"
                + " new rows of the same target and noise.\n\n");
        for (Workload w : workloads) {
            md.append("## ").append(w.name()).append("\n\n");
            md.append("| system | s/epoch median (min) | samples/s | outside fit loop | % of peak"
                    + " | final loss | ").append(metricName(w)).append(" | note |\n"
                    + "|---|---|---|---|---|---|---|---|\n");
            for (SystemResult r : w.results()) {
                md.append(String.format(Locale.ROOT, "| %s | %.4f (%.4f) | %,.0f | %s | %.2f%% | %s"
                        + " | %s | %s |%n", r.system(), r.epochSeconds().median(),
                        r.epochSeconds().min(), r.samplesPerSecond(),
                        Double.isNaN(r.outsideFitLoopShare()) ? "-" : String.format(Locale.ROOT,
                                "%.1f%%", 100 * r.outsideFitLoopShare()),
                        100 * peakFraction(w, r), num(r.finalLoss()), num(r.testMetric()),
                        r.note()));
            }
            md.append("\nspark-nn vs raw DL4J (faster thread count): **")
                    .append(ratio(w, "spark-nn", bestRaw(w))).append("**; vs PyTorch 2 threads: **")
                    .append(ratio(w, "spark-nn", find(w, "PyTorch, 2"))).append("**; vs PyTorch 1"
                    + " thread: ").append(ratio(w, "spark-nn", find(w, "PyTorch, 1")))
                    .append("\n\n");
        }
        if (inference != null) {
            md.append("## ").append(inference.name()).append("\n\n| system | seconds median (min)"
                    + " | rows/s | note |\n|---|---|---|---|\n");
            for (SystemResult r : inference.results()) {
                md.append(String.format(Locale.ROOT, "| %s | %.4f (%.4f) | %,.0f | %s |%n",
                        r.system(), r.epochSeconds().median(), r.epochSeconds().min(),
                        r.samplesPerSecond(), r.note()));
            }
            md.append("\n");
        }
        if (rawAccuracyByEpoch.length > 0) {
            md.append("## W3 accuracy by epoch\n\nRaw DL4J test accuracy after each epoch: ");
            md.append(String.join(", ", IntStream.range(0, rawAccuracyByEpoch.length)
                    .mapToObj(e -> String.format(Locale.ROOT, "%d: %.4f", e + 1,
                            rawAccuracyByEpoch[e])).toList()));
            md.append(".\n\nspark-nn (local[2], 2 partitions) test accuracy after each epoch: ");
            md.append(String.join(", ", IntStream.range(0, sparkAccuracyByEpoch.length)
                    .mapToObj(e -> String.format(Locale.ROOT, "%d: %.4f", e + 1,
                            sparkAccuracyByEpoch[e])).toList()));
            md.append(String.format(Locale.ROOT, ".%n%nRaw DL4J first reaches 0.88 at epoch %s;"
                    + " spark-nn after %d epochs: %.4f.%n%n",
                    rawReachesAt > 0 ? "" + rawReachesAt : "never (within the epochs run)",
                    sparkEpochsCompared, sparkAccuracyThere));
        }
        if (seeds.length > 0) {
            md.append(String.format(Locale.ROOT, "## W3 accuracy over seeds%n%nTest accuracy after"
                    + " %d epochs, one fit per seed (the seed sets the initial weights and the"
                    + " shuffles of both systems). spark-nn's default starts each epoch an"
                    + " outer step (outerLearningRate 2) past the previous epoch's average while"
                    + " the training loss falls; the last column restarts from the plain average"
                    + " instead (outerLearningRate 1):%n%n| seed | raw DL4J | spark-nn local[2] |"
                    + " raw - spark-nn (points) | spark-nn, plain averaging |%n"
                    + "|---|---|---|---|---|%n", epochsBySeed));
            for (int i = 0; i < seeds.length; i++) {
                md.append(String.format(Locale.ROOT, "| %d | %.4f | %.4f | %.2f | %.4f |%n",
                        seeds[i], rawAccuracyBySeed[i], sparkAccuracyBySeed[i],
                        100 * (rawAccuracyBySeed[i] - sparkAccuracyBySeed[i]),
                        plainAveragingAccuracyBySeed[i]));
            }
            md.append(String.format(Locale.ROOT, "| mean (sd) | %.4f (%.4f) | %.4f (%.4f) |"
                    + " %.2f | %.4f (%.4f) |%n%n", mean(rawAccuracyBySeed),
                    sd(rawAccuracyBySeed), mean(sparkAccuracyBySeed), sd(sparkAccuracyBySeed),
                    meanSeedGap(), mean(plainAveragingAccuracyBySeed),
                    sd(plainAveragingAccuracyBySeed)));
        }
        md.append(targets());
        Path log = Path.of("bench", "PERFORMANCE-LOG.md");
        if (!line.isDefault()) {
            // One log for both lines, kept beside the default line's results (its links are
            // relative to bench/).
            md.append("\nWhat was changed or tried for speed, and how the lines compare:"
                    + " [PERFORMANCE-LOG.md](../PERFORMANCE-LOG.md).\n");
        } else if (Files.exists(log)) {
            try {
                md.append("\n").append(Files.readString(log));
            } catch (IOException e) {
                md.append("\n(bench/PERFORMANCE-LOG.md unreadable: ").append(e).append(")\n");
            }
        }
        return md.toString();
    }

    private String targets() {
        List<String[]> rows = new ArrayList<>();
        for (String name : List.of("W2", "W3")) {
            for (Workload w : workloads) {
                if (w.name().startsWith(name)) {
                    String label = name + (name.equals("W2") ? (w.name().contains("batch 16,")
                            ? " batch 16" : " batch 256") : "");
                    rows.add(check("spark-nn >= 1.0x raw DL4J, " + label,
                            ratioValue(w, "spark-nn", bestRaw(w)), 1.0));
                }
            }
        }
        workload("W3").ifPresent(w3 -> {
            rows.add(check("spark-nn >= PyTorch 2 threads, W3",
                    ratioValue(w3, "spark-nn", find(w3, "PyTorch, 2")), 1.0));
            find(w3, "spark-nn").ifPresent(s -> rows.add(new String[] {
                "outside fit loop <= 5% of an epoch, W3",
                String.format(Locale.ROOT, "%.1f%%", 100 * s.outsideFitLoopShare())
                        + (emptyJob == null ? "" : String.format(Locale.ROOT, " (an empty 2-task"
                        + " Spark job alone: %.1f%% of the median epoch)",
                        100 * emptyJob.median() / s.epochSeconds().median())),
                s.outsideFitLoopShare() <= 0.05 ? "met" : "NOT met"}));
            Optional<SystemResult> raw = bestRaw(w3);
            find(w3, "spark-nn").ifPresent(s -> raw.ifPresent(r -> {
                double gap = 100 * (r.testMetric() - s.testMetric());
                rows.add(new String[] {"W3 accuracy within 0.5 points of raw DL4J (same epochs)",
                    String.format(Locale.ROOT, "%.4f vs %.4f (%.2f points)", s.testMetric(),
                            r.testMetric(), gap), gap <= 0.5 ? "met" : "NOT met"});
            }));
            if (seeds.length > 0) {
                double gap = meanSeedGap();
                rows.add(new String[] {"W3 accuracy within 0.5 points of raw DL4J, mean over "
                        + seeds.length + " seeds",
                    String.format(Locale.ROOT, "%.4f vs %.4f (%.2f points)",
                            mean(sparkAccuracyBySeed), mean(rawAccuracyBySeed), gap),
                    gap <= 0.5 ? "met" : "NOT met"});
            }
            if (rawAccuracyByEpoch.length > 0) {
                rows.add(new String[] {"W3 >= 0.88 at the epochs where raw DL4J reaches it",
                    String.format(Locale.ROOT, "%.4f after %d epochs", sparkAccuracyThere,
                            sparkEpochsCompared),
                    rawReachesAt == 0 ? "n/a (raw never reached 0.88)"
                            : sparkAccuracyThere >= 0.88 ? "met" : "NOT met"});
            }
        });
        if (inference != null) {
            Workload w4 = inference;
            rows.add(check("inference >= 0.9x raw DL4J, W4",
                    ratioValue(w4, "spark-nn", fastest(w4, "raw DL4J")), 0.9));
            rows.add(check("inference >= 3x MLlib MLP transform, W4",
                    ratioValue(w4, "spark-nn", find(w4, "MLlib")), 3.0));
        }
        StringBuilder md =
                new StringBuilder("## Targets\n\n| target | measured | |\n|---|---|---|\n");
        for (String[] row : rows) {
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return md.toString();
    }

    /** Whether the workload's test metric is a held-out MSE (W2) rather than an accuracy. */
    private static boolean scoresHeldOutMse(Workload w) {
        return w.name().startsWith("W2");
    }

    /** The test-metric column's name ({@link #scoresHeldOutMse}). */
    private static String metricName(Workload w) {
        return scoresHeldOutMse(w) ? "held-out MSE" : "test accuracy";
    }

    private static double ratioValue(Workload w, String numerator,
            Optional<SystemResult> denominator) {
        Optional<SystemResult> n = find(w, numerator);
        return n.isEmpty() || denominator.isEmpty() ? Double.NaN
                : n.get().samplesPerSecond() / denominator.get().samplesPerSecond();
    }

    private static String[] check(String target, double ratio, double needed) {
        return new String[] {target, Double.isNaN(ratio) ? "n/a"
                : String.format(Locale.ROOT, "%.2fx", ratio),
            Double.isNaN(ratio) ? "n/a" : ratio >= needed ? "met" : "NOT met"};
    }

    private static String num(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }

    // ---- results.json ------------------------------------------------------------------------

    private ObjectNode json() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("quick", quick);
        root.put("cpu", Machine.cpuModel());
        root.put("cores", Runtime.getRuntime().availableProcessors());
        root.putPOJO("peakGflops1Thread", peak1.values());
        root.putPOJO("peakGflops2Threads", peak2.values());
        if (emptyJob != null) {
            root.putPOJO("emptyJobSeconds", emptyJob.values());
        }
        ArrayNode list = root.putArray("workloads");
        List<Workload> all = new ArrayList<>(workloads);
        if (inference != null) {
            all.add(inference);
        }
        for (Workload w : all) {
            ObjectNode node = list.addObject();
            node.put("name", w.name());
            ArrayNode systems = node.putArray("systems");
            for (SystemResult r : w.results()) {
                ObjectNode s = systems.addObject();
                s.put("system", r.system());
                s.putPOJO("seconds", r.epochSeconds().values());
                s.put("samples", r.samplesPerEpoch());
                s.put("samplesPerSecond", r.samplesPerSecond());
                s.put("outsideFitLoopShare", r.outsideFitLoopShare());
                s.putPOJO("lossByEpoch", r.lossByEpoch());
                s.put(scoresHeldOutMse(w) ? "heldOutMse" : "testAccuracy", r.testMetric());
                s.put("note", r.note());
            }
        }
        root.putPOJO("w3RawAccuracyByEpoch", rawAccuracyByEpoch);
        root.put("w3SparkEpochsCompared", sparkEpochsCompared);
        root.put("w3SparkAccuracyThere", sparkAccuracyThere);
        root.putPOJO("w3SparkAccuracyByEpoch", sparkAccuracyByEpoch);
        root.putPOJO("w3Seeds", seeds);
        root.put("w3EpochsBySeed", epochsBySeed);
        root.putPOJO("w3RawAccuracyBySeed", rawAccuracyBySeed);
        root.putPOJO("w3SparkAccuracyBySeed", sparkAccuracyBySeed);
        root.putPOJO("w3PlainAveragingAccuracyBySeed", plainAveragingAccuracyBySeed);
        return root;
    }

    // ---- results.png -------------------------------------------------------------------------

    private BufferedImage charts() {
        List<BufferedImage> panels = new ArrayList<>();
        panels.add(BitmapEncoder.getBufferedImage(throughputChart()));
        panels.add(BitmapEncoder.getBufferedImage(lossChart()));
        if (rawAccuracyByEpoch.length > 0) {
            panels.add(BitmapEncoder.getBufferedImage(accuracyChart()));
        }
        int width = panels.stream().mapToInt(BufferedImage::getWidth).sum();
        int height = panels.stream().mapToInt(BufferedImage::getHeight).max().orElse(1);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        int x = 0;
        for (BufferedImage panel : panels) {
            g.drawImage(panel, x, 0, null);
            x += panel.getWidth();
        }
        g.dispose();
        return image;
    }

    /**
     * Training speed per workload relative to raw DL4J on one thread (= 1), one bar per system,
     * on a logarithmic axis: the workloads' samples/s differ by orders of magnitude, and so do
     * the ratios (W1's 0.08x beside W2's 90x would be invisible on a linear one). A system that
     * did not run a workload has no bar there.
     */
    private CategoryChart throughputChart() {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(520)
                .title("Training samples/s relative to raw DL4J, 1 thread")
                .xAxisTitle("workload").yAxisTitle("x raw DL4J (1 thread), log scale").build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisMin(0.01);
        List<String> labels = workloads.stream().map(w -> w.name().substring(0,
                w.name().indexOf(' ')) + (w.name().contains("batch 256") ? "/256"
                        : w.name().startsWith("W2") ? "/16" : "")).toList();
        for (String family : List.of("spark-nn", "raw DL4J, 1", "raw DL4J, 2",
                "raw DL4J + conversion", "PyTorch, 1", "PyTorch, 2", "MLlib")) {
            List<Double> values = new ArrayList<>();
            for (Workload w : workloads) {
                double base = find(w, "raw DL4J, 1").map(SystemResult::samplesPerSecond)
                        .orElse(Double.NaN);
                double value = find(w, family).map(SystemResult::samplesPerSecond)
                        .orElse(Double.NaN) / base;
                values.add(Double.isFinite(value) && value > 0 ? value : null);
            }
            if (values.stream().anyMatch(java.util.Objects::nonNull)) {
                chart.addSeries(family, labels, values);
            }
        }
        return chart;
    }

    private XYChart lossChart() {
        XYChart chart = new XYChartBuilder().width(600).height(520)
                .title("W3 training loss per epoch").xAxisTitle("epoch").yAxisTitle("loss")
                .build();
        workload("W3").ifPresent(w -> {
            for (SystemResult r : w.results()) {
                double[] loss = r.lossByEpoch();
                if (loss.length > 0 && !Double.isNaN(loss[0])) {
                    chart.addSeries(r.system(), IntStream.rangeClosed(1, loss.length)
                            .asDoubleStream().toArray(), loss);
                }
            }
        });
        return chart;
    }

    private XYChart accuracyChart() {
        XYChart chart = new XYChartBuilder().width(600).height(520)
                .title("W3 test accuracy per epoch").xAxisTitle("epoch")
                .yAxisTitle("test accuracy").build();
        chart.addSeries("raw DL4J", IntStream.rangeClosed(1, rawAccuracyByEpoch.length)
                .asDoubleStream().toArray(), rawAccuracyByEpoch);
        if (sparkAccuracyByEpoch.length > 0) {
            chart.addSeries("spark-nn local[2]", IntStream.rangeClosed(1,
                    sparkAccuracyByEpoch.length).asDoubleStream().toArray(), sparkAccuracyByEpoch);
        }
        return chart;
    }
}
