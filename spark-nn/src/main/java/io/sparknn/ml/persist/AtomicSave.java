package io.sparknn.ml.persist;

import java.io.IOException;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Saves a directory so that readers see either the old content or the complete new one: the
 * new content is written to a hidden sibling, then renamed into place; an overwritten directory
 * is moved aside first and deleted only after the rename succeeded. A save that fails halfway
 * (full disk, killed task) leaves the old directory untouched and removes its partial sibling.
 * Works on any Hadoop FileSystem ({@code file:}, {@code hdfs:}, {@code s3a:}, {@code dbfs:});
 * renames are atomic on HDFS and local disks, best effort on object stores.
 */
public final class AtomicSave {
    private AtomicSave() {}

    /** Writes a directory's content to the given (temporary) path. */
    @FunctionalInterface
    public interface DirectoryWriter {
        void writeTo(String path) throws IOException;
    }

    public static void save(String path, boolean overwrite, Configuration conf,
            DirectoryWriter writer) throws IOException {
        Path target = new Path(path);
        FileSystem fs = target.getFileSystem(conf);
        Path qualified = fs.makeQualified(target);
        if (fs.exists(qualified) && !overwrite) {
            throw new IOException("Path " + path + " already exists. To overwrite it, use"
                    + " write().overwrite().save(path).");
        }
        Path parent = qualified.getParent();
        String id = UUID.randomUUID().toString();
        Path temporary = new Path(parent, "." + qualified.getName() + ".saving-" + id);
        try {
            writer.writeTo(temporary.toString());
        } catch (IOException | RuntimeException | Error e) {
            fs.delete(temporary, true);
            throw e;
        }
        if (!fs.exists(qualified)) {
            rename(fs, temporary, qualified);
            return;
        }
        Path replaced = new Path(parent, "." + qualified.getName() + ".replaced-" + id);
        rename(fs, qualified, replaced);
        try {
            rename(fs, temporary, qualified);
        } catch (IOException e) {
            fs.rename(replaced, qualified);
            fs.delete(temporary, true);
            throw e;
        }
        fs.delete(replaced, true);
    }

    private static void rename(FileSystem fs, Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("Could not rename " + from + " to " + to + ".");
        }
    }
}
