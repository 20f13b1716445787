package io.sparknn.ml.data;

import io.sparknn.ml.param.NeuralNetParams;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;

/**
 * Schema validation for every stage, run by {@code transformSchema} so that bad columns and
 * conflicting params fail before any Spark job. Spark's own schema logic only knows vector
 * features; it sees the features column as a vector and the original field is put back after.
 */
public final class StageSchemas {
    private StageSchemas() {}

    /**
     * Checks {@code schema} for {@code stage} and returns Spark's output schema.
     *
     * @param fitting true for an estimator's fit (the label and validation columns are needed)
     * @param numFeatures a model's input width, or -1 for an estimator
     * @param sparkLogic Spark's validateAndTransformSchema of the stage's superclass
     */
    public static StructType validateAndTransform(NeuralNetParams stage, StructType schema,
            boolean fitting, int numFeatures, UnaryOperator<StructType> sparkLogic) {
        String featuresCol = stage.getFeaturesCol();
        FeatureColumns.kindOf(schema, featuresCol);
        int declared = FeatureColumns.declaredWidth(schema, featuresCol);
        if (numFeatures > 0 && declared >= 0 && declared != numFeatures) {
            throw new IllegalArgumentException("Column '" + featuresCol + "' holds vectors of "
                    + declared + " features, but the model was trained on " + numFeatures + ".");
        }
        if (fitting) {
            checkParamCombinations(stage);
            checkFitColumns(stage, schema);
        }
        StructType asVector = FeatureColumns.asVectorColumn(schema, featuresCol);
        return FeatureColumns.restoreColumn(sparkLogic.apply(asVector), schema, featuresCol);
    }

    private static void checkFitColumns(NeuralNetParams stage, StructType schema) {
        String labelCol = stage.getLabelCol();
        DataType labelType = FeatureColumns.field(schema, labelCol).dataType();
        if (!(labelType instanceof NumericType)) {
            // MLlib's own words (SchemaUtils.checkNumericType), which its users search for and
            // its test utilities check.
            throw new IllegalArgumentException("Column " + labelCol + " must be of type numeric"
                    + " but was actually of type " + labelType.catalogString() + ".");
        }
        if (stage.isDefined(stage.validationIndicatorCol())
                && !stage.getValidationIndicatorCol().isEmpty()) {
            String column = stage.getValidationIndicatorCol();
            if (!FeatureColumns.field(schema, column).dataType().equals(DataTypes.BooleanType)) {
                throw new IllegalArgumentException("Column '" + column
                        + "' (validationIndicatorCol) must be boolean, but is "
                        + FeatureColumns.field(schema, column).dataType().simpleString() + ".");
            }
        }
    }

    /** Rules that involve more than one param (single-param rules live in the validators). */
    private static void checkParamCombinations(NeuralNetParams stage) {
        boolean byColumn = stage.isDefined(stage.validationIndicatorCol())
                && !stage.getValidationIndicatorCol().isEmpty();
        if (byColumn && stage.getValidationFraction() > 0) {
            throw new IllegalArgumentException("Set either validationIndicatorCol ('"
                    + stage.getValidationIndicatorCol() + "') or validationFraction ("
                    + stage.getValidationFraction() + "), not both.");
        }
        if (stage.getEarlyStoppingPatience() > 0 && !stage.hasValidation()) {
            throw new IllegalArgumentException("earlyStoppingPatience="
                    + stage.getEarlyStoppingPatience() + " needs validation rows: set"
                    + " validationIndicatorCol or validationFraction.");
        }
    }
}
