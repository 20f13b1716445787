package io.sparknn.bench;

import io.sparknn.examples.FashionMnistData;
import io.sparknn.ml.NeuralNetClassificationModel;
import io.sparknn.ml.NeuralNetClassifier;
import io.sparknn.ml.NeuralNetTrainingSummary;
import io.sparknn.ml.train.TrainingConfig;
import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/**
 * {@code bench/run scaling}: W3 (the full Fashion-MNIST MLP 784-256-128-10, Adam 1e-3, batch 64,
 * default params otherwise) for 5 epochs with numWorkers 1, 2, 8 and 32 on {@code local[2]}, the
 * workers averaged once per epoch, in rounds of 16 and 4 batches (also at a learning rate of
 * 3e-3), and in automatic rounds (also at a quarter of the time for averaging): test
 * accuracy after each epoch (each epoch one fit resumed from the previous one's checkpoint, which
 * trains as an uninterrupted fit does), training samples/s, the share of the epochs' time outside
 * the fit loop and the share spent averaging, rounds per epoch. Writes bench/SCALING.md,
 * bench/scaling.png and bench/scaling.json.
 */
final class ScalingStudy {
    private static final int EPOCHS = 5;
    private static final int[] WORKERS = {1, 2, 8, 32};
    private static final int AUTOMATIC = -1;
    /** The default share of the time automatic rounds let averaging take. */
    private static final double SHARE = 0.05;
    private static final double LEARNING_RATE = 1e-3;

    private final SparkSession spark;
    private final Path out;

    /** One configuration's fit, epoch by epoch. */
    private record Result(int workers, int interval, double share, double outerRate,
            double learningRate, long seed,
            double[] accuracy, double samplesPerSecond, double outsideFitLoop,
            double averagingShare, double roundsPerEpoch, int lastRoundBatches) {}

    ScalingStudy(SparkSession spark, Path out) {
        this.spark = spark;
        this.out = out;
    }

    /**
     * @param only empty for the whole study; {@code workers:interval:outerRate:learningRate}
     *     configurations separated by commas (seed 7), printed and not written: for trying a
     *     setting ({@code bench/run "scaling 8:16:1:0.003"}); or {@code chart}: scaling.png
     *     drawn again from scaling.json
     */
    void run(String only) throws Exception {
        if (only.equals("chart")) {
            ImageIO.write(chart(read(out.resolve("scaling.json"))), "png",
                    out.resolve("scaling.png").toFile());
            return;
        }
        Dataset<Row> train = FashionMnistData.load(spark, FashionMnistData.DEBIAN_DIR, "train",
                0, 2).cache();
        Dataset<Row> test = FashionMnistData.load(spark, FashionMnistData.DEBIAN_DIR, "t10k", 0,
                2).cache();
        long rows = train.count();
        test.count();
        List<Result> results = new ArrayList<>();
        if (!only.isEmpty()) {
            for (String config : only.split(",")) {
                String[] v = config.split(":");
                fit(train, test, rows, Integer.parseInt(v[0]), Integer.parseInt(v[1]), SHARE,
                        Double.parseDouble(v[2]), Double.parseDouble(v[3]), 7);
            }
            return;
        }
        for (long seed : new long[] {7, 8, 9}) {
            results.add(fit(train, test, rows, 1, 0, SHARE, 2.0, LEARNING_RATE, seed));
        }
        for (int workers : Arrays.copyOfRange(WORKERS, 1, WORKERS.length)) {
            for (int interval : new int[] {0, 16, 4, AUTOMATIC}) {
                results.add(fit(train, test, rows, workers, interval, SHARE, 2.0, LEARNING_RATE,
                        7));
            }
        }
        for (int workers : new int[] {8, 32}) {
            for (long seed : new long[] {8, 9}) {
                results.add(fit(train, test, rows, workers, AUTOMATIC, SHARE, 2.0,
                        LEARNING_RATE, seed));
            }
            results.add(fit(train, test, rows, workers, AUTOMATIC, SHARE, 1.0, LEARNING_RATE, 7));
            results.add(fit(train, test, rows, workers, AUTOMATIC, 0.25, 2.0, LEARNING_RATE, 7));
            // A larger learning rate with short rounds: the large-batch lever.
            results.add(fit(train, test, rows, workers, 4, SHARE, 2.0, 3 * LEARNING_RATE, 7));
        }
        String report = report(results, rows);
        System.out.println(report);
        Files.writeString(out.resolve("SCALING.md"), report, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("scaling.json"), json(results), StandardCharsets.UTF_8);
        ImageIO.write(chart(results), "png", out.resolve("scaling.png").toFile());
    }

    private Result fit(Dataset<Row> train, Dataset<Row> test, long rows, int workers,
            int interval, double share, double outerRate, double learningRate, long seed)
            throws Exception {
        spark.conf().set(TrainingConfig.AVERAGING_SHARE_CONF, String.valueOf(share));
        Path checkpoints = Path.of("bench", "target", "scaling-checkpoints");
        SparkNnRunner.deleteRecursively(checkpoints);
        NeuralNetClassifier estimator = new NeuralNetClassifier().setHiddenLayers(256, 128)
                .setOptimizer("adam").setLearningRate(learningRate).setBatchSize(64)
                .setNumWorkers(workers).setAveragingInterval(interval)
                .setOuterLearningRate(outerRate).setSeed(seed)
                .setCheckpointDir(checkpoints.toAbsolutePath().toUri().toString());
        double[] accuracy = new double[EPOCHS];
        double seconds = 0;
        double fitLoop = 0;
        double averaging = 0;
        double rounds = 0;
        int lastRound = 0;
        for (int e = 1; e <= EPOCHS; e++) {
            NeuralNetClassificationModel model = estimator.setEpochs(e).fit(train);
            NeuralNetTrainingSummary s = model.summary();
            accuracy[e - 1] = SparkNnRunner.accuracy(model, test);
            double epochSeconds = s.epochSeconds()[e - 1];
            seconds += epochSeconds;
            fitLoop += s.fitLoopSeconds()[e - 1];
            averaging += s.averagingShare()[e - 1] * epochSeconds;
            rounds += s.averagingRounds()[e - 1];
            lastRound = s.roundBatches()[e - 1];
            model.releaseNativeMemory();
        }
        SparkNnRunner.deleteRecursively(checkpoints);
        spark.conf().unset(TrainingConfig.AVERAGING_SHARE_CONF);
        Result r = new Result(workers, interval, share, outerRate, learningRate, seed, accuracy,
                rows * EPOCHS / seconds, 1 - fitLoop / seconds, averaging / seconds,
                rounds / EPOCHS, lastRound);
        System.out.println(row(r));
        return r;
    }

    private static String averaging(int interval) {
        return interval == 0 ? "once per epoch"
                : interval == AUTOMATIC ? "automatic" : "every " + interval + " batches";
    }

    private static String averaging(Result r) {
        return r.interval() == AUTOMATIC && r.share() != SHARE
                ? String.format(Locale.ROOT, "automatic, share %.2f", r.share())
                : averaging(r.interval());
    }

    private static String row(Result r) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "| %d | %s | %.0f | %s | %d |", r.workers(), averaging(r), r.outerRate(),
                r.learningRate(), r.seed()));
        for (double a : r.accuracy()) {
            b.append(String.format(Locale.ROOT, " %.4f |", a));
        }
        b.append(String.format(Locale.ROOT, " %,.0f | %.1f%% | %.1f%% | %.1f | %d |",
                r.samplesPerSecond(), 100 * r.outsideFitLoop(), 100 * r.averagingShare(),
                r.roundsPerEpoch(), r.lastRoundBatches()));
        return b.toString();
    }

    /** Mean final accuracy of the seeds of one configuration. */
    private static double meanFinal(List<Result> results, int workers, int interval,
            double rate) {
        return results.stream().filter(r -> r.workers() == workers && r.interval() == interval
                        && r.outerRate() == rate && r.share() == SHARE)
                .mapToDouble(r -> r.accuracy()[EPOCHS - 1]).average().orElse(Double.NaN);
    }

    private static double samplesPerSecond(List<Result> results, int workers, int interval) {
        return results.stream().filter(r -> r.workers() == workers && r.interval() == interval
                        && r.seed() == 7 && r.outerRate() == 2.0 && r.share() == SHARE)
                .mapToDouble(Result::samplesPerSecond).findFirst().orElse(Double.NaN);
    }

    private static String report(List<Result> results, long rows) {
        StringBuilder b = new StringBuilder();
        b.append("# Scaling: workers and averaging rounds\n\n");
        b.append(String.format(Locale.ROOT, "Written by `bench/run scaling` on %s (%s). W3: the"
                + " full Fashion-MNIST (%,d training rows, 10,000 test rows), MLP 784-256-128-10,"
                + " Adam 1e-3, batch 64, standardization on (the default), `local[2]`; each epoch"
                + " a fit resumed from the previous epoch's checkpoint. Samples/s and the shares"
                + " are over the 5 epochs; \"outside fit loop\" is the epochs' time not spent in"
                + " the tasks' fit calls (on the slowest task of each round), \"averaging\" the"
                + " time not spent training on the cores (what automatic rounds hold near 5%%)."
                + " Each epoch's fit starts its automatic rounds from their first guess, a tenth"
                + " of the epoch, so they show 2 rounds per epoch where one uninterrupted fit"
                + " settles on 1. With more tasks than cores, the slowest task of a round is a"
                + " fraction of its time, so \"outside fit loop\" overstates the overhead;"
                + " \"averaging\" does not.\n\n", java.time.LocalDate.now(),
                Machine.cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores",
                rows));
        b.append("| workers | averaging | outer rate | learning rate | seed | epoch 1 | epoch 2 |"
                + " epoch 3 |"
                + " epoch 4 | epoch 5 | samples/s | outside fit loop | averaging | rounds/epoch |"
                + " last round (batches) |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        results.forEach(r -> b.append(row(r)).append('\n'));
        double one = meanFinal(results, 1, 0, 2.0);
        double auto8 = meanFinal(results, 8, AUTOMATIC, 2.0);
        double auto32 = meanFinal(results, 32, AUTOMATIC, 2.0);
        b.append("\n## Targets\n\n| target | measured | met |\n|---|---|---|\n");
        b.append(String.format(Locale.ROOT, "| automatic rounds, 8 workers: accuracy after 5"
                + " epochs within 0.5 points of 1 worker (3 seeds) | %.4f vs %.4f (%+.2f"
                + " points) | %s |\n", auto8, one, 100 * (auto8 - one),
                auto8 >= one - 0.005 ? "yes" : "no"));
        b.append(String.format(Locale.ROOT, "| automatic rounds, 32 workers: within 1 point"
                + " (3 seeds) | %.4f vs %.4f (%+.2f points) | %s |\n", auto32, one,
                100 * (auto32 - one), auto32 >= one - 0.01 ? "yes" : "no"));
        double ratio = samplesPerSecond(results, 8, AUTOMATIC)
                / samplesPerSecond(results, 8, 0);
        b.append(String.format(Locale.ROOT, "| automatic rounds, 8 workers: samples/s at least"
                + " 0.8x once-per-epoch averaging's | %.2fx | %s |\n", ratio,
                ratio >= 0.8 ? "yes" : "no"));
        return b.toString();
    }

    private static String json(List<Result> results) {
        StringBuilder b = new StringBuilder("[\n");
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            b.append(String.format(Locale.ROOT, "  {\"workers\": %d, \"averagingInterval\": %d,"
                    + " \"targetShare\": %s, \"outerLearningRate\": %s, \"learningRate\": %s,"
                    + " \"seed\": %d, \"accuracyByEpoch\": %s,"
                    + " \"samplesPerSecond\": %.1f, \"outsideFitLoop\": %.4f, \"averagingShare\":"
                    + " %.4f, \"roundsPerEpoch\": %.2f, \"lastRoundBatches\": %d}%s\n",
                    r.workers(), r.interval(), r.share(), r.outerRate(), r.learningRate(),
                    r.seed(),
                    Arrays.toString(r.accuracy()), r.samplesPerSecond(), r.outsideFitLoop(),
                    r.averagingShare(), r.roundsPerEpoch(), r.lastRoundBatches(),
                    i + 1 < results.size() ? "," : ""));
        }
        return b.append("]\n").toString();
    }

    /** The results scaling.json holds. */
    private static List<Result> read(Path json) throws java.io.IOException {
        List<Result> results = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode r
                : new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile())) {
            double[] accuracy = new double[EPOCHS];
            for (int e = 0; e < EPOCHS; e++) {
                accuracy[e] = r.get("accuracyByEpoch").get(e).asDouble();
            }
            results.add(new Result(r.get("workers").asInt(), r.get("averagingInterval").asInt(),
                    r.get("targetShare").asDouble(), r.get("outerLearningRate").asDouble(),
                    r.path("learningRate").asDouble(LEARNING_RATE), r.get("seed").asLong(),
                    accuracy, r.get("samplesPerSecond").asDouble(),
                    r.get("outsideFitLoop").asDouble(), r.get("averagingShare").asDouble(),
                    r.get("roundsPerEpoch").asDouble(), r.get("lastRoundBatches").asInt()));
        }
        return results;
    }

    /** Test accuracy after epoch 1 and after epoch 5 against workers, one line per averaging. */
    private static BufferedImage chart(List<Result> results) {
        List<BufferedImage> panels = new ArrayList<>();
        for (int epoch : new int[] {1, EPOCHS}) {
            XYChart chart = new XYChartBuilder().width(640).height(460)
                    .title("Test accuracy after epoch " + epoch + " (seed 7)")
                    .xAxisTitle("numWorkers (log scale)").yAxisTitle("test accuracy").build();
            chart.getStyler().setXAxisLogarithmic(true);
            Map<String, double[][]> lines = new TreeMap<>();
            for (int interval : new int[] {0, 16, 4, AUTOMATIC}) {
                List<double[]> points = new ArrayList<>();
                for (Result r : results) {
                    boolean oneWorker = r.workers() == 1;
                    if (r.seed() == 7 && r.outerRate() == 2.0 && r.share() == SHARE
                            && r.learningRate() == LEARNING_RATE
                            && (r.interval() == interval || oneWorker)) {
                        points.add(new double[] {r.workers(), r.accuracy()[epoch - 1]});
                    }
                }
                lines.put(averaging(interval), new double[][] {
                        points.stream().mapToDouble(p -> p[0]).toArray(),
                        points.stream().mapToDouble(p -> p[1]).toArray()});
            }
            lines.forEach((name, xy) -> chart.addSeries(name, xy[0], xy[1])
                    .setMarker(org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE)
                    .setLineStyle(new BasicStroke(2f)));
            chart.getSeriesMap().values().forEach(s -> s.setXYSeriesRenderStyle(
                    XYSeries.XYSeriesRenderStyle.Line));
            panels.add(BitmapEncoder.getBufferedImage(chart));
        }
        BufferedImage image = new BufferedImage(1280, 460, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.drawImage(panels.get(0), 0, 0, null);
        g.drawImage(panels.get(1), 640, 0, null);
        g.dispose();
        return image;
    }
}
