package io.sparknn.ml.persist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparknn.ml.param.NeuralNetParams;
import io.sparknn.ml.train.Checkpoints;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Checkpoints in a directory of any Hadoop FileSystem: one {@code epoch-NNNNNN/} directory per
 * checkpoint, written atomically ({@link AtomicSave}), holding {@code network.zip}, {@code
 * best.zip} (when early stopping keeps another epoch) and {@code state.json}; the newest two are
 * kept.
 */
public final class CheckpointStore implements Checkpoints {
    private static final Pattern NAME = Pattern.compile("epoch-(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int KEEP = 2;

    private final Path dir;
    private final Configuration conf;
    private final int interval;

    public CheckpointStore(String dir, Configuration conf, int interval) {
        this.dir = new Path(dir);
        this.conf = conf;
        this.interval = interval;
    }

    /** The store a stage's params ask for, or null when checkpoints are off. */
    public static CheckpointStore forParams(NeuralNetParams params, Configuration conf) {
        return params.checkpointsEnabled()
                ? new CheckpointStore(params.getCheckpointDir(), conf,
                        params.getCheckpointInterval())
                : null;
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
    public Optional<TrainingCheckpoint> latest(String fingerprint) {
        try {
            for (Path candidate : checkpointsNewestFirst()) {
                Path stateFile = new Path(candidate, "state.json");
                if (!fs().exists(stateFile)) {
                    continue;
                }
                JsonNode state;
                try (InputStream in = fs().open(stateFile)) {
                    state = JSON.readTree(in);
                }
                String found = state.get("fingerprint").asText();
                if (!found.equals(fingerprint)) {
                    throw new IllegalArgumentException("Param 'checkpointDir' (" + dir
                            + ") holds checkpoints of another training (its network, seed,"
                            + " batch size, outerLearningRate, validation or data width"
                            + " differ); choose another checkpointDir or delete it to start"
                            + " over.");
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
        String name = String.format("epoch-%06d", checkpoint.epoch());
        try {
            AtomicSave.save(new Path(dir, name).toString(), true, conf, tmp -> {
                NetworkIO.write(checkpoint.state(), new Path(tmp, "network.zip"), conf);
                if (checkpoint.best() != checkpoint.state()) {
                    NetworkIO.write(checkpoint.best(), new Path(tmp, "best.zip"), conf);
                }
                writeState(checkpoint, new Path(tmp, "state.json"));
            });
            List<Path> all = checkpointsNewestFirst();
            for (Path old : all.subList(Math.min(KEEP, all.size()), all.size())) {
                fs().delete(old, true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a checkpoint to " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    private TrainingCheckpoint read(Path candidate, JsonNode state) throws IOException {
        NetworkSnapshot network = NetworkIO.read(new Path(candidate, "network.zip"), conf);
        Path bestFile = new Path(candidate, "best.zip");
        NetworkSnapshot best = fs().exists(bestFile) ? NetworkIO.read(bestFile, conf) : network;
        return new TrainingCheckpoint(state.get("fingerprint").asText(),
                state.get("epoch").asInt(), network, best, state.get("bestEpoch").asInt(),
                Double.parseDouble(state.get("bestLoss").asText()),
                state.get("stopped").asBoolean(), ModelData.doubles(state.get("trainingLoss")),
                ModelData.doubles(state.get("validationLoss")), ModelData.doubles(state.get("epochSeconds")));
    }

    private void writeState(TrainingCheckpoint checkpoint, Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", 1);
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

    private List<Path> checkpointsNewestFirst() throws IOException {
        List<Path> found = new ArrayList<>();
        if (!fs().exists(dir)) {
            return found;
        }
        for (FileStatus status : fs().listStatus(dir)) {
            Matcher m = NAME.matcher(status.getPath().getName());
            if (status.isDirectory() && m.matches()) {
                found.add(status.getPath());
            }
        }
        found.sort(Comparator.comparing((Path p) -> p.getName()).reversed());
        return found;
    }

    private FileSystem fs() throws IOException {
        return dir.getFileSystem(conf);
    }
}
