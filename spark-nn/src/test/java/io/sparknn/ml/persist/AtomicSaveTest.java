package io.sparknn.ml.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A save that fails halfway leaves the old directory intact and nothing else behind. */
class AtomicSaveTest {
    private static final Configuration CONF = new Configuration();

    private static void writeFile(String dir, String name, String text) throws IOException {
        Path local = Path.of(new org.apache.hadoop.fs.Path(dir).toUri().getPath());
        Files.createDirectories(local);
        Files.writeString(local.resolve(name), text);
    }

    @Test
    void aFailedOverwriteKeepsTheOldContent(@TempDir Path dir) throws IOException {
        String target = dir.resolve("model").toString();
        AtomicSave.save(target, false, CONF, tmp -> writeFile(tmp, "a.txt", "old"));
        IOException failure = assertThrows(IOException.class,
                () -> AtomicSave.save(target, true, CONF, tmp -> {
                    writeFile(tmp, "a.txt", "new, half written");
                    throw new IOException("No space left on device");
                }));
        assertEquals("No space left on device", failure.getMessage());
        assertEquals("old", Files.readString(dir.resolve("model/a.txt")));
        try (var entries = Files.list(dir)) {
            assertEquals(1, entries.count(), "no temporary sibling is left");
        }
    }

    @Test
    void overwriteReplacesAndRefusesWithoutIt(@TempDir Path dir) throws IOException {
        String target = dir.resolve("model").toString();
        AtomicSave.save(target, false, CONF, tmp -> writeFile(tmp, "a.txt", "one"));
        IOException exists = assertThrows(IOException.class,
                () -> AtomicSave.save(target, false, CONF, tmp -> writeFile(tmp, "a.txt", "two")));
        assertEquals("one", Files.readString(dir.resolve("model/a.txt")));
        assertEquals(true, exists.getMessage().contains("already exists"));
        AtomicSave.save(target, true, CONF, tmp -> writeFile(tmp, "b.txt", "two"));
        assertEquals("two", Files.readString(dir.resolve("model/b.txt")));
        assertEquals(false, Files.exists(dir.resolve("model/a.txt")));
        try (var entries = Files.list(dir)) {
            assertEquals(1, entries.count());
        }
    }
}
