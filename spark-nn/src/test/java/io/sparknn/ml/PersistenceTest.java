package io.sparknn.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.functions;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.ml.tuning.TrainValidationSplit;
import org.apache.spark.ml.tuning.TrainValidationSplitModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.JavaConverters;

/** Save/load, Pipelines, model selection and evaluators, for all four stages. */
class PersistenceTest {
    private static final String[] COLUMNS = {"a", "b", "c"};

    /** Rows with numeric columns a, b, c and a label, as a Pipeline's input. */
    private static Dataset<Row> columns(Dataset<Row> vectors) {
        Column array = functions.vector_to_array(vectors.col("features"), "float64");
        return vectors.select(array.getItem(0).as("a"), array.getItem(1).as("b"),
                array.getItem(2).as("c"), vectors.col("label"));
    }

    private static Dataset<Row> classes() {
        return TestData.frame(TestData.classificationRows(120, 3, 3, 1), 2);
    }

    private static Dataset<Row> targets() {
        return TestData.frame(TestData.regressionRows(120, 3, 2), 2);
    }

    @Test
    void classifierAndModelConform(@TempDir Path dir) throws IOException {
        NeuralNetClassifier estimator = new NeuralNetClassifier().setHiddenLayers(8, 4)
                .setEpochs(3).setLearningRate(0.01).setSeed(4).setThresholds(
                        new double[] {0.3, 0.3, 0.4});
        MlConformance.checkParams(estimator);
        MlConformance.checkSaveLoad(estimator, NeuralNetClassifier::load, dir);

        NeuralNetClassificationModel model = estimator.fit(classes());
        MlConformance.checkParams(model);
        NeuralNetClassificationModel loaded =
                MlConformance.checkSaveLoad(model, NeuralNetClassificationModel::load, dir);
        assertEquals(model.numClasses(), loaded.numClasses());
        assertEquals(model.numFeatures(), loaded.numFeatures());
        assertArrayEquals(model.summary().trainingLossHistory(),
                loaded.summary().trainingLossHistory());
        assertArrayEquals(model.summary().fitLoopSeconds(), loaded.summary().fitLoopSeconds());
        assertEquals(model.transform(classes()).collectAsList(),
                loaded.transform(classes()).collectAsList());
        assertArrayEquals(Dl4jReference.params(model.network()),
                Dl4jReference.params(loaded.network()), 0.0);

        MlConformance.checkPipeline(new NeuralNetClassifier().setHiddenLayers(6).setEpochs(2),
                columns(classes()), COLUMNS, dir.resolve("p"));
    }

    @Test
    void regressorAndModelConform(@TempDir Path dir) throws IOException {
        NeuralNetRegressor estimator = new NeuralNetRegressor().setHiddenLayers(8).setEpochs(3)
                .setOptimizer("sgd").setValidationFraction(0.2).setSeed(5);
        MlConformance.checkParams(estimator);
        MlConformance.checkSaveLoad(estimator, NeuralNetRegressor::load, dir);
        NeuralNetRegressionModel model = estimator.fit(targets());
        MlConformance.checkParams(model);
        NeuralNetRegressionModel loaded =
                MlConformance.checkSaveLoad(model, NeuralNetRegressionModel::load, dir);
        assertArrayEquals(model.summary().validationLossHistory(),
                loaded.summary().validationLossHistory());
        assertEquals(model.transform(targets()).collectAsList(),
                loaded.transform(targets()).collectAsList());

        MlConformance.checkPipeline(new NeuralNetRegressor().setHiddenLayers(6).setEpochs(2),
                columns(targets()), COLUMNS, dir.resolve("p"));
    }

    @Test
    void estimatorWithACustomNetworkRoundTrips(@TempDir Path dir) throws IOException {
        NeuralNetRegressor estimator = new NeuralNetRegressor()
                .setNetwork(TestData.outputLayerOnly(3, 1));
        NeuralNetRegressor loaded = MlConformance.checkSaveLoad(estimator, NeuralNetRegressor::load,
                dir);
        assertEquals(estimator.getNetwork(), loaded.getNetwork());
        assertTrue(loaded.hasCustomNetwork());
    }


    @Test
    void crossValidatorTunesHiddenLayersLearningRateAndEpochsInParallel(@TempDir Path dir)
            throws IOException {
        NeuralNetClassifier estimator = new NeuralNetClassifier().setSeed(2);
        ParamMap[] grid = new ParamGridBuilder()
                .addGrid(estimator.hiddenLayers(), JavaConverters.iterableAsScalaIterable(
                        List.of(new int[] {4}, new int[] {12})))
                .addGrid(estimator.learningRate(), new double[] {0.01, 0.05})
                .addGrid(estimator.epochs(), new int[] {2})
                .build();
        CrossValidatorModel cv = MlConformance.checkCrossValidator(estimator, grid,
                new MulticlassClassificationEvaluator(), classes(), dir);
        assertTrue(cv.bestModel() instanceof NeuralNetClassificationModel);
    }

    @Test
    void trainValidationSplitTunesTheRegressor(@TempDir Path dir) throws IOException {
        NeuralNetRegressor estimator = new NeuralNetRegressor().setSeed(3).setEpochs(2);
        ParamMap[] grid = new ParamGridBuilder()
                .addGrid(estimator.learningRate(), new double[] {0.001, 0.05}).build();
        TrainValidationSplitModel model = new TrainValidationSplit().setEstimator(estimator)
                .setEstimatorParamMaps(grid).setEvaluator(new RegressionEvaluator())
                .setParallelism(2).setSeed(1).fit(targets());
        String path = dir.resolve("tvs").toString();
        model.write().save(path);
        TrainValidationSplitModel loaded = TrainValidationSplitModel.load(path);
        assertArrayEquals(model.validationMetrics(), loaded.validationMetrics());
        assertTrue(loaded.bestModel() instanceof NeuralNetRegressionModel);
    }

    @Test
    void mllibEvaluatorsReadTheOutputColumns() {
        List<Row> rows = new java.util.ArrayList<>();
        for (Row r : TestData.regressionRows(200, 3, 9)) {
            double[] x = ((org.apache.spark.ml.linalg.Vector) r.get(0)).toArray();
            rows.add(org.apache.spark.sql.RowFactory.create(r.get(0), x[0] + x[1] > 0 ? 1.0 : 0.0));
        }
        Dataset<Row> binary = TestData.frame(rows, 2);
        Dataset<Row> scored = new NeuralNetClassifier().setHiddenLayers(16).setEpochs(15)
                .setLearningRate(0.02).setSeed(1).fit(binary).transform(binary);
        double auc = new BinaryClassificationEvaluator().evaluate(scored);
        double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy")
                .evaluate(scored);
        assertTrue(auc > 0.8 && auc <= 1.0, "AUC " + auc);
        assertTrue(accuracy > 0.7, "accuracy " + accuracy);
        Dataset<Row> regression = new NeuralNetRegressor().setEpochs(2).fit(targets())
                .transform(targets());
        double rmse = new RegressionEvaluator().evaluate(regression);
        assertTrue(Double.isFinite(rmse) && rmse > 0);
    }

    @Test
    void savedNetworksLoadInPlainDl4j(@TempDir Path dir) throws IOException {
        NeuralNetClassificationModel model = new NeuralNetClassifier().setHiddenLayers(5)
                .setEpochs(2).fit(classes());
        String path = dir.resolve("m").toString();
        model.write().save(path);
        MultiLayerNetwork plain = ModelSerializer.restoreMultiLayerNetwork(
                dir.resolve("m/data/network.zip").toFile(), true);
        assertArrayEquals(Dl4jReference.params(model.network()), Dl4jReference.params(plain),
                0.0);
        assertArrayEquals(model.network().getUpdater().getStateViewArray().toFloatVector(),
                plain.getUpdater().getStateViewArray().toFloatVector(), 0f);
    }

    @Test
    void brokenLayoutsFailWithWhatAndWhere(@TempDir Path dir) throws IOException {
        NeuralNetRegressionModel model = new NeuralNetRegressor().setHiddenLayers(3).setEpochs(1)
                .fit(targets());
        String good = dir.resolve("good").toString();
        model.write().save(good);

        String missing = dir.resolve("nothing-here").toString();
        UncheckedIOException e1 = assertThrows(UncheckedIOException.class,
                () -> NeuralNetRegressionModel.load(missing));
        assertTrue(e1.getMessage().contains(missing) && e1.getMessage().contains("does not exist"),
                e1.getMessage());

        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> NeuralNetClassificationModel.load(good));
        assertTrue(e2.getMessage().contains("NeuralNetRegressionModel")
                && e2.getMessage().contains(good), e2.getMessage());

        Path truncated = copy(dir.resolve("good"), dir.resolve("truncated"));
        Path zip = truncated.resolve("data/network.zip");
        byte[] bytes = Files.readAllBytes(zip);
        Files.write(zip, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class,
                () -> NeuralNetRegressionModel.load(truncated.toString()));
        assertTrue(e3.getMessage().contains("network.zip is damaged"), e3.getMessage());

        Path future = copy(dir.resolve("good"), dir.resolve("future"));
        Path json = future.resolve("data/model.json");
        Files.writeString(json, Files.readString(json).replace("\"formatVersion\" : 1",
                "\"formatVersion\" : 99"));
        // As a newer spark-nn would write it: its own checksums would match; none here.
        Files.delete(future.resolve("checksums.json"));
        IllegalArgumentException e4 = assertThrows(IllegalArgumentException.class,
                () -> NeuralNetRegressionModel.load(future.toString()));
        assertTrue(e4.getMessage().contains("formatVersion 99"), e4.getMessage());

        Path noData = copy(dir.resolve("good"), dir.resolve("no-data"));
        Files.delete(noData.resolve("data/model.json"));
        IllegalArgumentException e5 = assertThrows(IllegalArgumentException.class,
                () -> NeuralNetRegressionModel.load(noData.toString()));
        assertTrue(e5.getMessage().contains("model.json is missing"), e5.getMessage());
    }

    /** Copies a saved directory without Hadoop's .crc files, so edits are not checksum errors. */
    private static Path copy(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path p : files.filter(f -> !f.getFileName().toString().endsWith(".crc"))
                    .toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
