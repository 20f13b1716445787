package io.sparknn.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.ml.predict.ModelScoring;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Label types, feature encodings, tiny inputs and streaming DataFrames. */
class DataShapesTest {

    private static double[] params(NeuralNetClassificationModel model) {
        return Dl4jReference.params(model.network());
    }

    private static NeuralNetClassifier classifier() {
        return new NeuralNetClassifier().setHiddenLayers(6).setEpochs(2).setSeed(11)
                .setBatchSize(8);
    }

    @Test
    void everyNumericLabelTypeGivesTheSameModel() {
        Dataset<Row> df = TestData.frame(TestData.classificationRows(60, 3, 3, 4), 2);
        double[] reference = params(classifier().fit(df));
        for (DataType type : List.of(DataTypes.ByteType, DataTypes.ShortType,
                DataTypes.IntegerType, DataTypes.LongType, DataTypes.FloatType,
                DataTypes.DoubleType, new DecimalType(10, 0))) {
            Dataset<Row> typed = df.withColumn("label", df.col("label").cast(type));
            assertEquals(type, typed.schema().apply("label").dataType());
            assertArrayEquals(reference, params(classifier().fit(typed)), 0.0, type.toString());
        }
    }

    @Test
    void vectorsAndArraysOfFloatsOrDoublesGiveTheSameModel() {
        Dataset<Row> df = TestData.frame(TestData.classificationRows(60, 3, 3, 5), 2);
        double[] reference = params(classifier().fit(df));
        Dataset<Row> doubles = df.withColumn("features",
                org.apache.spark.ml.functions.vector_to_array(df.col("features"), "float64"));
        Dataset<Row> floats = df.withColumn("features",
                org.apache.spark.ml.functions.vector_to_array(df.col("features"), "float32"));
        assertArrayEquals(reference, params(classifier().fit(doubles)), 0.0);
        assertArrayEquals(reference, params(classifier().fit(floats)), 0.0);
        // The model scores array features too.
        assertEquals(60, classifier().fit(floats).transform(floats).count());
    }

    @Test
    void sparseAndDenseVectorsGiveTheSameModel() {
        List<Row> dense = new ArrayList<>();
        List<Row> sparse = new ArrayList<>();
        for (Row r : TestData.classificationRows(40, 6, 2, 6)) {
            double[] x = ((Vector) r.get(0)).toArray();
            for (int i = 0; i < x.length; i += 2) {
                x[i] = 0;
            }
            dense.add(RowFactory.create(Vectors.dense(x), r.get(1)));
            sparse.add(RowFactory.create(Vectors.dense(x).toSparse(), r.get(1)));
        }
        assertArrayEquals(params(classifier().fit(TestData.frame(dense, 2))),
                params(classifier().fit(TestData.frame(sparse, 2))), 0.0);
    }

    @Test
    void aSingleRowDataFrameTrainsAndScores() {
        Dataset<Row> one = TestData.frame(TestData.regressionRows(1, 4, 3), 1);
        NeuralNetRegressionModel model =
                new NeuralNetRegressor().setHiddenLayers(4).setEpochs(3).fit(one);
        assertEquals(3, model.summary().epochs());
        double prediction = model.transform(one).first().getDouble(2);
        assertTrue(Double.isFinite(prediction));
        assertEquals(prediction, model.predict((Vector) one.first().get(0)), 1e-6);
    }

    @Test
    void batchedTransformMatchesSingleRowPredictions() {
        Dataset<Row> df = TestData.frame(TestData.classificationRows(50, 3, 4, 7), 2);
        NeuralNetClassificationModel model = classifier().fit(df).setInferenceBatchSize(7);
        for (Row row : model.transform(df).collectAsList()) {
            Vector features = (Vector) row.get(0);
            Vector raw = (Vector) row.getAs("rawPrediction");
            Vector probability = (Vector) row.getAs("probability");
            assertArrayEquals(model.predictRaw(features).toArray(), raw.toArray(), 1e-6);
            assertArrayEquals(model.predictProbability(features).toArray(), probability.toArray(),
                    1e-6);
            assertEquals(model.predict(features), row.getDouble(row.fieldIndex("prediction")));
            assertEquals(1.0, java.util.Arrays.stream(probability.toArray()).sum(), 1e-5);
        }
    }

    @Test
    void theInferenceBatchSizeIsItsOwnAndChangesNoPrediction() {
        Dataset<Row> df = TestData.frame(TestData.classificationRows(50, 3, 4, 7), 2);
        NeuralNetClassificationModel model = classifier().setBatchSize(4)
                .setInferenceBatchSize(9).fit(df);
        assertEquals(9, model.getInferenceBatchSize(), "passed on to the model");
        assertEquals(4, model.getBatchSize());
        List<Row> byNine = model.transform(df).select("probability").collectAsList();
        for (int rows : new int[] {1, 50, 4096}) {
            List<Row> other = model.setInferenceBatchSize(rows).transform(df)
                    .select("probability").collectAsList();
            for (int i = 0; i < other.size(); i++) {
                assertArrayEquals(((Vector) byNine.get(i).get(0)).toArray(),
                        ((Vector) other.get(i).get(0)).toArray(), 1e-6);
            }
        }
    }

    @Test
    void transformScoresEveryFeatureEncodingAlikeAndPassesOtherColumnsThrough() {
        Dataset<Row> df = TestData.frame(TestData.classificationRows(40, 3, 3, 12), 2)
                .withColumn("id", functions.monotonically_increasing_id())
                .withColumn("name", functions.when(functions.col("id").mod(3).equalTo(0),
                        functions.lit(null)).otherwise(functions.concat(functions.lit("row "),
                        functions.col("id").cast("string"))))
                .withColumn("info", functions.struct(functions.col("id").as("n"),
                        functions.array(functions.lit(1.5), functions.lit(-2.0)).as("xs")));
        NeuralNetClassificationModel model = classifier().fit(df).setInferenceBatchSize(6);
        List<Row> vectors = model.transform(df).orderBy("id").collectAsList();
        Dataset<Row> floats = df.withColumn("features",
                org.apache.spark.ml.functions.vector_to_array(df.col("features"), "float32"));
        Dataset<Row> doubles = df.withColumn("features",
                org.apache.spark.ml.functions.vector_to_array(df.col("features"), "float64"));
        Dataset<Row> sparse = TestData.frame(df.collectAsList().stream()
                .map(r -> RowFactory.create(((Vector) r.get(0)).toSparse(), r.get(1), r.get(2),
                        r.get(3), r.get(4)))
                .toList(), 2, df.schema());
        List<String> passedThrough = List.of("label", "id", "name", "info");
        for (Dataset<Row> encoded : List.of(floats, doubles, sparse)) {
            Dataset<Row> transformed = model.transform(encoded);
            assertEquals("LogicalRDD", topNode(transformed));
            List<Row> scored = transformed.orderBy("id").collectAsList();
            assertEquals(scored, scoredThroughRows(model, encoded));
            List<Row> input = encoded.orderBy("id").collectAsList();
            assertEquals(vectors.size(), scored.size());
            for (int i = 0; i < scored.size(); i++) {
                for (String column : passedThrough) {
                    assertEquals(input.get(i).getAs(column), (Object) scored.get(i).getAs(column),
                            column);
                }
                assertEquals(input.get(i).get(0), scored.get(i).get(0));
                assertArrayEquals(((Vector) vectors.get(i).getAs("probability")).toArray(),
                        ((Vector) scored.get(i).getAs("probability")).toArray(), 1e-6);
                assertEquals((double) vectors.get(i).getAs("prediction"),
                        (double) scored.get(i).getAs("prediction"));
            }
        }
        assertTrue(vectors.stream().anyMatch(r -> r.isNullAt(r.fieldIndex("name"))));
    }

    /** Rows the laziness test's input query has computed (local mode: one JVM). */
    private static final java.util.concurrent.atomic.AtomicLong COMPUTED_ROWS =
            new java.util.concurrent.atomic.AtomicLong();

    @Test
    void transformRunsNothingUntilItsResultDoes() {
        Dataset<Row> df = TestData.frame(TestData.classificationRows(40, 3, 3, 13), 2);
        NeuralNetClassificationModel model = classifier().fit(df);
        df.sparkSession().udf().register("countedRow", (org.apache.spark.sql.api.java.UDF1<
                Double, Double>) label -> {
                    COMPUTED_ROWS.incrementAndGet();
                    return label;
                }, DataTypes.DoubleType);
        // A shuffle over rows that count themselves, and a cache not filled yet: adaptive
        // execution runs a query's shuffle stages, and fills the caches it reads, as soon as the
        // query's RDD is made.
        Dataset<Row> shuffled = df.withColumn("label", functions.callUDF("countedRow",
                functions.col("label"))).repartition(3);
        Dataset<Row> cached = df.select("features", "label").cache();
        // Spark's default, off in the tests' session.
        String adaptive = df.sparkSession().conf().get("spark.sql.adaptive.enabled");
        df.sparkSession().conf().set("spark.sql.adaptive.enabled", "true");
        try {
            COMPUTED_ROWS.set(0);
            int cachedBefore = df.sparkSession().sparkContext().getRDDStorageInfo().length;
            Dataset<Row> fromShuffle = model.transform(shuffled);
            Dataset<Row> fromCache = model.transform(cached);
            assertEquals("LogicalRDD", topNode(fromShuffle));
            assertEquals(List.of("features", "label", "rawPrediction", "probability",
                    "prediction"), List.of(fromCache.columns()));
            assertEquals(0, COMPUTED_ROWS.get(), "rows computed by transform()");
            assertEquals(cachedBefore,
                    df.sparkSession().sparkContext().getRDDStorageInfo().length,
                    "caches filled by transform()");

            assertEquals(40, fromShuffle.count());
            assertEquals(40, COMPUTED_ROWS.get());
            // Both give the Row path's predictions, the cached input's after its cache is filled.
            cached.count();
            assertEquals(sorted(scoredThroughRows(model, cached)), sorted(fromCache
                    .collectAsList()));
            assertEquals(sorted(scoredThroughRows(model, shuffled)),
                    sorted(fromShuffle.collectAsList()));
        } finally {
            df.sparkSession().conf().set("spark.sql.adaptive.enabled", adaptive);
            cached.unpersist();
        }
    }

    private static List<String> sorted(List<Row> rows) {
        return rows.stream().map(Row::toString).sorted().toList();
    }

    private static String topNode(Dataset<Row> df) {
        return df.queryExecution().logical().getClass().getSimpleName();
    }

    /** {@code model}'s transform with batch DataFrames also scored over Rows. */
    private static List<Row> scoredThroughRows(NeuralNetClassificationModel model,
            Dataset<Row> df) {
        SparkTestSession.get().conf().set(ModelScoring.INTERNAL_ROWS_CONF, "false");
        try {
            Dataset<Row> transformed = model.transform(df);
            assertEquals("SerializeFromObject", topNode(transformed));
            return List.of(transformed.columns()).contains("id")
                    ? transformed.orderBy("id").collectAsList()
                    : transformed.collectAsList();
        } finally {
            SparkTestSession.get().conf().unset(ModelScoring.INTERNAL_ROWS_CONF);
        }
    }

    @Test
    void thresholdsChangePredictionsAsInMLlib() {
        Dataset<Row> df = TestData.frame(TestData.classificationRows(80, 3, 2, 8), 2);
        NeuralNetClassificationModel model = classifier().fit(df);
        // A tiny threshold for class 1 makes class 1 win almost everywhere.
        model.setThresholds(new double[] {1.0, 1e-9});
        List<Row> scored = model.transform(df).select("prediction").collectAsList();
        assertTrue(scored.stream().allMatch(r -> r.getDouble(0) == 1.0));
    }

    @Test
    void streamingTransformGivesTheBatchPredictions(@TempDir Path dir)
            throws TimeoutException, StreamingQueryException {
        Dataset<Row> df = TestData.frame(TestData.regressionRows(64, 3, 9), 2)
                .withColumn("id", functions.monotonically_increasing_id());
        NeuralNetRegressionModel model =
                new NeuralNetRegressor().setHiddenLayers(5).setEpochs(2).fit(df);
        String input = dir.resolve("in").toString();
        df.write().parquet(input);

        Dataset<Row> stream = SparkTestSession.get().readStream().schema(df.schema())
                .parquet(input);
        assertTrue(stream.isStreaming());
        StreamingQuery query = model.transform(stream).writeStream().format("memory")
                .queryName("scored_stream").trigger(Trigger.AvailableNow()).start();
        query.awaitTermination();

        List<Row> batch = model.transform(df).orderBy("id").select("id", "prediction")
                .collectAsList();
        List<Row> streamed = SparkTestSession.get().table("scored_stream").orderBy("id")
                .select("id", "prediction").collectAsList();
        assertEquals(64, streamed.size());
        assertEquals(batch, streamed);
    }
}
