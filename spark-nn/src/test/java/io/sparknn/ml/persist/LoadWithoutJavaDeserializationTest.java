package io.sparknn.ml.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.ml.NeuralNetClassificationModel;
import io.sparknn.ml.NeuralNetClassifier;
import io.sparknn.ml.TestData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading a saved model never runs Java deserialization (a model directory may come from
 * anywhere; Java deserialization of untrusted bytes can run code): every class Java
 * deserialization would read on the loading thread is recorded by a JVM-wide filter.
 */
class LoadWithoutJavaDeserializationTest {
    private static final ThreadLocal<List<String>> READ = new ThreadLocal<>();

    static {
        ObjectInputFilter previous = ObjectInputFilter.Config.getSerialFilter();
        ObjectInputFilter.Config.setSerialFilter(info -> {
            List<String> read = READ.get();
            if (read != null && info.serialClass() != null) {
                read.add(info.serialClass().getName());
            }
            return previous != null ? previous.checkInput(info)
                    : ObjectInputFilter.Status.UNDECIDED;
        });
    }

    private static Object javaRoundTrip(Object value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(
                new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }

    @Test
    void modelsAndPipelinesLoadWithoutIt(@TempDir Path dir) throws Exception {
        Dataset<Row> data = TestData.frame(TestData.classificationRows(60, 3, 2, 4), 2);
        NeuralNetClassificationModel model = new NeuralNetClassifier().setHiddenLayers(4)
                .setEpochs(1).fit(data);
        String modelPath = dir.resolve("model").toString();
        model.write().save(modelPath);
        String pipelinePath = dir.resolve("pipeline").toString();
        new Pipeline().setStages(new PipelineStage[] {
            new NeuralNetClassifier().setHiddenLayers(4).setEpochs(1)
        }).fit(data).write().save(pipelinePath);

        // The filter sees this thread's Java deserialization (a check that it does).
        List<String> read = new ArrayList<>();
        READ.set(read);
        try {
            javaRoundTrip(new ArrayList<>(List.of("x")));
            assertTrue(read.contains(ArrayList.class.getName()), read.toString());
            read.clear();
            NeuralNetClassificationModel loaded = NeuralNetClassificationModel.load(modelPath);
            PipelineModel pipeline = PipelineModel.load(pipelinePath);
            assertEquals(List.of(), read);
            assertEquals(60, loaded.transform(data).count());
            assertEquals(60, pipeline.transform(data).count());
        } finally {
            READ.remove();
        }
    }
}
