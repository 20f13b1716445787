package io.sparknn.ml.train;

import io.sparknn.ml.data.DataStats;
import io.sparknn.ml.data.Standardization;
import org.apache.spark.sql.SparkSession;

/**
 * Whether a fit trains and validates from sparse batches (each row's nonzero values, see {@link
 * io.sparknn.ml.data.SparseBatch}) rather than dense {@code rows x width} matrices: for wide
 * features of which few are nonzero, as hashed text and one-hot columns are. Decided on the
 * driver from what the conversion pass counted, never from how the input vectors were stored, so
 * the same rows given as sparse or dense vectors train the same model.
 */
public final class SparseInput {
    /**
     * Spark conf key: the narrowest input that trains from sparse batches (a huge value turns
     * them off).
     */
    public static final String MIN_WIDTH_CONF = "spark.sparknn.sparse.minWidth";
    /** Default of {@link #MIN_WIDTH_CONF}: narrower rows are held densely anyway. */
    public static final int MIN_WIDTH = 256;
    /**
     * Sparse batches for data with fewer nonzero values than this. Measured ({@code bench/run
     * "sparse threshold"}, bench/SPARSE.md): one step on sparse batches takes a third to half
     * of a dense one at 1% nonzero, about as long at 5% for 256-4,096 features and a third
     * longer for 16,384. Below standardization's {@link Standardization#CENTER_DENSITY}, so
     * sparse batches are never centered (which would make them dense).
     */
    public static final double MAX_DENSITY = 0.03;

    private SparseInput() {}

    /** {@link #MIN_WIDTH_CONF} in {@code session}, or its default. */
    public static int minWidth(SparkSession session) {
        return Integer.parseInt(session.conf().get(MIN_WIDTH_CONF, String.valueOf(MIN_WIDTH)));
    }

    /**
     * Whether rows with these statistics train from sparse batches.
     *
     * @param standardization what the rows are standardized with, or null
     */
    public static boolean use(DataStats stats, Standardization standardization,
            SparkSession session) {
        return stats.maxWidth() >= minWidth(session) && stats.density() < MAX_DENSITY
                && (standardization == null || !standardization.centered());
    }
}
