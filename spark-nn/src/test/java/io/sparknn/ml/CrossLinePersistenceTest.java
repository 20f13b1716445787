package io.sparknn.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Models saved by each Spark line ({@link SavedByLine}: on Spark 3.5 with spark-nn_2.12, on Spark
 * 4 with spark-nn_2.13) load on the line running this test and predict what they predicted where
 * they were saved: a NeuralNetClassificationModel alone and a PipelineModel holding a
 * NeuralNetRegressionModel.
 */
class CrossLinePersistenceTest {
    /**
     * How far a prediction may move when the recorded files and this test run on different CPUs:
     * ND4J computes in float32 with the SIMD kernels of the CPU it runs on, so sums round
     * differently. Measured 2026-12-04, files recorded on one x86-64 machine and loaded on an
     * AVX-512 one: at most 2.4e-7 (2 float32 ulps of a regression output near 1.5). A model
     * loaded wrongly (a parameter, a layer, the scaler's statistics) moves them by 1e-3 or more.
     */
    private static final double CPU_ROUNDING = 1e-5;

    @ParameterizedTest(name = "saved by {0}")
    @ValueSource(strings = {"spark-3.5", "spark-4"})
    void modelsSavedByEitherLineLoadAndPredictTheSame(String line) throws Exception {
        String running = SparkTestSession.get().version();
        List<String> expected = Files.readAllLines(resource("lines/" + line)
                .resolve("predictions.txt"), StandardCharsets.UTF_8);
        List<String> actual = predictionsOfModelsSavedBy(line);
        assertEquals(SavedByLine.ROWS, expected.size());
        assertEquals(SavedByLine.ROWS, actual.size());
        for (int row = 0; row < SavedByLine.ROWS; row++) {
            assertArrayEquals(values(expected.get(row)), values(actual.get(row)), CPU_ROUNDING,
                    "row " + row + " of the models " + line + " saved, loaded on Spark "
                            + running);
        }
    }

    /**
     * Both lines fitted the same models from the same seeds (training is the same on either
     * line), so on one machine their saved files predict exactly alike.
     */
    @Test
    void theTwoLinesSavedModelsPredictExactlyAlike() throws Exception {
        assertEquals(predictionsOfModelsSavedBy("spark-3.5"),
                predictionsOfModelsSavedBy("spark-4"));
    }

    private static List<String> predictionsOfModelsSavedBy(String line) throws Exception {
        Path saved = resource("lines/" + line);
        NeuralNetClassificationModel classifier =
                NeuralNetClassificationModel.load(saved.resolve("classifier").toString());
        PipelineModel pipeline = PipelineModel.load(saved.resolve("pipeline").toString());
        return SavedByLine.predictions(classifier, pipeline, TestData.digits());
    }

    /** The numbers of one line of {@link SavedByLine#predictions}. */
    private static double[] values(String line) {
        return Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(CrossLinePersistenceTest.class.getResource(name).toURI());
    }
}
