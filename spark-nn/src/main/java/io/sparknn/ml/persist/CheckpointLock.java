package io.sparknn.ml.persist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lease on a checkpoint series, so that two fits of the same training never write (and prune)
 * the same checkpoints: a {@code _lock} file created only if absent, naming its holder, whose
 * modification time the holder renews every quarter of the timeout. A lock not renewed for the
 * timeout, or whose holder was a process of this host that no longer runs (a killed driver
 * resubmitted on its machine), is taken over. Creating a file only if absent is atomic on HDFS;
 * other file systems are guarded here within one JVM as well.
 */
final class CheckpointLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointLock.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Locks held by this JVM, by qualified path. */
    private static final Set<String> HELD = ConcurrentHashMap.newKeySet();

    private final FileSystem fs;
    private final Path file;
    private final String token;
    private final ScheduledExecutorService renewer;
    private volatile boolean lost;

    private CheckpointLock(FileSystem fs, Path file, String token, long timeoutMs) {
        this.fs = fs;
        this.file = file;
        this.token = token;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "spark-nn checkpoint lock " + file);
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(10, timeoutMs / 4);
        renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Takes the lock {@code file} for {@code application}.
     *
     * @param timeoutMs how long a lock may go unrenewed before another fit takes it over
     * @throws IllegalStateException when another running fit holds it
     */
    static CheckpointLock acquire(Path file, Configuration conf, String application,
            long timeoutMs, String what) {
        try {
            FileSystem fs = file.getFileSystem(conf);
            String key = fs.makeQualified(file).toString();
            if (!HELD.add(key)) {
                throw held(what, "another fit in this application", file);
            }
            try {
                String token = UUID.randomUUID().toString();
                if (!tryCreate(fs, file, application, token)) {
                    JsonNode owner = readOwner(fs, file);
                    long age = System.currentTimeMillis()
                            - fs.getFileStatus(file).getModificationTime();
                    if (age < timeoutMs && !deadOnThisHost(owner)) {
                        throw held(what, describe(owner, age), file);
                    }
                    LOG.warn("Taking over the checkpoint lock {} of {}: not renewed for {} s.",
                            file, describe(owner, age), age / 1000);
                    fs.delete(file, false);
                    if (!tryCreate(fs, file, application, token)) {
                        throw held(what, describe(readOwner(fs, file), 0), file);
                    }
                }
                return new CheckpointLock(fs, file, token, timeoutMs);
            } catch (IOException | RuntimeException e) {
                HELD.remove(key);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot take the checkpoint lock " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** Fails when another fit took the lock over (this one was not renewed in time). */
    void check() {
        if (lost) {
            throw new IllegalStateException("Another fit took over the checkpoint lock " + file
                    + " (this fit did not renew it in time); stopping so that the two do not"
                    + " overwrite each other's checkpoints.");
        }
    }

    @Override
    public void close() {
        renewer.shutdownNow();
        try {
            if (!lost && token.equals(text(readOwner(fs, file), "token"))) {
                fs.delete(file, false);
            }
        } catch (IOException e) {
            LOG.warn("Could not release the checkpoint lock {}: {}", file, e.getMessage());
        } finally {
            HELD.remove(fs.makeQualified(file).toString());
        }
    }

    private void renew() {
        try {
            if (!token.equals(text(readOwner(fs, file), "token"))) {
                lost = true;
                renewer.shutdown();
                return;
            }
            fs.setTimes(file, System.currentTimeMillis(), -1);
        } catch (IOException e) {
            LOG.warn("Could not renew the checkpoint lock {}: {}", file, e.getMessage());
        }
    }

    private static boolean tryCreate(FileSystem fs, Path file, String application, String token)
            throws IOException {
        if (fs.exists(file)) {
            return false;
        }
        ObjectNode owner = JSON.createObjectNode();
        owner.put("token", token);
        owner.put("application", application);
        owner.put("host", hostName());
        owner.put("pid", ProcessHandle.current().pid());
        try (OutputStream out = fs.create(file, false)) {
            JSON.writeValue(out, owner);
        } catch (FileAlreadyExistsException e) {
            return false;
        }
        return true;
    }

    private static JsonNode readOwner(FileSystem fs, Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            // Gone, or left empty or partial by a holder killed while writing it.
            return null;
        }
    }

    /** Whether the holder was a process of this host that has ended. */
    private static boolean deadOnThisHost(JsonNode owner) {
        if (owner == null || !hostName().equals(text(owner, "host")) || !owner.has("pid")) {
            return false;
        }
        long pid = owner.get("pid").asLong();
        return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty();
    }

    private static String describe(JsonNode owner, long ageMs) {
        if (owner == null) {
            return "an unknown fit";
        }
        return "application " + text(owner, "application") + " (host " + text(owner, "host")
                + ", pid " + text(owner, "pid") + ", renewed " + ageMs / 1000 + " s ago)";
    }

    private static IllegalStateException held(String what, String holder, Path file) {
        return new IllegalStateException(what + " is in use by " + holder + ". Two fits of the"
                + " same training must not share checkpoints: wait for the other fit to end, or,"
                + " if it is gone, retry after spark.sparknn.checkpoint.lockTimeout or delete "
                + file + ".");
    }

    private static String text(JsonNode node, String field) {
        return node == null || !node.has(field) ? null : node.get(field).asText();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
