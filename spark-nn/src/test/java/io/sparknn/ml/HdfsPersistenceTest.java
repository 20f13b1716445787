package io.sparknn.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Save, load and checkpoints on a real HDFS (Hadoop's in-process MiniDFSCluster). */
class HdfsPersistenceTest {
    @TempDir
    static Path base;
    private static MiniDFSCluster hdfs;
    private static String root;

    @BeforeAll
    static void startHdfs() throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.resolve("hdfs").toString());
        hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        hdfs.waitClusterUp();
        root = "hdfs://127.0.0.1:" + hdfs.getNameNodePort() + "/sparknn";
    }

    @AfterAll
    static void stopHdfs() {
        if (hdfs != null) {
            hdfs.shutdown();
        }
    }

    @Test
    void modelsPipelinesAndCheckpointsLiveOnHdfs() throws IOException {
        Dataset<Row> data = TestData.frame(TestData.regressionRows(80, 3, 6), 2);
        NeuralNetRegressor estimator = new NeuralNetRegressor().setHiddenLayers(6).setEpochs(3)
                .setSeed(4).setCheckpointDir(root + "/checkpoints");
        NeuralNetRegressionModel model = estimator.fit(data);

        FileSystem fs = hdfs.getFileSystem();
        FileStatus[] trainings = fs.globStatus(
                new org.apache.hadoop.fs.Path("/sparknn/checkpoints/training-*"));
        assertEquals(1, trainings.length);
        assertTrue(fs.exists(new org.apache.hadoop.fs.Path(trainings[0].getPath(),
                "epoch-000003")));
        assertFalse(fs.exists(new org.apache.hadoop.fs.Path(trainings[0].getPath(), "_lock")),
                "the fit released its lock");
        NeuralNetRegressionModel resumed = estimator.fit(data);
        assertArrayEquals(Dl4jReference.params(model.network()),
                Dl4jReference.params(resumed.network()), 0.0);

        model.write().save(root + "/model");
        assertTrue(fs.exists(new org.apache.hadoop.fs.Path("/sparknn/model/data/network.zip")));
        NeuralNetRegressionModel loaded = NeuralNetRegressionModel.load(root + "/model");
        assertEquals(model.transform(data).collectAsList(), loaded.transform(data).collectAsList());

        estimator.write().save(root + "/estimator");
        assertEquals(root + "/checkpoints",
                NeuralNetRegressor.load(root + "/estimator").getCheckpointDir());
        model.write().overwrite().save(root + "/model");
        assertEquals(3, NeuralNetRegressionModel.load(root + "/model").summary().epochs());
    }
}
