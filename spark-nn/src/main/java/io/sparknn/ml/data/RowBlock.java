package io.sparknn.ml.data;

import java.io.Serializable;

/**
 * Up to a few thousand converted rows of one partition: features row-major in one float array,
 * labels in another. This is what spark-nn caches between epochs instead of Spark rows.
 *
 * @param features {@code rows * width} values, row-major
 * @param labels class index or regression target per row
 * @param rows number of rows held
 * @param width features per row
 * @param validation whether these are validation rows
 */
public record RowBlock(float[] features, float[] labels, int rows, int width, boolean validation)
        implements Serializable {}
