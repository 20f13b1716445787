package io.sparknn.ml.persist;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.MLReader;

/**
 * MLlib's reader for every spark-nn stage: checks the directory, its files against their
 * checksums ({@link StageChecksums}) and its metadata, lets the stage class build the instance
 * from what it saved, then sets the saved params. Errors say what is wrong and where: a missing
 * path, a directory of another stage class, a missing, damaged or truncated file (naming it,
 * with the original error as the cause), a format written by a newer spark-nn.
 *
 * @param <T> the stage class
 */
public final class StageReader<T extends Params> extends MLReader<T> {
    private final Class<T> stageClass;
    private final StageFactory<T> factory;

    /** Builds a stage from its uid and the files in its directory. */
    @FunctionalInterface
    public interface StageFactory<T> {
        T create(String uid, String path, Configuration conf) throws IOException;
    }

    public StageReader(Class<T> stageClass, StageFactory<T> factory) {
        this.stageClass = stageClass;
        this.factory = factory;
    }

    /** {@inheritDoc} */
    @Override
    public T load(String path) {
        Configuration conf = sparkSession().sparkContext().hadoopConfiguration();
        try {
            Path dir = new Path(path);
            FileSystem fs = dir.getFileSystem(conf);
            if (!fs.exists(dir)) {
                throw new IOException("Cannot load a " + stageClass.getSimpleName() + " from "
                        + path + ": the path does not exist.");
            }
            if (!fs.exists(new Path(dir, "metadata"))) {
                throw new IOException("Cannot load a " + stageClass.getSimpleName() + " from "
                        + path + ": it has no metadata directory (not a saved Spark ML stage).");
            }
            StageChecksums.verify(dir, conf);
            DefaultParamsReader.Metadata metadata = readMetadata(path);
            if (!metadata.className().equals(stageClass.getName())) {
                throw new IllegalArgumentException(path + " holds a " + metadata.className()
                        + ", not a " + stageClass.getName() + "; load it with "
                        + simpleName(metadata.className()) + ".load(path).");
            }
            T stage = factory.create(metadata.uid(), path, conf);
            try {
                SparkMlInternals.setParams(stage, metadata);
            } catch (RuntimeException e) {
                throw damagedMetadata(path, e);
            }
            return stage;
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** MLlib's metadata of the stage at {@code path}, or an error naming the damaged file. */
    private DefaultParamsReader.Metadata readMetadata(String path) {
        try {
            return SparkMlInternals.loadMetadata(path, sc());
        } catch (Exception e) {
            // Also Spark's SparkException, which Scala throws undeclared: the read is a job.
            throw damagedMetadata(path, e);
        }
    }

    private static IllegalArgumentException damagedMetadata(String path, Exception e) {
        return new IllegalArgumentException(new Path(path, "metadata") + " is damaged: it should"
                + " hold Spark ML's JSON metadata (class, uid, params of this stage), but "
                + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
