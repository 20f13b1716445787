package io.sparknn.ml;

import com.esotericsoftware.kryo.Kryo;
import io.sparknn.ml.data.DataStats;
import io.sparknn.ml.data.RowBlock;
import io.sparknn.ml.train.LossSum;
import io.sparknn.ml.train.NetworkSnapshot;
import io.sparknn.ml.train.ParameterSum;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Registers the classes spark-nn sends through Spark's serializer (task results, broadcasts,
 * cached and shuffled blocks) with Kryo. spark-nn works under Kryo without it; it is needed only
 * with {@code spark.kryo.registrationRequired=true}, where every class Kryo writes must be
 * registered:
 *
 * <pre>{@code
 * spark.serializer                    org.apache.spark.serializer.KryoSerializer
 * spark.kryo.registrationRequired     true
 * spark.kryo.registrator              io.sparknn.ml.SparkNnKryoRegistrator
 * }</pre>
 *
 * (Several registrators are comma-separated in {@code spark.kryo.registrator}.)
 */
public final class SparkNnKryoRegistrator implements KryoRegistrator {

    /** {@inheritDoc} */
    @Override
    public void registerClasses(Kryo kryo) {
        kryo.register(RowBlock.class);
        kryo.register(DataStats.class);
        kryo.register(DataStats[].class);
        kryo.register(LossSum.class);
        kryo.register(NetworkSnapshot.class);
        kryo.register(ParameterSum.class);
    }
}
