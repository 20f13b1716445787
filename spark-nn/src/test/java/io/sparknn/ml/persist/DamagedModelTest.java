package io.sparknn.ml.persist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sparknn.ml.NeuralNetClassificationModel;
import io.sparknn.ml.NeuralNetClassifier;
import io.sparknn.ml.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file of a saved model damaged in the ways storage and hands damage files (truncated,
 * bit flips, garbage, emptied, a number made negative), with and without Hadoop's checksum
 * files beside it, and without checksums.json (as an earlier spark-nn saved): each load fails
 * with an exception that names the damaged file and keeps the original error as its cause, or,
 * if it loads, the model is the saved one in every param and prediction (unless neither
 * checksums.json nor a .crc file recorded the damaged file's content). Nothing hangs or crashes
 * the JVM.
 */
class DamagedModelTest {

    private static Map<String, UnaryOperator<byte[]>> damages(Random random) {
        Map<String, UnaryOperator<byte[]>> damages = new LinkedHashMap<>();
        damages.put("truncated", b -> Arrays.copyOf(b, b.length / 2));
        damages.put("emptied", b -> new byte[0]);
        damages.put("garbage", b -> {
            byte[] g = new byte[b.length];
            random.nextBytes(g);
            return g;
        });
        for (double at : new double[] {0.0, 0.3, 0.5, 0.8, 0.999}) {
            damages.put("bit flipped at " + at, b -> {
                byte[] d = b.clone();
                int i = (int) (at * (d.length - 1));
                d[i] ^= (byte) (1 << random.nextInt(8));
                return d;
            });
        }
        damages.put("a number made negative", b -> {
            String text = new String(b, StandardCharsets.ISO_8859_1);
            Matcher m = Pattern.compile("[^-0-9]([1-9][0-9]*)").matcher(text);
            return m.find() ? (text.substring(0, m.start(1)) + "-" + text.substring(m.start(1)))
                    .getBytes(StandardCharsets.ISO_8859_1) : b;
        });
        return damages;
    }

    @Test
    void everyDamagedFileFailsTheLoadNamingIt(@TempDir Path dir) throws IOException {
        Dataset<Row> data = TestData.frame(TestData.classificationRows(40, 3, 3, 8), 2);
        NeuralNetClassificationModel model = new NeuralNetClassifier().setHiddenLayers(4)
                .setEpochs(1).fit(data);
        Path saved = dir.resolve("saved");
        model.write().save(saved.toString());
        List<Row> expected = model.transform(data).select("probability").collectAsList();
        List<String> files;
        try (Stream<Path> walk = Files.walk(saved)) {
            files = walk.filter(Files::isRegularFile).map(p -> saved.relativize(p).toString())
                    .filter(f -> !Path.of(f).getFileName().toString().startsWith(".")
                            && !f.endsWith("_SUCCESS"))
                    .sorted().toList();
        }
        // MLlib's metadata file: part-00000 on Spark 3.5, part-00000-<uuid>-c000.txt on Spark 4.
        assertEquals(List.of("checksums.json", "data/model.json", "data/network.zip"),
                files.subList(0, 3));
        assertEquals(4, files.size(), files.toString());
        assertTrue(files.get(3).startsWith("metadata/part-00000"), files.toString());

        Random random = new Random(3);
        List<String> outcomes = new ArrayList<>();
        int copy = 0;
        // Without checksums.json too: a directory saved before spark-nn wrote it.
        for (boolean checksums : new boolean[] {true, false}) {
            for (String file : files) {
                if (!checksums && file.equals("checksums.json")) {
                    continue;
                }
                for (Map.Entry<String, UnaryOperator<byte[]>> damage
                        : damages(random).entrySet()) {
                    for (boolean keepCrc : new boolean[] {true, false}) {
                        Path damaged = dir.resolve("copy-" + copy++);
                        FileUtils.copyDirectory(saved.toFile(), damaged.toFile());
                        if (!checksums) {
                            Files.delete(damaged.resolve("checksums.json"));
                            Files.deleteIfExists(damaged.resolve(".checksums.json.crc"));
                        }
                        Path target = damaged.resolve(file);
                        Files.write(target,
                                damage.getValue().apply(Files.readAllBytes(target)));
                        if (!keepCrc) {
                            Files.deleteIfExists(target.resolveSibling(
                                    "." + target.getFileName() + ".crc"));
                        }
                        String what = file + " " + damage.getKey() + (keepCrc ? "" : ", no .crc")
                                + (checksums ? "" : ", no checksums.json");
                        // Without checksums.json or Hadoop's .crc nothing records what the file
                        // held: a load must then name the file when it fails, but may succeed.
                        outcomes.add(what + ": " + loadOrFail(damaged, file, expected, model,
                                data, what, checksums || keepCrc));
                    }
                }
            }
        }
        long loaded = outcomes.stream().filter(o -> o.contains(": loaded")).count();
        System.out.printf("%d damaged copies: %d failed naming the damaged file, %d loaded%n",
                outcomes.size(), outcomes.size() - loaded, loaded);
    }

    /**
     * Loads the damaged copy: a failure must name the file; a success must be the saved model
     * when something recorded the file's content ({@code checked}).
     */
    private static String loadOrFail(Path damaged, String file, List<Row> expected,
            NeuralNetClassificationModel original, Dataset<Row> data, String what,
            boolean checked) {
        NeuralNetClassificationModel loaded;
        try {
            loaded = NeuralNetClassificationModel.load(damaged.toString());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            String m = e.getMessage();
            assertTrue(m.contains(file + " is damaged") || m.contains(file + " (")
                    || (file.startsWith("metadata/") && m.contains("metadata is damaged"))
                    || m.contains("network in " + damaged.resolve(file).toUri().getPath()),
                    what + ": the message names the file: " + m);
            if (!e.getMessage().contains("content differs from what was saved")
                    && !e.getMessage().contains("is missing")) {
                assertNotNull(e.getCause(), what + ": keeps the original error: " + e);
            }
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (RuntimeException e) {
            fail(what + ": an error that does not name the file: " + e, e);
            return null;
        }
        if (!checked) {
            return "loaded (nothing recorded the file's content)";
        }
        assertEquals(paramValues(original), paramValues(loaded), what);
        List<Row> actual = loaded.transform(data).select("probability").collectAsList();
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(((Vector) expected.get(i).get(0)).toArray(),
                    ((Vector) actual.get(i).get(0)).toArray(), 0.0, what);
        }
        return "loaded, the same model";
    }

    /** Every param's value (set or default) as MLlib's JSON, by name. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Map<String, String> paramValues(Params stage) {
        Map<String, String> values = new TreeMap<>();
        for (Param p : stage.params()) {
            values.put(p.name(), stage.isDefined(p) ? p.jsonEncode(stage.getOrDefault(p)) : "-");
        }
        return values;
    }
}
