package io.sparknn.ml.data;

import com.esotericsoftware.kryo.DefaultSerializer;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import java.io.Serializable;
import java.util.Iterator;

/**
 * What the driver needs to know about the converted data: row counts, the largest label (for the
 * class count), the feature width and the sums of the rows' content keys ({@link RowKeys}: equal
 * for the same rows in any order, so they identify the data for checkpoints), merged over
 * partitions.
 *
 * @param trainKeySum the training rows' keys summed (mod 2^64)
 * @param validationKeySum the validation rows' keys summed (mod 2^64)
 */
@DefaultSerializer(JavaSerializer.class)
public record DataStats(long trainRows, long validationRows, double maxLabel, int minWidth,
        int maxWidth, long trainKeySum, long validationKeySum) implements Serializable {

    public static final DataStats EMPTY =
            new DataStats(0, 0, Double.NEGATIVE_INFINITY, Integer.MAX_VALUE, -1, 0, 0);

    /** Statistics of one partition's blocks. */
    public static DataStats of(Iterator<RowBlock> blocks) {
        DataStats stats = EMPTY;
        while (blocks.hasNext()) {
            RowBlock b = blocks.next();
            double max = Double.NEGATIVE_INFINITY;
            long keys = 0;
            for (int i = 0; i < b.rows(); i++) {
                max = Math.max(max, b.labels()[i]);
                keys += b.keys()[i];
            }
            stats = stats.merge(new DataStats(b.validation() ? 0 : b.rows(),
                    b.validation() ? b.rows() : 0, max, b.width(), b.width(),
                    b.validation() ? 0 : keys, b.validation() ? keys : 0));
        }
        return stats;
    }

    public DataStats merge(DataStats other) {
        return new DataStats(trainRows + other.trainRows, validationRows + other.validationRows,
                Math.max(maxLabel, other.maxLabel), Math.min(minWidth, other.minWidth),
                Math.max(maxWidth, other.maxWidth), trainKeySum + other.trainKeySum,
                validationKeySum + other.validationKeySum);
    }
}
