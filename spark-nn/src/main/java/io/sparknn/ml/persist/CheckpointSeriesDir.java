package io.sparknn.ml.persist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparknn.ml.train.CheckpointSeries;
import io.sparknn.ml.train.NetworkSnapshot;
import io.sparknn.ml.train.TrainingCheckpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One training's checkpoints in its directory under checkpointDir: one {@code epoch-NNNNNN/}
 * directory per checkpoint, written atomically ({@link AtomicSave}), holding {@code network.zip},
 * {@code best.zip} (when early stopping keeps another epoch) and {@code state.json}; the newest
 * two are kept. Held through a {@link CheckpointLock} while open.
 */
final class CheckpointSeriesDir implements CheckpointSeries {
    /** The layout of the files; part of every training's fingerprint. */
    static final int FORMAT_VERSION = 2;
    static final Pattern EPOCH_DIR = Pattern.compile("epoch-(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int KEEP = 2;

    private final Path dir;
    private final Configuration conf;
    private final int interval;
    private final String fingerprint;
    private final CheckpointLock lock;

    CheckpointSeriesDir(Path dir, Configuration conf, int interval, String fingerprint,
            CheckpointLock lock) {
        this.dir = dir;
        this.conf = conf;
        this.interval = interval;
        this.fingerprint = fingerprint;
        this.lock = lock;
    }

    @Override
    public int interval() {
        return interval;
    }

    @Override
    public String location() {
        return dir.toString();
    }

    @Override
    public Optional<TrainingCheckpoint> latest() {
        try {
            for (Path candidate : checkpointsNewestFirst(fs(), dir)) {
                Path stateFile = new Path(candidate, "state.json");
                if (!fs().exists(stateFile)) {
                    continue;
                }
                JsonNode state;
                try (InputStream in = fs().open(stateFile)) {
                    state = JSON.readTree(in);
                }
                if (state == null || !fingerprint.equals(text(state, "fingerprint"))) {
                    throw new IllegalArgumentException(candidate + " holds a checkpoint of"
                            + " another training than its directory's name says (moved by"
                            + " hand?); delete " + dir + " to train this one from the start.");
                }
                return Optional.of(read(candidate, state));
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the checkpoints in " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void save(TrainingCheckpoint checkpoint) {
        lock.check();
        String name = String.format("epoch-%06d", checkpoint.epoch());
        try {
            AtomicSave.save(new Path(dir, name).toString(), true, conf, tmp -> {
                NetworkIO.write(checkpoint.state(), new Path(tmp, "network.zip"), conf);
                if (checkpoint.best() != checkpoint.state()) {
                    NetworkIO.write(checkpoint.best(), new Path(tmp, "best.zip"), conf);
                }
                writeState(checkpoint, new Path(tmp, "state.json"));
            });
            List<Path> all = checkpointsNewestFirst(fs(), dir);
            for (Path old : all.subList(Math.min(KEEP, all.size()), all.size())) {
                fs().delete(old, true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a checkpoint to " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        lock.close();
    }

    /** The {@code epoch-NNNNNN} directories in {@code dir}, newest first. */
    static List<Path> checkpointsNewestFirst(FileSystem fs, Path dir) throws IOException {
        List<Path> found = new ArrayList<>();
        if (!fs.exists(dir)) {
            return found;
        }
        for (FileStatus status : fs.listStatus(dir)) {
            if (status.isDirectory() && EPOCH_DIR.matcher(status.getPath().getName()).matches()) {
                found.add(status.getPath());
            }
        }
        found.sort(Comparator.comparing((Path p) -> p.getName()).reversed());
        return found;
    }

    private TrainingCheckpoint read(Path candidate, JsonNode state) throws IOException {
        NetworkSnapshot network = NetworkIO.read(new Path(candidate, "network.zip"), conf);
        Path bestFile = new Path(candidate, "best.zip");
        NetworkSnapshot best = fs().exists(bestFile) ? NetworkIO.read(bestFile, conf) : network;
        return new TrainingCheckpoint(text(state, "fingerprint"), state.get("epoch").asInt(),
                network, best, state.get("bestEpoch").asInt(),
                Double.parseDouble(state.get("bestLoss").asText()),
                state.get("stopped").asBoolean(), ModelData.doubles(state.get("trainingLoss")),
                ModelData.doubles(state.get("validationLoss")),
                ModelData.doubles(state.get("epochSeconds")));
    }

    private void writeState(TrainingCheckpoint checkpoint, Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("fingerprint", checkpoint.fingerprint());
        root.put("epoch", checkpoint.epoch());
        root.put("bestEpoch", checkpoint.bestEpoch());
        // As text: JSON has no Infinity.
        root.put("bestLoss", Double.toString(checkpoint.bestLoss()));
        root.put("stopped", checkpoint.stopped());
        root.putPOJO("trainingLoss", checkpoint.trainingLoss());
        root.putPOJO("validationLoss", checkpoint.validationLoss());
        root.putPOJO("epochSeconds", checkpoint.epochSeconds());
        try (OutputStream out = fs().create(file, false)) {
            JSON.writerWithDefaultPrettyPrinter().writeValue(out, root);
        }
    }

    private static String text(JsonNode node, String field) {
        return node.has(field) ? node.get(field).asText() : null;
    }

    private FileSystem fs() throws IOException {
        return dir.getFileSystem(conf);
    }
}
