package io.sparknn.ml.persist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code checksums.json} in a saved stage's directory: the SHA-256 of every file saved with it
 * (MLlib's metadata, the network, the model data), so that a damaged file (a truncated copy, a
 * flipped bit, an edited value) fails the load with its name instead of loading as another
 * model: MLlib's metadata has no checksum of its own, and object stores keep none that Spark
 * reads. Hidden files (Hadoop's {@code .crc}), {@code _SUCCESS} and a nested stage's directory
 * (which has its own checksums) are not listed. Directories saved without the file (by an
 * earlier spark-nn) load unchecked.
 */
final class StageChecksums {
    static final String FILE = "checksums.json";
    private static final String ALGORITHM = "SHA-256";
    private static final ObjectMapper JSON = new ObjectMapper();

    private StageChecksums() {}

    /** Lists the digests of the files below {@code dir} in {@code dir/checksums.json}. */
    static void write(Path dir, Configuration conf) throws IOException {
        FileSystem fs = dir.getFileSystem(conf);
        Map<String, String> digests = new TreeMap<>();
        collect(fs, dir, "", digests);
        ObjectNode root = JSON.createObjectNode();
        root.put("algorithm", ALGORITHM);
        ObjectNode files = root.putObject("files");
        digests.forEach(files::put);
        // The listing's own digest: a damaged listing is then told from a damaged file.
        root.put("listing", digest(files));
        try (OutputStream out = fs.create(new Path(dir, FILE), false)) {
            JSON.writerWithDefaultPrettyPrinter().writeValue(out, root);
        }
    }

    /**
     * Checks the files {@code dir/checksums.json} lists, when it exists.
     *
     * @throws IllegalArgumentException naming a file that is missing or whose content differs
     *     from what was saved, or a damaged checksums.json
     */
    static void verify(Path dir, Configuration conf) throws IOException {
        FileSystem fs = dir.getFileSystem(conf);
        Path listing = new Path(dir, FILE);
        if (!fs.exists(listing)) {
            return;
        }
        JsonNode files;
        try (InputStream in = fs.open(listing)) {
            JsonNode root = JSON.readTree(in);
            if (root == null || !ALGORITHM.equals(root.path("algorithm").asText())
                    || !root.path("files").isObject() || root.path("files").isEmpty()) {
                throw new IOException("it does not list " + ALGORITHM + " digests of files");
            }
            files = root.get("files");
            if (!digest(files).equals(root.path("listing").asText())) {
                throw new IOException("its list differs from the one written (its own digest"
                        + " does not match)");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(listing + " is damaged (it should list the "
                    + ALGORITHM + " of every file saved with the stage): " + e.getMessage(), e);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            Path file = new Path(dir, entry.getKey());
            if (!fs.exists(file)) {
                throw new IllegalArgumentException(file + " is missing; " + listing
                        + " lists it as saved with the stage.");
            }
            String actual;
            try {
                actual = digest(fs, file);
            } catch (IOException e) {
                throw new IllegalArgumentException(file + " is damaged (it cannot be read: "
                        + e.getMessage() + ").", e);
            }
            if (!actual.equals(entry.getValue().asText())) {
                throw new IllegalArgumentException(file + " is damaged: its content differs"
                        + " from what was saved (its " + ALGORITHM + " is not the one " + listing
                        + " lists).");
            }
        }
    }

    private static void collect(FileSystem fs, Path dir, String prefix, Map<String, String> out)
            throws IOException {
        for (FileStatus status : fs.listStatus(dir)) {
            String name = status.getPath().getName();
            if (name.startsWith(".") || name.equals("_SUCCESS") || name.equals(FILE)) {
                continue;
            }
            if (status.isDirectory()) {
                if (!fs.exists(new Path(status.getPath(), FILE))) {
                    collect(fs, status.getPath(), prefix + name + "/", out);
                }
            } else {
                out.put(prefix + name, digest(fs, status.getPath()));
            }
        }
    }

    /** The digest of a listing: its entries in order, as JSON. */
    private static String digest(JsonNode files) throws IOException {
        return HexFormat.of().formatHex(newDigest().digest(
                JSON.writeValueAsBytes(files)));
    }

    private static String digest(FileSystem fs, Path file) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = fs.open(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(ALGORITHM);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }
}
