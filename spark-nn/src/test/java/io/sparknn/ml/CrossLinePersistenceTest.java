package io.sparknn.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Models saved by each Spark line ({@link SavedByLine}: on Spark 3.5 with spark-nn_2.12, on Spark
 * 4 with spark-nn_2.13) load on the line running this test and predict exactly what they
 * predicted where they were saved: a NeuralNetClassificationModel alone and a PipelineModel
 * holding a NeuralNetRegressionModel.
 */
class CrossLinePersistenceTest {

    @ParameterizedTest(name = "saved by {0}")
    @ValueSource(strings = {"spark-3.5", "spark-4"})
    void modelsSavedByEitherLineLoadAndPredictTheSame(String line) throws Exception {
        String running = SparkTestSession.get().version();
        Path saved = resource("lines/" + line);
        NeuralNetClassificationModel classifier =
                NeuralNetClassificationModel.load(saved.resolve("classifier").toString());
        PipelineModel pipeline = PipelineModel.load(saved.resolve("pipeline").toString());
        List<String> expected = Files.readAllLines(saved.resolve("predictions.txt"),
                StandardCharsets.UTF_8);
        assertEquals(SavedByLine.ROWS, expected.size());
        assertEquals(expected, SavedByLine.predictions(classifier, pipeline, TestData.digits()),
                "predictions of the models " + line + " saved, loaded on Spark " + running);
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(CrossLinePersistenceTest.class.getResource(name).toURI());
    }
}
