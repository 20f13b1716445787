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
            s.putPOJO("averagingRounds", summary.averagingRounds());
            s.putPOJO("roundBatches", summary.roundBatches());
            s.putPOJO("averagingShare", summary.averagingShare());
            s.put("bestEpoch", summary.bestEpoch());
            s.put("denseKernel", summary.trainedWithDenseKernel());
            s.putPOJO("featureMean", summary.featureMean());
            s.putPOJO("featureStd", summary.featureStd());
        }
        try (OutputStream out = file.getFileSystem(conf).create(file, false)) {
            JSON.writerWithDefaultPrettyPrinter().writeValue(out, root);
        }
    }

    /**
     * Reads and checks {@code file}.
     *
     * @throws IOException when the file is missing, unreadable or damaged, naming it
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
            throw damaged(file, e.getMessage(), e);
        }
        if (root == null || !root.path("formatVersion").canConvertToInt()) {
            throw damaged(file, "it has no formatVersion", null);
        }
        int version = root.get("formatVersion").asInt();
        if (version > FORMAT_VERSION) {
            throw new IllegalArgumentException(file + " has formatVersion " + version
                    + ", written by a newer spark-nn; this version reads formatVersion "
                    + FORMAT_VERSION + " and older.");
        }
        String task = root.path("task").asText();
        int numFeatures = root.path("numFeatures").asInt(-1);
        int numClasses = root.path("numClasses").asInt(-1);
        if (version < 1 || !(task.equals("classification") || task.equals("regression"))
                || numFeatures < 1 || numClasses < 0 || (numClasses == 0) != task.equals(
                        "regression") || numClasses == 1) {
            throw damaged(file, "formatVersion " + version + ", task '" + task + "', "
                    + numFeatures + " features and " + numClasses + " classes make no model",
                    null);
        }
        NeuralNetTrainingSummary summary = null;
        JsonNode s = root.get("summary");
        if (s != null) {
            try {
                // Models saved before a summary field existed read it as unknown.
                double[] epochSeconds = doubles(s.get("epochSeconds"));
                int epochs = epochSeconds.length;
                summary = new NeuralNetTrainingSummary(doubles(s.get("trainingLoss")),
                        doubles(s.get("validationLoss")), epochSeconds,
                        s.has("fitLoopSeconds") ? doubles(s.get("fitLoopSeconds"))
                                : nans(epochs),
                        s.has("averagingRounds") ? ints(s.get("averagingRounds"))
                                : new int[epochs],
                        s.has("roundBatches") ? ints(s.get("roundBatches")) : new int[epochs],
                        s.has("averagingShare") ? doubles(s.get("averagingShare"))
                                : nans(epochs),
                        s.get("bestEpoch").asInt(),
                        s.has("denseKernel") && s.get("denseKernel").asBoolean(),
                        s.has("featureMean") ? doubles(s.get("featureMean")) : new double[0],
                        s.has("featureStd") ? doubles(s.get("featureStd")) : new double[0]);
            } catch (RuntimeException e) {
                throw damaged(file, "its training summary is incomplete (" + e + ")", e);
            }
        }
        return new ModelData(version, task, numFeatures, numClasses, summary);
    }

    private static IOException damaged(Path file, String why, Exception cause) {
        return new IOException(file + " is damaged: it should hold spark-nn's model data"
                + " (formatVersion, task, numFeatures, numClasses, training summary), but "
                + why + ".", cause);
    }

    /** A JSON array of numbers as doubles. */
    static double[] doubles(JsonNode array) {
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("expected an array of numbers, found " + array);
        }
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    /** A JSON array of numbers as ints. */
    static int[] ints(JsonNode array) {
        double[] values = doubles(array);
        int[] ints = new int[values.length];
        for (int i = 0; i < ints.length; i++) {
            ints[i] = (int) values[i];
        }
        return ints;
    }

    private static double[] nans(int count) {
        double[] values = new double[count];
        java.util.Arrays.fill(values, Double.NaN);
        return values;
    }
}
