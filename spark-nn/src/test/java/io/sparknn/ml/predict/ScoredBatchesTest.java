package io.sparknn.ml.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.ml.NeuralNetClassificationModel;
import io.sparknn.ml.NeuralNetClassifier;
import io.sparknn.ml.SparkTestSession;
import io.sparknn.ml.TestData;
import io.sparknn.ml.data.FeatureKind;
import io.sparknn.ml.data.FeatureReader;
import io.sparknn.ml.train.NetworkSnapshot;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * A scoring task's native memory: released when its partition's last row is scored, so one task
 * scoring many partitions ({@code coalesce(1)} after {@code transform}) holds one network at a
 * time; and MLlib's relation between the classifier's output columns.
 */
class ScoredBatchesTest {
    private static final List<Row> ROWS = TestData.classificationRows(50, 3, 3, 5);

    private static NeuralNetClassificationModel model() {
        return new NeuralNetClassifier().setHiddenLayers(4).setEpochs(1).setSeed(2)
                .fit(TestData.frame(ROWS, 2));
    }

    @Test
    void aPartitionsNetworkIsReleasedWhenItsLastRowIsScored() {
        NeuralNetClassificationModel model = model();
        NetworkSnapshot snapshot = NetworkSnapshot.of(model.network()).withoutUpdaterState();
        ScoringPlan plan = new ScoringPlan(SparkTestSession.jsc().broadcast(snapshot), null,
                new FeatureReader("features", FeatureKind.VECTOR), 0, 3, 16,
                new ClassificationOutputs(3, true, true, true, null), false);
        ScoredBatches<Row> scored = (ScoredBatches<Row>) new BatchScorer(plan)
                .call(ROWS.iterator());
        assertFalse(scored.holdsNetwork(), "nothing opened before the first row");
        scored.next();
        assertTrue(scored.holdsNetwork());
        int rows = 1;
        while (scored.hasNext()) {
            scored.next();
            rows++;
        }
        assertEquals(50, rows);
        assertFalse(scored.holdsNetwork(), "released after the last row");
    }

    @Test
    void oneTaskScoresManyPartitionsAsEachWouldAlone() {
        NeuralNetClassificationModel model = model();
        Dataset<Row> many = TestData.frame(ROWS, 25);
        List<Row> apart = model.transform(many).select("probability").collectAsList();
        List<Row> together = model.transform(many).coalesce(1).select("probability")
                .collectAsList();
        assertEquals(apart, together);
    }

    @Test
    void rawPredictionIsTheLogOfProbability() {
        NeuralNetClassificationModel model = model();
        List<Row> rows = model.transform(TestData.frame(ROWS, 2))
                .select("rawPrediction", "probability").collectAsList();
        assertEquals(50, rows.size());
        for (Row row : rows) {
            double[] raw = ((Vector) row.get(0)).toArray();
            double[] probability = ((Vector) row.get(1)).toArray();
            for (int c = 0; c < raw.length; c++) {
                assertEquals(Math.log(probability[c]), raw[c], 1e-9);
            }
        }
    }
}
