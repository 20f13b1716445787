package io.sparknn.ml.persist;

import io.sparknn.ml.train.NetworkSnapshot;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * A model's {@code data/} directory: {@code network.zip} (DL4J's model zip, loadable with plain
 * {@code ModelSerializer}) and {@code model.json} ({@link ModelData}).
 */
public final class ModelFiles {
    private ModelFiles() {}

    /** What a model directory holds. */
    public record Loaded(NetworkSnapshot network, ModelData data) {}

    /** The network zip inside a saved model directory. */
    public static Path networkFile(String modelDir) {
        return new Path(new Path(modelDir, "data"), "network.zip");
    }

    public static void write(String modelDir, NetworkSnapshot network, ModelData data,
            Configuration conf) throws IOException {
        NetworkIO.write(network, networkFile(modelDir), conf);
        data.write(new Path(new Path(modelDir, "data"), "model.json"), conf);
    }

    /**
     * Reads a model directory written for {@code task} ("classification" or "regression").
     *
     * @throws IOException for missing, truncated or unreadable files, naming them
     * @throws IllegalArgumentException for another task or a newer format
     */
    public static Loaded read(String modelDir, String task, Configuration conf)
            throws IOException {
        ModelData data = ModelData.read(new Path(new Path(modelDir, "data"), "model.json"), conf);
        if (!data.task().equals(task)) {
            throw new IllegalArgumentException(modelDir + " holds a " + data.task()
                    + " model, not a " + task + " model.");
        }
        return new Loaded(NetworkIO.read(networkFile(modelDir), conf), data);
    }
}
