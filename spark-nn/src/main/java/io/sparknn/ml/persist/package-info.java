/**
 * Persistence through MLlib's MLWriter/MLReader: {@link io.sparknn.ml.persist.StageWriter} and
 * {@link io.sparknn.ml.persist.StageReader} write and read {@code path/metadata} (MLlib's params
 * JSON, through {@link io.sparknn.ml.persist.SparkMlInternals}) and {@code path/data/} (the DL4J
 * network zip, {@link io.sparknn.ml.persist.NetworkIO}, and {@link
 * io.sparknn.ml.persist.ModelData}), atomically ({@link io.sparknn.ml.persist.AtomicSave}) and
 * through Hadoop's FileSystem API.
 */
package io.sparknn.ml.persist;
