package io.sparknn.ml.persist;

import io.sparknn.ml.param.NeuralNetParams;
import io.sparknn.ml.train.CheckpointSeries;
import io.sparknn.ml.train.Checkpoints;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.network.util.JavaUtils;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * checkpointDir on any Hadoop FileSystem: one {@code training-<fingerprint>/} directory per
 * training ({@link CheckpointSeriesDir}), locked while a fit uses it ({@link CheckpointLock}).
 */
public final class CheckpointStore implements Checkpoints {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);

    /** Spark conf key: how long a checkpoint lock may go unrenewed before it is taken over. */
    public static final String LOCK_TIMEOUT_CONF = "spark.sparknn.checkpoint.lockTimeout";

    private final Path root;
    private final Configuration conf;
    private final int interval;
    private final String application;
    private final long lockTimeoutMs;

    CheckpointStore(Path root, Configuration conf, int interval, String application,
            long lockTimeoutMs) {
        this.root = root;
        this.conf = conf;
        this.interval = interval;
        this.application = application;
        this.lockTimeoutMs = lockTimeoutMs;
    }

    /** The store a stage's params ask for, or null when checkpoints are off. */
    public static CheckpointStore forParams(NeuralNetParams params, SparkSession session) {
        if (!params.checkpointsEnabled()) {
            return null;
        }
        long timeoutMs = JavaUtils.timeStringAsMs(session.conf().get(LOCK_TIMEOUT_CONF, "60s"));
        return new CheckpointStore(new Path(params.getCheckpointDir()),
                session.sparkContext().hadoopConfiguration(), params.getCheckpointInterval(),
                session.sparkContext().applicationId(), timeoutMs);
    }

    @Override
    public void checkWritable() {
        try {
            FileSystem fs = root.getFileSystem(conf);
            fs.mkdirs(root);
            Path probe = new Path(root, ".probe-" + UUID.randomUUID());
            try (OutputStream out = fs.create(probe, false)) {
                out.write(1);
            }
            fs.delete(probe, false);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Param 'checkpointDir' (" + root + ") cannot be"
                    + " written: " + e.getMessage() + ". Choose a directory this application"
                    + " can create and write.", e);
        }
    }

    @Override
    public CheckpointSeries open(String fingerprint) {
        try {
            FileSystem fs = root.getFileSystem(conf);
            if (!CheckpointSeriesDir.checkpointsNewestFirst(fs, root).isEmpty()) {
                throw new IllegalArgumentException("Param 'checkpointDir' (" + root + ") holds"
                        + " epoch-NNNNNN checkpoints in the layout of an earlier spark-nn (one"
                        + " training per directory, format 1), which this version cannot resume;"
                        + " delete them or choose another checkpointDir.");
            }
            Path dir = new Path(root, "training-" + fingerprint.substring(0, 16));
            fs.mkdirs(dir);
            CheckpointLock lock = CheckpointLock.acquire(new Path(dir, "_lock"), conf,
                    application, lockTimeoutMs, "Param 'checkpointDir' (" + dir + ")");
            LOG.info("Checkpoints of this training: {}.", dir);
            return new CheckpointSeriesDir(dir, conf, interval, fingerprint, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the checkpoints in " + root + ": "
                    + e.getMessage(), e);
        }
    }
}
