package io.sparknn.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sparknn.ml.data.DataStats;
import io.sparknn.ml.data.FeatureMoments;
import io.sparknn.ml.data.RowBlock;
import io.sparknn.ml.train.LossSum;
import io.sparknn.ml.train.NetworkSnapshot;
import io.sparknn.ml.train.ParameterSum;
import java.nio.ByteBuffer;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.Tuple2;
import scala.reflect.ClassTag$;

/**
 * What spark-nn sends through Spark's serializer (task results, broadcasts, cached blocks, the
 * parameter-sum tree's shuffle) round-trips through Spark's own Kryo serializer: records too,
 * which Kryo's field serializer cannot build, and with every class required to be registered
 * once {@link SparkNnKryoRegistrator} is configured.
 */
class KryoRegistrationTest {

    private static SerializerInstance kryo(boolean registrationRequired, boolean registrator) {
        SparkConf conf = new SparkConf(false)
                .set("spark.kryo.registrationRequired", String.valueOf(registrationRequired));
        if (registrator) {
            conf.set("spark.kryo.registrator", SparkNnKryoRegistrator.class.getName());
        }
        return new KryoSerializer(conf).newInstance();
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(SerializerInstance serializer, T value) {
        ByteBuffer bytes = serializer.serialize(value, ClassTag$.MODULE$.apply(Object.class));
        return (T) serializer.deserialize(bytes, ClassTag$.MODULE$.apply(Object.class));
    }

    @Test
    void everyClassSparkNnSendsRoundTrips() {
        for (SerializerInstance serializer : new SerializerInstance[] {kryo(false, false),
            kryo(true, true)}) {
            RowBlock block = new RowBlock(new float[] {1, 2, 3, 4}, new float[] {0, 1},
                    new long[] {7, -9}, 2, 2, true);
            RowBlock back = roundTrip(serializer, block);
            assertArrayEquals(block.features(), back.features());
            assertArrayEquals(block.keys(), back.keys());
            assertEquals(block.validation(), back.validation());
            RowBlock sparse = new RowBlock(new float[] {5, 1}, new float[] {0, 1},
                    new long[] {3, 4}, 2, 300, false, new int[] {0, 1, 2}, new int[] {7, 299});
            RowBlock sparseBack = roundTrip(serializer, sparse);
            assertArrayEquals(sparse.rowStarts(), sparseBack.rowStarts());
            assertArrayEquals(sparse.indices(), sparseBack.indices());
            assertArrayEquals(sparse.features(), sparseBack.features());

            DataStats stats = new DataStats(3, 1, 2.0, 4, 4, 11, -5, FeatureMoments.empty(), 9);
            assertEquals(stats, roundTrip(serializer, stats));
            DataStats[] partition = {stats, DataStats.EMPTY};
            assertArrayEquals(partition, roundTrip(serializer, partition));
            assertEquals(new LossSum(1.5, 3), roundTrip(serializer, new LossSum(1.5, 3)));

            NetworkSnapshot snapshot = new NetworkSnapshot("{}", new double[] {0.5, -1.25},
                    new double[] {0.125}, 7, 2);
            NetworkSnapshot sent = roundTrip(serializer, snapshot);
            assertArrayEquals(snapshot.params(), sent.params());
            assertArrayEquals(snapshot.updaterState(), sent.updaterState());
            assertEquals(7, sent.iterationCount());

            ParameterSum floats = ParameterSum.ofFloats(new float[] {1, 2}, new float[] {3}, 4,
                    0.5, 2, 10);
            ParameterSum doubles = ParameterSum.ofDoubles(new double[] {1, 2},
                    new double[] {3}, 4, 0.5, 2, 10);
            NetworkSnapshot start = snapshot.with(new double[2], new double[1], 0, 0);
            for (ParameterSum sum : new ParameterSum[] {floats, doubles}) {
                assertArrayEquals(new double[] {1, 2}, ParameterSum.empty()
                        .merge(roundTrip(serializer, sum)).average(start, false, true).params());
            }
            // The tree's shuffled records: (group, (partition, sum)).
            Tuple2<Integer, Tuple2<Integer, ParameterSum>> keyed =
                    new Tuple2<>(0, new Tuple2<>(3, ParameterSum.empty().merge(floats)));
            assertEquals(3, roundTrip(serializer, keyed)._2()._1());
        }
    }

    @Test
    void withoutTheRegistratorRequiredRegistrationFailsOnSparkNnsClasses() {
        SerializerInstance serializer = kryo(true, false);
        assertThrows(IllegalArgumentException.class,
                () -> roundTrip(serializer, new LossSum(1, 1)));
    }
}
