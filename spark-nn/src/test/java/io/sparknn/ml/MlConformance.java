package io.sparknn.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The checks MLlib runs on its own stages (ParamsSuite.checkParams, DefaultReadWriteTest,
 * MLTestingUtils), run by every spark-nn stage.
 */
final class MlConformance {
    private MlConformance() {}

    /** Params are sorted, named, documented, owned by the stage; copy keeps uid and values. */
    static void checkParams(Params stage) {
        Param<?>[] params = stage.params();
        List<String> names = Arrays.stream(params).map(Param::name).toList();
        assertEquals(names.stream().sorted().toList(), names, "params are sorted by name");
        for (Param<?> p : params) {
            assertEquals(stage.uid(), p.parent(), p.name() + " is owned by the stage");
            assertFalse(p.doc().isEmpty(), p.name() + " has a doc");
            assertEquals(p, stage.getParam(p.name()));
        }
        assertFalse(stage.explainParams().isEmpty());
        Params copy = stage.copy(ParamMap.empty());
        assertEquals(stage.uid(), copy.uid());
        assertNotSame(stage, copy);
        assertSameParamValues(stage, copy);
    }

    /** Both stages define the same params with equal values (set or default). */
    static void assertSameParamValues(Params expected, Params actual) {
        assertEquals(expected.getClass(), actual.getClass());
        for (Param<?> p : expected.params()) {
            Param<?> q = actual.getParam(p.name());
            assertEquals(expected.isSet(p), actual.isSet(q), p.name() + " set");
            assertEquals(expected.isDefined(p), actual.isDefined(q), p.name() + " defined");
            if (expected.isDefined(p)) {
                Object a = expected.getOrDefault(p);
                Object b = actual.getOrDefault(q);
                if (a instanceof int[] x) {
                    assertArrayEquals(x, (int[]) b, p.name());
                } else if (a instanceof double[] x) {
                    assertArrayEquals(x, (double[]) b, p.name());
                } else if (a instanceof Params stage) {
                    // A stage-valued param (initialModel) loads as an equal stage, not the same.
                    assertEquals(stage.getClass(), b.getClass(), p.name());
                    assertEquals(stage.uid(), ((Params) b).uid(), p.name());
                } else {
                    assertEquals(a, b, p.name());
                }
            }
        }
    }

    /**
     * Saves {@code stage}, loads it with the class's static {@code load}, checks uid and params;
     * a second save without overwrite fails, with overwrite succeeds. Returns the loaded stage.
     */
    static <T extends Params & MLWritable> T checkSaveLoad(T stage, Function<String, T> load,
            Path dir) throws IOException {
        SparkTestSession.get();
        String path = dir.resolve(stage.getClass().getSimpleName() + "-" + stage.uid()).toString();
        stage.write().save(path);
        T loaded = load.apply(path);
        assertEquals(stage.uid(), loaded.uid());
        assertSameParamValues(stage, loaded);
        IOException exists = assertThrows(IOException.class, () -> stage.write().save(path));
        assertTrue(exists.getMessage().contains("already exists"), exists.getMessage());
        stage.write().overwrite().save(path);
        assertSameParamValues(stage, load.apply(path));
        return loaded;
    }

    /**
     * VectorAssembler -> StandardScaler -> {@code estimator}: the unfitted Pipeline saves, loads
     * and fits; the PipelineModel saves and loads and predicts exactly what it did before.
     */
    static void checkPipeline(Estimator<?> estimator, Dataset<Row> data, String[] inputCols,
            Path dir) throws IOException {
        Params asParams = estimator;
        estimator.set(asParams.getParam("featuresCol"), "scaled");
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
            new VectorAssembler().setInputCols(inputCols).setOutputCol("assembled"),
            new StandardScaler().setInputCol("assembled").setOutputCol("scaled"),
            estimator
        });
        String pipelinePath = dir.resolve("pipeline").toString();
        pipeline.write().save(pipelinePath);
        Pipeline loadedPipeline = Pipeline.load(pipelinePath);
        assertEquals(3, loadedPipeline.getStages().length);
        assertSameParamValues(estimator, loadedPipeline.getStages()[2]);

        PipelineModel model = loadedPipeline.fit(data);
        String modelPath = dir.resolve("pipeline-model").toString();
        model.write().save(modelPath);
        PipelineModel loadedModel = PipelineModel.load(modelPath);
        List<Row> before = model.transform(data).drop("assembled", "scaled").collectAsList();
        List<Row> after = loadedModel.transform(data).drop("assembled", "scaled").collectAsList();
        assertEquals(before, after);
    }

    /** CrossValidator with parallelism 2 completes, and its model saves and loads. */
    static CrossValidatorModel checkCrossValidator(Estimator<?> estimator, ParamMap[] grid,
            Evaluator evaluator, Dataset<Row> data, Path dir) throws IOException {
        CrossValidatorModel model = new CrossValidator().setEstimator(estimator)
                .setEstimatorParamMaps(grid).setEvaluator(evaluator).setNumFolds(2)
                .setParallelism(2).setSeed(1).fit(data);
        assertEquals(grid.length, model.avgMetrics().length);
        String path = dir.resolve("cv-model").toString();
        model.write().save(path);
        CrossValidatorModel loaded = CrossValidatorModel.load(path);
        assertArrayEquals(model.avgMetrics(), loaded.avgMetrics());
        assertEquals(model.transform(data).select("prediction").collectAsList(),
                loaded.transform(data).select("prediction").collectAsList());
        return loaded;
    }
}
