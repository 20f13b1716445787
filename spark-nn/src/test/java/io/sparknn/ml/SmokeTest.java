package io.sparknn.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void fitsAndTransforms() {
        Dataset<Row> df = TestData.frame(TestData.classificationRows(200, 4, 3, 1), 2);
        NeuralNetClassificationModel model = new NeuralNetClassifier()
                .setHiddenLayers(8).setEpochs(3).setSeed(1).fit(df);
        Dataset<Row> out = model.transform(df);
        out.show(3, false);
        assertEquals(200, out.count());
        System.out.println(java.util.Arrays.toString(model.summary().trainingLossHistory()));
    }
}
