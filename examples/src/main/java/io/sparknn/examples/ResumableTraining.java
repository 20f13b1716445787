package io.sparknn.examples;

import io.sparknn.ml.NeuralNetRegressionModel;
import io.sparknn.ml.NeuralNetRegressor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A long fit that survives its driver: checkpoints every epoch to {@code checkpointDir}; run the
 * same command again after a crash and it resumes after the last completed epoch, ending with
 * the parameters an uninterrupted run has. Trains on seeded synthetic data (a nonlinear target)
 * that comes out of a shuffle, as a join's or a groupBy's output does: the resumed run reads it
 * again, its rows in another order, and ends where the uninterrupted one ends.
 *
 * <pre>
 * spark-submit --class io.sparknn.examples.ResumableTraining ... CHECKPOINT_DIR MODEL_DIR \
 *     [EPOCHS [ROWS]]
 * </pre>
 */
public final class ResumableTraining {
    private ResumableTraining() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println(
                    "usage: ResumableTraining CHECKPOINT_DIR MODEL_DIR [EPOCHS [ROWS]]");
            System.exit(2);
        }
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        int rows = args.length > 3 ? Integer.parseInt(args[3]) : 20_000;
        SparkSession spark = ExampleSession.start("spark-nn resumable training");
        try {
            NeuralNetRegressionModel model = new NeuralNetRegressor()
                    .setHiddenLayers(64, 64).setEpochs(epochs).setBatchSize(32).setSeed(11)
                    .setLearningRate(0.003).setCheckpointDir(args[0])
                    .fit(data(spark, rows, 2).repartition(4));
            model.write().overwrite().save(args[1]);
            System.out.println("Saved the model to " + args[1]);
        } finally {
            spark.stop();
        }
    }

    /** {@code rows} seeded rows of 16 features in {@code partitions} partitions. */
    public static Dataset<Row> data(SparkSession spark, int rows, int partitions) {
        Random random = new Random(5);
        List<Row> list = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            double[] x = new double[16];
            double y = 0;
            for (int j = 0; j < x.length; j++) {
                x[j] = random.nextGaussian();
                y += Math.sin(x[j]) * (j % 3 - 1);
            }
            list.add(RowFactory.create(Vectors.dense(x), y));
        }
        StructType schema = new StructType(new StructField[] {
            new StructField("features", new VectorUDT(), false, Metadata.empty()),
            new StructField("label", DataTypes.DoubleType, false, Metadata.empty())
        });
        return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(list, partitions), schema);
    }
}
