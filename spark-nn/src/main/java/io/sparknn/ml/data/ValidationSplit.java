package io.sparknn.ml.data;

import java.io.Serializable;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * Decides which rows are validation rows: from a boolean indicator column (MLlib's
 * validationIndicatorCol), or with a fraction, by a seeded hash of the row's content key
 * ({@link RowKeys}): a row is in or out by what it holds and the seed, whatever partition it is
 * in and wherever in it, so a rerun task, a recomputed partition or a repartitioned input makes
 * the same split.
 */
public final class ValidationSplit implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String indicatorColumn;
    private final double fraction;
    private final long seed;

    private ValidationSplit(String indicatorColumn, double fraction, long seed) {
        this.indicatorColumn = indicatorColumn;
        this.fraction = fraction;
        this.seed = seed;
    }

    /** No validation rows. */
    public static ValidationSplit none() {
        return new ValidationSplit(null, 0, 0);
    }

    /** Rows whose boolean column is true are validation rows. */
    public static ValidationSplit byColumn(String column) {
        return new ValidationSplit(column, 0, 0);
    }

    /** Each row is a validation row with probability {@code fraction}. */
    public static ValidationSplit randomFraction(double fraction, long seed) {
        return new ValidationSplit(null, fraction, seed);
    }

    /** Whether an indicator column must be selected after features and label. */
    public boolean usesColumn() {
        return indicatorColumn != null;
    }

    public boolean isEnabled() {
        return indicatorColumn != null || fraction > 0;
    }

    /**
     * Whether the row is a validation row: its field {@code index} (an indicator column), or
     * its content key {@code key} under the seed (a fraction).
     */
    boolean isValidation(InternalRow row, int index, long key) {
        if (indicatorColumn != null) {
            if (row.isNullAt(index)) {
                throw new IllegalArgumentException("Column '" + indicatorColumn
                        + "' has a null value; it must be true (validation) or false (training).");
            }
            return row.getBoolean(index);
        }
        // The top 53 bits of a seeded mix of the key, as a uniform double in [0, 1).
        return fraction > 0
                && (RowKeys.mix64(key ^ RowKeys.mix64(seed)) >>> 11) * 0x1.0p-53 < fraction;
    }
}
