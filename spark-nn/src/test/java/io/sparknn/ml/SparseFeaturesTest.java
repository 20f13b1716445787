package io.sparknn.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.ml.train.KernelSelection;
import io.sparknn.ml.train.SparseInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Wide, mostly-zero features (hashed text, one-hot columns): rows stay sparse from the
 * conversion pass to the first layer, in training and in transform, and train the model that
 * the same rows given densely train.
 */
class SparseFeaturesTest {
    /** 3,000 features, 12 nonzero a row: 0.4% of the values. */
    private static final int WIDTH = 3000;
    private static final int NONZEROS = 12;

    /**
     * Rows of three "topics": a row draws most of its nonzero features from its class's third
     * of the features, the rest anywhere; as sparse vectors, or as the same rows dense.
     */
    static List<Row> topicRows(int rows, long seed, boolean dense) {
        Random random = new Random(seed);
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            int label = random.nextInt(3);
            TreeMap<Integer, Double> features = new TreeMap<>();
            while (features.size() < NONZEROS) {
                int at = random.nextInt(3) == 0 ? random.nextInt(WIDTH)
                        : label * (WIDTH / 3) + random.nextInt(WIDTH / 3);
                features.put(at, 1.0 + random.nextInt(3));
            }
            int[] indices = features.keySet().stream().mapToInt(Integer::intValue).toArray();
            double[] values = features.values().stream().mapToDouble(Double::doubleValue)
                    .toArray();
            Vector v = Vectors.sparse(WIDTH, indices, values);
            out.add(RowFactory.create(dense ? v.toDense() : v, (double) label));
        }
        return out;
    }

    private static NeuralNetClassifier classifier() {
        return new NeuralNetClassifier().setHiddenLayers(16).setEpochs(3).setBatchSize(32)
                .setSeed(7).setNumWorkers(-1).setValidationFraction(0.2);
    }

    @Test
    void sparseAndDenseVectorsOfTheSameRowsTrainTheSameModel() {
        Dataset<Row> sparse = TestData.frame(topicRows(600, 1, false), 2);
        Dataset<Row> dense = TestData.frame(topicRows(600, 1, true), 2);
        NeuralNetClassificationModel fromSparse = classifier().fit(sparse);
        NeuralNetClassificationModel fromDense = classifier().fit(dense);
        assertArrayEquals(fromDense.network().params().toDoubleVector(),
                fromSparse.network().params().toDoubleVector(), 0.0);
        assertArrayEquals(fromDense.summary().validationLossHistory(),
                fromSparse.summary().validationLossHistory(), 0.0);
        // And they learned the topics: held-out rows are classified far above chance.
        Dataset<Row> test = TestData.frame(topicRows(300, 2, false), 2);
        double accuracy = test.count() == 0 ? 0 : fromSparse.transform(test)
                .filter("prediction = label").count() / (double) test.count();
        assertTrue(accuracy > 0.6, "held-out accuracy " + accuracy + " (chance: 1/3)");
        // Transform reads both kinds of rows as their nonzero values: the same outputs.
        List<Row> sparseOut = fromSparse.transform(test).select("probability").collectAsList();
        List<Row> denseOut = fromSparse.transform(TestData.frame(topicRows(300, 2, true), 2))
                .select("probability").collectAsList();
        assertEquals(sparseOut, denseOut);
    }

    @Test
    void sparseBatchesTrainWhatDenseBatchesTrainWithinFloatRounding() {
        Dataset<Row> data = TestData.frame(topicRows(400, 3, false), 2);
        NeuralNetClassificationModel sparse = classifier().setEpochs(1).fit(data);
        NeuralNetClassificationModel dense = withConf(SparseInput.MIN_WIDTH_CONF,
                String.valueOf(Integer.MAX_VALUE), () -> classifier().setEpochs(1).fit(data));
        double[] a = sparse.network().params().toDoubleVector();
        double[] b = dense.network().params().toDoubleVector();
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]) / (1e-3 + Math.abs(b[i])));
        }
        assertTrue(worst < 1e-3, "worst relative difference " + worst);
        // The two paths did run: the sparse first layer sums in another order than BLAS.
        assertTrue(worst > 0, "sparse and dense batches gave bit-identical parameters");

        // Scoring from nonzero values or from dense passes: the same outputs, within rounding.
        Dataset<Row> test = TestData.frame(topicRows(100, 4, false), 1);
        List<Row> fromNonzeros = sparse.transform(test).select("probability").collectAsList();
        List<Row> fromDense = withConf(SparseInput.MIN_WIDTH_CONF,
                String.valueOf(Integer.MAX_VALUE),
                () -> sparse.transform(test).select("probability").collectAsList());
        for (int i = 0; i < fromDense.size(); i++) {
            assertArrayEquals(((Vector) fromDense.get(i).get(0)).toArray(),
                    ((Vector) fromNonzeros.get(i).get(0)).toArray(), 1e-5);
        }
    }

    @Test
    void dl4jNetworksTakeSparseBatchesDensifiedOneAtATime() {
        // Dropout: the kernel does not take it, DL4J's own fit trains the network.
        NeuralNetClassifier estimator = classifier().setEpochs(1).setNetwork(
                new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                        .updater(new Adam(1e-3)).list()
                        .layer(new DenseLayer.Builder().nIn(WIDTH).nOut(16).dropOut(0.8)
                                .activation(Activation.RELU).build())
                        .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(16).nOut(3)
                                .activation(Activation.SOFTMAX).build())
                        .build());
        Dataset<Row> data = TestData.frame(topicRows(300, 5, false), 2);
        NeuralNetClassificationModel sparse = estimator.fit(data);
        NeuralNetClassificationModel dense = withConf(SparseInput.MIN_WIDTH_CONF,
                String.valueOf(Integer.MAX_VALUE), () -> estimator.fit(data));
        // A densified sparse batch holds the very floats of a dense batch.
        assertArrayEquals(dense.network().params().toDoubleVector(),
                sparse.network().params().toDoubleVector(), 0.0);
        List<Row> out = sparse.transform(data).select("prediction").collectAsList();
        assertEquals(300, out.size());
    }

    @Test
    void aNonFiniteValueOfASparseVectorNamesTheColumn() {
        List<Row> rows = new ArrayList<>(topicRows(50, 6, false));
        rows.set(17, RowFactory.create(new SparseVector(WIDTH, new int[] {3, 2500},
                new double[] {1.0, Double.NaN}), 1.0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> classifier().fit(TestData.frame(rows, 2)));
        assertTrue(e.getMessage().contains("Column 'features' has a NaN value"),
                e.getMessage());
        List<Row> narrow = new ArrayList<>(topicRows(50, 6, false));
        narrow.set(30, RowFactory.create(Vectors.sparse(WIDTH - 1, new int[] {3},
                new double[] {1.0}), 1.0));
        e = assertThrows(IllegalArgumentException.class,
                () -> classifier().fit(TestData.frame(narrow, 2)));
        assertTrue(e.getMessage().contains("Column 'features' has a row with 2999 features,"
                + " expected 3000"), e.getMessage());
    }

    private static <T> T withConf(String key, String value, Supplier<T> body) {
        SparkTestSession.get().conf().set(key, value);
        try {
            return body.get();
        } finally {
            SparkTestSession.get().conf().unset(key);
        }
    }

    static {
        // The suite's other tests may turn the kernel off; these compare its two paths.
        SparkTestSession.get().conf().unset(KernelSelection.ENABLED_CONF);
    }
}
