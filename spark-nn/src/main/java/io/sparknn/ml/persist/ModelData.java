package io.sparknn.ml.persist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparknn.ml.NeuralNetTrainingSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The small JSON beside a saved network ({@code data/model.json}): format version, task, input
 * width, classes and the training summary.
 *
 * @param formatVersion layout version; readers refuse newer ones
 * @param task "classification" or "regression"
 * @param numFeatures input width
 * @param numClasses classes (0 for regression)
 * @param summary the training summary, or null
 */
public record ModelData(int formatVersion, String task, int numFeatures, int numClasses,
        NeuralNetTrainingSummary summary) {

    /** The layout this version writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    public void write(Path file, Configuration conf) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", formatVersion);
        root.put("task", task);
        root.put("numFeatures", numFeatures);
        root.put("numClasses", numClasses);
        if (summary != null) {
            ObjectNode s = root.putObject("summary");
            s.putPOJO("trainingLoss", summary.trainingLossHistory());
            s.putPOJO("validationLoss", summary.validationLossHistory());
            s.putPOJO("epochSeconds", summary.epochSeconds());
            s.putPOJO("fitLoopSeconds", summary.fitLoopSeconds());
            s.put("bestEpoch", summary.bestEpoch());
            s.put("denseKernel", summary.trainedWithDenseKernel());
        }
        try (OutputStream out = file.getFileSystem(conf).create(file, false)) {
            JSON.writerWithDefaultPrettyPrinter().writeValue(out, root);
        }
    }

    /**
     * Reads and checks {@code file}.
     *
     * @throws IOException when the file is missing or unreadable
     * @throws IllegalArgumentException when it was written by a newer spark-nn
     */
    public static ModelData read(Path file, Configuration conf) throws IOException {
        FileSystem fs = file.getFileSystem(conf);
        if (!fs.exists(file)) {
            throw new IOException("Missing model data file " + file + ".");
        }
        JsonNode root;
        try (InputStream in = fs.open(file)) {
            root = JSON.readTree(in);
        } catch (IOException e) {
            throw new IOException("Cannot parse " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.has("formatVersion")) {
            throw new IOException(file + " has no formatVersion; it is not spark-nn model data.");
        }
        int version = root.get("formatVersion").asInt();
        if (version > FORMAT_VERSION) {
            throw new IllegalArgumentException(file + " has formatVersion " + version
                    + ", written by a newer spark-nn; this version reads formatVersion "
                    + FORMAT_VERSION + " and older.");
        }
        NeuralNetTrainingSummary summary = null;
        JsonNode s = root.get("summary");
        if (s != null) {
            double[] epochSeconds = doubles(s.get("epochSeconds"));
            double[] fitLoopSeconds = new double[epochSeconds.length];
            java.util.Arrays.fill(fitLoopSeconds, Double.NaN);
            if (s.has("fitLoopSeconds")) {
                fitLoopSeconds = doubles(s.get("fitLoopSeconds"));
            }
            summary = new NeuralNetTrainingSummary(doubles(s.get("trainingLoss")),
                    doubles(s.get("validationLoss")), epochSeconds, fitLoopSeconds,
                    s.get("bestEpoch").asInt(),
                    s.has("denseKernel") && s.get("denseKernel").asBoolean());
        }
        return new ModelData(version, root.get("task").asText(), root.get("numFeatures").asInt(),
                root.get("numClasses").asInt(), summary);
    }

    /** A JSON array of numbers as doubles. */
    static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }
}
