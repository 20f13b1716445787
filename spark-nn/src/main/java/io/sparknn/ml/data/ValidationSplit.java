package io.sparknn.ml.data;

import java.io.Serializable;
import java.util.SplittableRandom;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * Decides which rows are validation rows: from a boolean indicator column (MLlib's
 * validationIndicatorCol), or at random with a fraction, seeded per partition so a rerun of a
 * task makes the same split.
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

    SplittableRandom randomFor(int partition) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + partition);
    }

    boolean isValidation(InternalRow row, int index, SplittableRandom random) {
        if (indicatorColumn != null) {
            if (row.isNullAt(index)) {
                throw new IllegalArgumentException("Column '" + indicatorColumn
                        + "' has a null value; it must be true (validation) or false (training).");
            }
            return row.getBoolean(index);
        }
        return fraction > 0 && random.nextDouble() < fraction;
    }
}
