package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparknn.ml.NeuralNetClassificationModel;
import io.sparknn.ml.NeuralNetClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** What a user's own test of a spark-nn job does: fit, save, load, transform on local[2]. */
class ConsumerTest {

    @Test
    void fitsSavesLoadsAndTransforms() throws Exception {
        SparkSession spark = SparkSession.builder().master("local[2]")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .getOrCreate();
        try {
            Random random = new Random(1);
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                double a = random.nextGaussian();
                double b = random.nextGaussian();
                rows.add(RowFactory.create(Vectors.dense(a, b), a > b ? 1.0 : 0.0));
            }
            StructType schema = new StructType(new StructField[] {
                DataTypes.createStructField("features", new VectorUDT(), false),
                DataTypes.createStructField("label", DataTypes.DoubleType, false)
            });
            Dataset<Row> df = spark.createDataFrame(rows, schema);
            NeuralNetClassificationModel model = new NeuralNetClassifier().setHiddenLayers(4)
                    .setEpochs(2).fit(df);
            Path dir = Files.createTempDirectory("model");
            String path = dir.resolve("m").toString();
            model.write().save(path);
            NeuralNetClassificationModel loaded = NeuralNetClassificationModel.load(path);
            assertEquals(model.transform(df).select("prediction").collectAsList(),
                    loaded.transform(df).select("prediction").collectAsList());
        } finally {
            spark.stop();
        }
    }
}
