package io.sparknn.ml.data;

import java.util.Arrays;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Schema checks for the features column, which may be an ML {@code Vector} (dense or sparse),
 * {@code array<float>} or {@code array<double>}.
 */
public final class FeatureColumns {
    private FeatureColumns() {}

    /**
     * The kind of the features column.
     *
     * @throws IllegalArgumentException naming the column when it is missing or of another type
     */
    public static FeatureKind kindOf(StructType schema, String column) {
        DataType type = field(schema, column).dataType();
        if (type instanceof VectorUDT) {
            return FeatureKind.VECTOR;
        }
        if (type instanceof ArrayType array) {
            if (array.elementType().equals(DataTypes.FloatType)) {
                return FeatureKind.FLOAT_ARRAY;
            }
            if (array.elementType().equals(DataTypes.DoubleType)) {
                return FeatureKind.DOUBLE_ARRAY;
            }
        }
        throw new IllegalArgumentException("Column '" + column
                + "' must be vector, array<float> or array<double>, but is "
                + type.simpleString() + ".");
    }

    /** The vector width declared in the column's ML attribute metadata, or -1 when unknown. */
    public static int declaredWidth(StructType schema, String column) {
        StructField field = field(schema, column);
        if (!(field.dataType() instanceof VectorUDT)) {
            return -1;
        }
        return AttributeGroup.fromStructField(field).size();
    }

    /**
     * The same schema with the features column typed as an ML Vector, so Spark's own schema
     * logic (which only knows vectors) can append the prediction columns.
     */
    public static StructType asVectorColumn(StructType schema, String column) {
        StructField[] fields = schema.fields().clone();
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].name().equals(column)) {
                StructField f = fields[i];
                fields[i] = new StructField(f.name(), new VectorUDT(), f.nullable(), f.metadata());
            }
        }
        return new StructType(fields);
    }

    /** Puts the original features field back into a schema derived with {@link #asVectorColumn}. */
    public static StructType restoreColumn(StructType derived, StructType original, String column) {
        StructField originalField = field(original, column);
        StructField[] fields =
                Arrays.stream(derived.fields())
                        .map(f -> f.name().equals(column) ? originalField : f)
                        .toArray(StructField[]::new);
        return new StructType(fields);
    }

    /**
     * The named field.
     *
     * @throws IllegalArgumentException naming the column and the available ones when missing
     */
    public static StructField field(StructType schema, String column) {
        for (StructField f : schema.fields()) {
            if (f.name().equals(column)) {
                return f;
            }
        }
        throw new IllegalArgumentException("Column '" + column + "' does not exist. Available: "
                + String.join(", ", schema.fieldNames()) + ".");
    }
}
