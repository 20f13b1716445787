/**
 * From DataFrame rows to ND4J batches. {@link io.sparknn.ml.data.FeatureColumns} checks the
 * schema; {@link io.sparknn.ml.data.RowBlockConverter} copies each partition's rows once into
 * cached {@link io.sparknn.ml.data.RowBlock}s (checking widths, NaN and labels through
 * {@link io.sparknn.ml.data.FeatureReader} and {@link io.sparknn.ml.data.LabelEncoder});
 * {@link io.sparknn.ml.data.RowBatcher} streams the blocks into mini-batches every epoch.
 */
package io.sparknn.ml.data;
