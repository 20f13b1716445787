package io.sparknn.ml.persist;

import io.sparknn.ml.train.NetworkMemory;
import io.sparknn.ml.train.NetworkSnapshot;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A network as a DL4J model zip (configuration, parameters, updater state) on a Hadoop
 * FileSystem. Writing uses DL4J's {@code ModelSerializer}, so plain DL4J loads the file outside
 * Spark. Reading parses only the three entries it needs, with ND4J's binary array format, never
 * Java deserialization (which ModelSerializer would use for some optional entries).
 */
public final class NetworkIO {
    static final String CONFIGURATION = "configuration.json";
    static final String COEFFICIENTS = "coefficients.bin";
    static final String UPDATER_STATE = "updaterState.bin";

    private NetworkIO() {}

    public static void write(NetworkSnapshot snapshot, Path file, Configuration conf)
            throws IOException {
        MultiLayerNetwork network = snapshot.toNetwork();
        try (OutputStream out = file.getFileSystem(conf).create(file, false)) {
            ModelSerializer.writeModel(network, out, true);
        } finally {
            NetworkMemory.release(network);
        }
    }

    /**
     * Reads a network zip written by {@link #write} or by DL4J's ModelSerializer.
     *
     * @throws IOException saying which file is missing, truncated or not a network zip
     */
    public static NetworkSnapshot read(Path file, Configuration conf) throws IOException {
        FileSystem fs = file.getFileSystem(conf);
        if (!fs.exists(file)) {
            throw new IOException("Missing network file " + file + ".");
        }
        String json = null;
        INDArray params = null;
        INDArray updaterState = null;
        try (ZipInputStream zip = new ZipInputStream(fs.open(file))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                switch (e.getName()) {
                    case CONFIGURATION ->
                            json = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                    case COEFFICIENTS -> params = readArray(zip);
                    case UPDATER_STATE -> updaterState = readArray(zip);
                    default -> { }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw damaged(file, e.getMessage(), e);
        }
        if (json == null || params == null) {
            throw damaged(file, "it lacks " + (json == null ? CONFIGURATION : COEFFICIENTS),
                    null);
        }
        MultiLayerConfiguration configuration;
        try {
            configuration = MultiLayerConfiguration.fromJson(json);
        } catch (RuntimeException e) {
            throw damaged(file, "its " + CONFIGURATION + " is not a MultiLayerNetwork"
                    + " configuration (" + e.getMessage() + ")", e);
        }
        long expected = 0;
        for (int i = 0; i < configuration.getConfs().size(); i++) {
            expected += configuration.getConf(i).getLayer().initializer()
                    .numParams(configuration.getConf(i));
        }
        if (params.length() != expected) {
            throw damaged(file, "it holds " + params.length() + " parameters where its"
                    + " configuration has " + expected, null);
        }
        return new NetworkSnapshot(configuration.toJson(), toDoubles(params),
                updaterState == null ? new double[0] : toDoubles(updaterState),
                configuration.getIterationCount(), configuration.getEpochCount());
    }

    private static IOException damaged(Path file, String why, Exception cause) {
        return new IOException(file + " is damaged: it should be a DL4J model zip ("
                + CONFIGURATION + ", " + COEFFICIENTS + ", " + UPDATER_STATE + "), but " + why
                + ".", cause);
    }

    private static INDArray readArray(InputStream zip) throws IOException {
        byte[] bytes = zip.readAllBytes();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return Nd4j.read(in);
        }
    }

    private static double[] toDoubles(INDArray array) {
        return array.castTo(DataType.DOUBLE).ravel().toDoubleVector();
    }
}
