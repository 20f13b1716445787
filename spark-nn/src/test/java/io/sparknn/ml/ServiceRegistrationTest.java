package io.sparknn.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The four stages are registered as Spark Connect's server (Spark 4) looks them up: by Java's
 * ServiceLoader over {@code Estimator} and {@code Transformer}, each built from its uid, and
 * saved models read back through the registered class's static {@code load(String)}.
 */
class ServiceRegistrationTest {

    /** The registered classes by name, found the way Spark Connect's MLUtils finds them. */
    private static Map<String, Class<?>> registered(Class<?> service) {
        return ServiceLoader.load(service, Thread.currentThread().getContextClassLoader())
                .stream().collect(Collectors.toMap(p -> p.type().getName(), p -> p.type()));
    }

    @Test
    void theEstimatorsAndModelsAreRegistered() throws Exception {
        Map<String, Class<?>> estimators = registered(Estimator.class);
        Map<String, Class<?>> transformers = registered(Transformer.class);
        for (Class<?> stage : List.of(NeuralNetClassifier.class, NeuralNetRegressor.class)) {
            assertEquals(stage, estimators.get(stage.getName()));
        }
        for (Class<?> stage : List.of(NeuralNetClassificationModel.class,
                NeuralNetRegressionModel.class)) {
            assertEquals(stage, transformers.get(stage.getName()));
            // Built from a uid alone, a model has no network and says so when used.
            Transformer empty = (Transformer) stage.getConstructor(String.class)
                    .newInstance("from-connect");
            Dataset<Row> rows = TestData.frame(TestData.regressionRows(4, 2, 1), 1);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> empty.transform(rows).collect());
            assertTrue(e.getMessage().contains("from-connect has no trained network"),
                    e.getMessage());
        }
    }

    @Test
    void savedModelsLoadThroughTheRegisteredClass(@TempDir Path dir) throws Exception {
        Dataset<Row> classes = TestData.frame(TestData.classificationRows(40, 3, 2, 7), 2);
        Dataset<Row> values = TestData.frame(TestData.regressionRows(40, 3, 7), 2);
        assertLoadsAlike(new NeuralNetClassifier().setHiddenLayers(4).setEpochs(2).fit(classes),
                classes, dir.resolve("classifier"));
        assertLoadsAlike(new NeuralNetRegressor().setHiddenLayers(4).setEpochs(2).fit(values),
                values, dir.resolve("regressor"));
    }

    private static void assertLoadsAlike(Model<?> model, Dataset<Row> rows, Path path)
            throws Exception {
        ((MLWritable) model).save(path.toString());
        Class<?> registeredClass = registered(Transformer.class).get(model.getClass().getName());
        Transformer loaded;
        try {
            loaded = (Transformer) registeredClass.getMethod("load", String.class)
                    .invoke(null, path.toString());
        } catch (InvocationTargetException e) {
            throw new AssertionError("load failed", e.getCause());
        }
        assertEquals(model.uid(), loaded.uid());
        assertEquals(model.transform(rows).select("prediction").collectAsList(),
                loaded.transform(rows).select("prediction").collectAsList());
    }
}
