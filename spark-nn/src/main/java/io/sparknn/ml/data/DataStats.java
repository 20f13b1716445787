package io.sparknn.ml.data;

import java.io.Serializable;
import java.util.Iterator;

/**
 * What the driver needs to know about the converted data: row counts, the largest label (for the
 * class count) and the feature width, merged over partitions.
 */
public record DataStats(long trainRows, long validationRows, double maxLabel, int minWidth,
        int maxWidth) implements Serializable {

    public static final DataStats EMPTY =
            new DataStats(0, 0, Double.NEGATIVE_INFINITY, Integer.MAX_VALUE, -1);

    /** Statistics of one partition's blocks. */
    public static DataStats of(Iterator<RowBlock> blocks) {
        DataStats stats = EMPTY;
        while (blocks.hasNext()) {
            RowBlock b = blocks.next();
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < b.rows(); i++) {
                max = Math.max(max, b.labels()[i]);
            }
            stats = stats.merge(new DataStats(b.validation() ? 0 : b.rows(),
                    b.validation() ? b.rows() : 0, max, b.width(), b.width()));
        }
        return stats;
    }

    public DataStats merge(DataStats other) {
        return new DataStats(trainRows + other.trainRows, validationRows + other.validationRows,
                Math.max(maxLabel, other.maxLabel), Math.min(minWidth, other.minWidth),
                Math.max(maxWidth, other.maxWidth));
    }
}
