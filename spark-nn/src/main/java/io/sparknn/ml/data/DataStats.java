package io.sparknn.ml.data;

import com.esotericsoftware.kryo.DefaultSerializer;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * What the driver needs to know about the converted data: row counts, the largest label (for the
 * class count), the feature width, the sums of the rows' content keys ({@link RowKeys}: equal
 * for the same rows in any order, so they identify the data for checkpoints) and, for
 * standardization, the training rows' per-feature moments; merged over partitions.
 *
 * @param trainKeySum the training rows' keys summed (mod 2^64)
 * @param validationKeySum the validation rows' keys summed (mod 2^64)
 * @param moments the training rows' feature moments, or empty when not asked for
 * @param trainNonzeros the training rows' nonzero feature values, counted
 */
@DefaultSerializer(JavaSerializer.class)
public record DataStats(long trainRows, long validationRows, double maxLabel, int minWidth,
        int maxWidth, long trainKeySum, long validationKeySum, FeatureMoments moments,
        long trainNonzeros) implements Serializable {

    public static final DataStats EMPTY = new DataStats(0, 0, Double.NEGATIVE_INFINITY,
            Integer.MAX_VALUE, -1, 0, 0, FeatureMoments.empty(), 0);

    /**
     * Statistics of one partition's blocks, read a chunk at a time ({@link BlockChunks}).
     *
     * @param withMoments whether to compute the training rows' feature moments
     * @param chunkBytes the most feature bytes held at once, 0 for the default
     */
    public static DataStats of(Iterator<RowBlock> blocks, boolean withMoments, long chunkBytes) {
        DataStats stats = EMPTY;
        BlockChunks chunks = new BlockChunks(blocks, chunkBytes);
        while (chunks.hasNext()) {
            List<RowBlock> training = new ArrayList<>();
            for (RowBlock b : chunks.next()) {
                stats = stats.merge(ofBlock(b));
                if (!b.validation()) {
                    training.add(b);
                }
            }
            if (withMoments && !training.isEmpty()) {
                stats = stats.withMoments(stats.moments.merge(FeatureMoments.of(training)));
            }
        }
        return stats;
    }

    private static DataStats ofBlock(RowBlock b) {
        double max = Double.NEGATIVE_INFINITY;
        long keys = 0;
        long nonzeros = 0;
        for (int i = 0; i < b.rows(); i++) {
            max = Math.max(max, b.labels()[i]);
            keys += b.keys()[i];
            nonzeros += b.validation() ? 0 : b.nonzeros(i);
        }
        return new DataStats(b.validation() ? 0 : b.rows(), b.validation() ? b.rows() : 0, max,
                b.width(), b.width(), b.validation() ? 0 : keys, b.validation() ? keys : 0,
                FeatureMoments.empty(), nonzeros);
    }

    /** The fraction of the training rows' feature values that are not 0. */
    public double density() {
        return trainRows == 0 || maxWidth <= 0 ? 0
                : (double) trainNonzeros / ((double) trainRows * maxWidth);
    }

    public DataStats merge(DataStats other) {
        return new DataStats(trainRows + other.trainRows, validationRows + other.validationRows,
                Math.max(maxLabel, other.maxLabel), Math.min(minWidth, other.minWidth),
                Math.max(maxWidth, other.maxWidth), trainKeySum + other.trainKeySum,
                validationKeySum + other.validationKeySum, moments.merge(other.moments),
                trainNonzeros + other.trainNonzeros);
    }

    private DataStats withMoments(FeatureMoments m) {
        return new DataStats(trainRows, validationRows, maxLabel, minWidth, maxWidth,
                trainKeySum, validationKeySum, m, trainNonzeros);
    }
}
