package io.sparknn.ml;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every kind of bad input fails with an IllegalArgumentException naming the column. */
class BadInputTest {

    private static StructType schema(DataType features, DataType label) {
        return new StructType(new StructField[] {
            new StructField("x", features, true, Metadata.empty()),
            new StructField("y", label, true, Metadata.empty())
        });
    }

    private static Dataset<Row> frame(StructType schema, Object[]... rows) {
        List<Row> list = new ArrayList<>();
        for (Object[] r : rows) {
            list.add(RowFactory.create(r));
        }
        return TestData.frame(list, 2, schema);
    }

    private static NeuralNetClassifier classifier() {
        return new NeuralNetClassifier().setFeaturesCol("x").setLabelCol("y").setEpochs(1)
                .setHiddenLayers(4);
    }

    private static NeuralNetRegressor regressor() {
        return new NeuralNetRegressor().setFeaturesCol("x").setLabelCol("y").setEpochs(1)
                .setHiddenLayers(4);
    }

    /** Asserts an IllegalArgumentException (possibly as the cause of a Spark failure). */
    private static void assertRejected(Executable action, String... fragments) {
        Throwable thrown = assertThrows(Exception.class, action);
        Throwable cause = thrown;
        while (cause != null && !(cause instanceof IllegalArgumentException)) {
            cause = cause.getCause();
        }
        assertTrue(cause != null, "expected an IllegalArgumentException, got " + thrown);
        for (String fragment : fragments) {
            assertTrue(cause.getMessage().contains(fragment),
                    "message '" + cause.getMessage() + "' lacks '" + fragment + "'");
        }
    }

    private static final StructType DOUBLES =
            schema(DataTypes.createArrayType(DataTypes.DoubleType), DataTypes.DoubleType);

    private static Object[] row(double label, Double... features) {
        return new Object[] {features, label};
    }

    @Test
    void rejectsFeaturesOfTheWrongType() {
        Dataset<Row> df = frame(schema(DataTypes.StringType, DataTypes.DoubleType),
                new Object[] {"a", 1.0});
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> classifier().fit(df));
        assertTrue(e.getMessage().contains("Column 'x' must be vector, array<float> or"
                + " array<double>, but is string"), e.getMessage());
    }

    @Test
    void rejectsANonNumericLabel() {
        Dataset<Row> df = frame(schema(new VectorUDT(), DataTypes.StringType),
                new Object[] {Vectors.dense(1, 2), "cat"});
        // MLlib's message, word for word.
        assertRejected(() -> classifier().fit(df),
                "Column y must be of type numeric but was actually of type string.");
    }

    @Test
    void rejectsAMissingFeaturesColumn() {
        Dataset<Row> df = frame(DOUBLES, row(0, 1.0));
        assertRejected(() -> classifier().setFeaturesCol("pixels").fit(df),
                "Column 'pixels' does not exist");
    }

    @Test
    void rejectsFeaturesOfUnequalWidth() {
        Dataset<Row> df = frame(DOUBLES, row(0, 1.0, 2.0), row(1, 1.0, 2.0),
                row(0, 1.0, 2.0, 3.0), row(1, 1.0, 2.0, 3.0));
        assertRejected(() -> classifier().fit(df), "Column 'x'", "2", "3");
    }

    @Test
    void rejectsFeaturesOfTheWrongWidthAtTransform() {
        NeuralNetRegressionModel model =
                regressor().fit(frame(DOUBLES, row(0, 1.0, 2.0), row(1, 2.0, 1.0)));
        Dataset<Row> wider = frame(DOUBLES, row(0, 1.0, 2.0, 3.0));
        assertRejected(() -> model.transform(wider).collect(), "Column 'x'", "3 features",
                "expected 2");
    }

    @Test
    void rejectsNullAndNonFiniteFeaturesAtTransform() {
        NeuralNetRegressionModel model =
                regressor().fit(frame(DOUBLES, row(0, 1.0, 2.0), row(1, 2.0, 1.0)));
        assertRejected(() -> model.transform(frame(DOUBLES, row(0, 1.0, Double.NaN))).collect(),
                "Column 'x'", "NaN");
        assertRejected(() -> model.transform(frame(DOUBLES, new Object[] {null, 1.0}))
                .collect(), "Column 'x'", "null value");
        assertRejected(() -> model.transform(frame(DOUBLES, row(0, 1.0, null))).collect(),
                "Column 'x'", "null element at position 1");
        StructType floats =
                schema(DataTypes.createArrayType(DataTypes.FloatType), DataTypes.DoubleType);
        assertRejected(() -> model.transform(frame(floats,
                new Object[] {new Float[] {1f, Float.POSITIVE_INFINITY}, 0.0})).collect(),
                "Column 'x'", "Infinity");
        StructType vectors = schema(new VectorUDT(), DataTypes.DoubleType);
        assertRejected(() -> model.transform(frame(vectors,
                new Object[] {Vectors.sparse(2, new int[] {1}, new double[] {Double.NaN}), 0.0}))
                .collect(), "Column 'x'", "NaN");
    }

    @Test
    void rejectsVectorsDeclaredWiderThanTheModelBeforeAnyJob() {
        NeuralNetRegressionModel model = new NeuralNetRegressor().setEpochs(1).setHiddenLayers(2)
                .fit(TestData.frame(TestData.regressionRows(20, 3, 1), 1));
        StructType declared = new StructType(new StructField[] {
            new org.apache.spark.ml.attribute.AttributeGroup("features", 5).toStructField(),
            new StructField("label", DataTypes.DoubleType, true, Metadata.empty())
        });
        Dataset<Row> df = TestData.frame(TestData.regressionRows(1, 5, 1), 1, declared);
        assertRejected(() -> model.transform(df), "Column 'features'", "5 features",
                "trained on 3");
    }

    @Test
    void rejectsNaNAndInfiniteFeatures() {
        assertRejected(() -> regressor().fit(frame(DOUBLES, row(0, 1.0), row(1, Double.NaN))),
                "Column 'x'", "NaN");
        assertRejected(() -> regressor().fit(frame(DOUBLES, row(0, 1.0),
                row(1, Double.POSITIVE_INFINITY))), "Column 'x'", "Infinity");
        assertRejected(() -> regressor().fit(frame(schema(new VectorUDT(), DataTypes.DoubleType),
                new Object[] {Vectors.dense(1, Double.NaN), 1.0})), "Column 'x'", "NaN");
    }

    @Test
    void rejectsNullFeatures() {
        assertRejected(() -> regressor().fit(frame(DOUBLES, row(0, 1.0),
                new Object[] {null, 1.0})), "Column 'x'", "null");
    }

    @Test
    void rejectsNullAndNaNLabels() {
        assertRejected(() -> classifier().fit(frame(DOUBLES, row(0, 1.0),
                new Object[] {new Double[] {2.0}, null})), "Column 'y'", "null label");
        assertRejected(() -> regressor().fit(frame(DOUBLES, row(0, 1.0),
                row(Double.NaN, 2.0))), "Column 'y'", "NaN");
    }

    @Test
    void rejectsNegativeAndFractionalClassLabels() {
        assertRejected(() -> classifier().fit(frame(DOUBLES, row(0, 1.0), row(-1, 2.0))),
                "Column 'y'", "-1.0", "whole numbers");
        assertRejected(() -> classifier().fit(frame(DOUBLES, row(0, 1.0), row(1.5, 2.0))),
                "Column 'y'", "1.5");
    }

    @Test
    void rejectsALabelBeyondTheDeclaredClasses() {
        Metadata threeClasses = NominalAttribute.defaultAttr().withName("y").withNumValues(3)
                .toMetadata();
        StructType schema = new StructType(new StructField[] {
            new StructField("x", DataTypes.createArrayType(DataTypes.DoubleType), true,
                    Metadata.empty()),
            new StructField("y", DataTypes.DoubleType, true, threeClasses)
        });
        assertRejected(() -> classifier().fit(frame(schema, row(0, 1.0), row(3, 2.0))),
                "Column 'y'", "3.0", "3 classes");
    }

    @Test
    void rejectsASingleClass() {
        assertRejected(() -> classifier().fit(frame(DOUBLES, row(0, 1.0), row(0, 2.0))),
                "Column 'y'", "at least two");
    }

    @Test
    void rejectsEmptyTrainingData() {
        Dataset<Row> empty = frame(DOUBLES, row(0, 1.0)).limit(0);
        assertRejected(() -> regressor().fit(empty), "empty", "Column 'x'");
    }

    @Test
    void rejectsAValidationColumnSelectingAllOrNoRows() {
        StructType schema = new StructType(DOUBLES.fields())
                .add("isVal", DataTypes.BooleanType, false);
        Dataset<Row> allValidation = frame(schema, new Object[] {new Double[] {1.0}, 0.0, true},
                new Object[] {new Double[] {2.0}, 1.0, true});
        Dataset<Row> noValidation = frame(schema, new Object[] {new Double[] {1.0}, 0.0, false},
                new Object[] {new Double[] {2.0}, 1.0, false});
        assertRejected(() -> regressor().setValidationIndicatorCol("isVal").fit(allValidation),
                "Column 'isVal'", "all 2 rows");
        assertRejected(() -> regressor().setValidationIndicatorCol("isVal").fit(noValidation),
                "Column 'isVal'", "none of the 2 rows");
    }

    @Test
    void rejectsANonBooleanValidationColumn() {
        StructType schema = new StructType(DOUBLES.fields()).add("isVal", DataTypes.IntegerType);
        Dataset<Row> df = frame(schema, new Object[] {new Double[] {1.0}, 0.0, 1});
        assertRejected(() -> regressor().setValidationIndicatorCol("isVal").fit(df),
                "Column 'isVal'", "boolean");
    }

    @Test
    void rejectsConflictingValidationParamsBeforeAnyJob() {
        Dataset<Row> df = frame(DOUBLES, row(0, 1.0));
        assertRejected(() -> regressor().setValidationIndicatorCol("v").setValidationFraction(0.2)
                .transformSchema(df.schema()), "validationIndicatorCol", "validationFraction");
        assertRejected(() -> regressor().setEarlyStoppingPatience(2)
                .transformSchema(df.schema()), "earlyStoppingPatience", "validation");
    }

    @Test
    void rejectsANetworkThatDoesNotFitTheData() {
        Dataset<Row> twoFeatures = frame(DOUBLES, row(0, 1.0, 2.0));
        assertRejected(() -> regressor().setNetwork(TestData.outputLayerOnly(3, 1))
                .fit(twoFeatures), "network", "2 features", "column 'x'");
        assertRejected(() -> regressor().setNetwork(TestData.outputLayerOnly(2, 2))
                .fit(twoFeatures), "2 outputs", "column 'y'");
    }
}
