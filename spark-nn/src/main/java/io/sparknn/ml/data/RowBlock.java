package io.sparknn.ml.data;

import com.esotericsoftware.kryo.DefaultSerializer;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import java.io.Serializable;

/**
 * Up to a few thousand converted rows of one partition: features row-major in one float array,
 * labels in another, and each row's content key ({@link RowKeys}). This is what spark-nn caches
 * between epochs instead of Spark rows. Records travel through Java serialization also when
 * Spark's serializer is Kryo, whose field serializer cannot build records.
 *
 * @param features {@code rows * width} values, row-major
 * @param labels class index or regression target per row
 * @param keys content key per row
 * @param rows number of rows held
 * @param width features per row
 * @param validation whether these are validation rows
 */
@DefaultSerializer(JavaSerializer.class)
public record RowBlock(float[] features, float[] labels, long[] keys, int rows, int width,
        boolean validation) implements Serializable {}
