package io.sparknn.ml.persist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.MLWriter;

/**
 * MLlib's writer for every spark-nn stage: {@code path/metadata} as MLlib writes it, plus
 * whatever the stage keeps under {@code path/data} (a model's network) or beside it (an
 * estimator's initial model), and {@code path/checksums.json}, all saved atomically (see {@link
 * AtomicSave}).
 */
public final class StageWriter extends MLWriter {
    private final Params stage;
    private final Set<String> paramsSavedElsewhere;
    private final ExtraFiles extra;

    /** Writes a stage's files other than its metadata into the directory being saved. */
    @FunctionalInterface
    public interface ExtraFiles {
        void write(String dir, Configuration conf) throws IOException;
    }

    /**
     * @param paramsSavedElsewhere params left out of the metadata because {@code extra} saves them
     * @param extra writes the stage's other files into the directory being saved, or null
     */
    public StageWriter(Params stage, Set<String> paramsSavedElsewhere,
            ExtraFiles extra) {
        this.stage = stage;
        this.paramsSavedElsewhere = paramsSavedElsewhere;
        this.extra = extra;
    }

    /**
     * {@inheritDoc} Fails on an existing path unless {@code overwrite()} was called. The files
     * are listed with their digests in {@code checksums.json} ({@link StageChecksums}).
     */
    @Override
    public void save(String path) throws IOException {
        AtomicSave.save(path, shouldOverwrite(), hadoopConf(), dir -> {
            saveImpl(dir);
            StageChecksums.write(new Path(dir), hadoopConf());
        });
    }

    /** {@inheritDoc} */
    @Override
    public void saveImpl(String path) {
        SparkMlInternals.saveMetadata(stage, path, sc(), paramsSavedElsewhere);
        if (extra != null) {
            try {
                extra.write(path, hadoopConf());
            } catch (IOException e) {
                throw new UncheckedIOException("Saving " + stage.uid() + " to " + path
                        + " failed: " + e.getMessage(), e);
            }
        }
    }

    private Configuration hadoopConf() {
        return sparkSession().sparkContext().hadoopConfiguration();
    }
}
