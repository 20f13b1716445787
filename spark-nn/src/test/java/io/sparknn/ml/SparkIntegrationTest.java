package io.sparknn.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.ml.data.BlockChunks;
import io.sparknn.ml.train.TrainingConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Test;

/** How a fit uses Spark: jobs, cache, conversion once, thread counts, the sum tree. */
class SparkIntegrationTest {

    @Test
    void eachEpochRunsAsJobsNamedAfterIt() throws Exception {
        List<String> descriptions = Collections.synchronizedList(new ArrayList<>());
        SparkListener listener = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart start) {
                String d = start.properties().getProperty("spark.job.description");
                if (d != null) {
                    descriptions.add(d);
                }
            }
        };
        SparkTestSession.get().sparkContext().addSparkListener(listener);
        try {
            new NeuralNetRegressor().setHiddenLayers(3).setEpochs(3)
                    .fit(TestData.frame(TestData.regressionRows(30, 2, 1), 2));
            SparkTestSession.get().sparkContext().listenerBus().waitUntilEmpty();
        } finally {
            SparkTestSession.get().sparkContext().removeSparkListener(listener);
        }
        assertTrue(descriptions.containsAll(List.of("spark-nn epoch 1/3", "spark-nn epoch 2/3",
                "spark-nn epoch 3/3")), descriptions.toString());
        assertEquals(null, SparkTestSession.get().sparkContext()
                .getLocalProperty("spark.job.description"), "the description is restored");
    }

    @Test
    void rowsAreConvertedOnceAndTheCacheIsReleased() {
        LongAccumulator rowsRead = SparkTestSession.get().sparkContext().longAccumulator();
        Dataset<Row> counted = TestData.frame(TestData.regressionRows(50, 2, 2), 2)
                .mapPartitions(new CountRows(rowsRead), Encoders.row(TestData.VECTOR_SCHEMA));
        int cachedBefore = SparkTestSession.get().sparkContext().getPersistentRDDs().size();
        new NeuralNetRegressor().setHiddenLayers(3).setEpochs(5).setValidationFraction(0.2)
                .fit(counted);
        assertEquals(50, rowsRead.value(), "rows read once for five epochs");
        assertEquals(cachedBefore,
                SparkTestSession.get().sparkContext().getPersistentRDDs().size());
    }

    @Test
    void aModelBroadcastsItsNetworkOnceWithoutOptimizerState() {
        Dataset<Row> rows = TestData.frame(TestData.regressionRows(40, 2, 3), 2);
        NeuralNetRegressionModel model = new NeuralNetRegressor().setHiddenLayers(3)
                .setOptimizer("adam").setEpochs(2).fit(rows);
        List<Row> first = model.transform(rows).select("prediction").collectAsList();
        var sc = SparkTestSession.get().sparkContext();
        var broadcast = model.fitted().scoring(model.uid()).in(sc);
        List<Row> second = model.transform(rows).select("prediction").collectAsList();
        assertEquals(first, second);
        assertTrue(broadcast == model.fitted().scoring(model.uid()).in(sc),
                "later transforms reuse the first transform's broadcast");
        assertTrue(broadcast == model.copy(new org.apache.spark.ml.param.ParamMap())
                .fitted().scoring(model.uid()).in(sc), "copies (CrossValidator's) share it");
        assertEquals(0, broadcast.value().updaterState().length);
        assertTrue(model.fitted().snapshot(model.uid()).updaterState().length > 0,
                "the model itself keeps Adam's state for further training");
        assertArrayEquals(model.fitted().snapshot(model.uid()).params(),
                broadcast.value().params());
    }

    @Test
    void tasksSetNd4jThreadsToTheirCpus() {
        JavaSparkContext jsc = SparkTestSession.jsc();
        List<Integer> threads = jsc.parallelize(List.of(1, 2), 2).map(i -> {
            io.sparknn.ml.train.NativeThreads.configureForTask();
            return org.nd4j.linalg.factory.Nd4j.getEnvironment().maxThreads();
        }).collect();
        assertEquals(List.of(1, 1), threads);
    }

    @Test
    void theSumTreeMatchesTheDirectSumAndIsDeterministic() throws Exception {
        // Five partitions with a fan-in of 2: partial sums in three levels on executors
        // (io.sparknn.ml.train.OrderedTreeSum), so an epoch's job has more than one stage.
        Dataset<Row> df = TestData.frame(TestData.regressionRows(100, 3, 4), 5);
        NeuralNetRegressor estimator = new NeuralNetRegressor().setHiddenLayers(4).setEpochs(2)
                .setSeed(8);
        List<Integer> stagesPerEpochJob = Collections.synchronizedList(new ArrayList<>());
        SparkListener listener = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart start) {
                if ("spark-nn epoch 1/2".equals(
                        start.properties().getProperty("spark.job.description"))) {
                    stagesPerEpochJob.add(start.stageInfos().size());
                }
            }
        };
        double[] tree;
        double[] treeAgain;
        SparkTestSession.get().conf().set(TrainingConfig.FAN_IN_CONF, "2");
        SparkTestSession.get().sparkContext().addSparkListener(listener);
        try {
            tree = Dl4jReference.params(estimator.fit(df).network());
            treeAgain = Dl4jReference.params(estimator.fit(df).network());
            SparkTestSession.get().sparkContext().listenerBus().waitUntilEmpty();
        } finally {
            SparkTestSession.get().sparkContext().removeSparkListener(listener);
            SparkTestSession.get().conf().unset(TrainingConfig.FAN_IN_CONF);
        }
        double[] direct = Dl4jReference.params(estimator.fit(df).network());
        assertTrue(stagesPerEpochJob.stream().anyMatch(n -> n > 1), stagesPerEpochJob.toString());
        assertArrayEquals(tree, treeAgain, 0.0);
        assertArrayEquals(direct, tree, 1e-6);
    }

    @Test
    void aPartitionOverTheShuffleBudgetTrainsInChunksDeterministically() {
        // 10,000 rows per partition make three blocks of up to 4,096 rows (64 KiB each); a
        // 100 kB budget makes each block a chunk of its own (BlockChunks).
        Dataset<Row> df = TestData.frame(TestData.regressionRows(20_000, 3, 5), 2);
        NeuralNetRegressor estimator = new NeuralNetRegressor().setHiddenLayers(4).setEpochs(2)
                .setSeed(3).setBatchSize(64);
        double[] whole = Dl4jReference.params(estimator.fit(df).network());
        double[] chunked;
        double[] again;
        SparkTestSession.get().conf().set(BlockChunks.CHUNK_BYTES_CONF, "100000");
        try {
            NeuralNetRegressionModel model = estimator.fit(df);
            chunked = Dl4jReference.params(model.network());
            again = Dl4jReference.params(estimator.fit(df).network());
            assertEquals(2, model.summary().epochs());
        } finally {
            SparkTestSession.get().conf().unset(BlockChunks.CHUNK_BYTES_CONF);
        }
        assertArrayEquals(chunked, again, 0.0);
        // Chunked shuffling visits rows in another order than the whole-partition shuffle.
        assertTrue(ParameterAveragingTest.maxAbsDifference(whole, chunked) > 0);
    }
}
