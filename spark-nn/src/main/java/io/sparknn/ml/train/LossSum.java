package io.sparknn.ml.train;

import com.esotericsoftware.kryo.DefaultSerializer;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import java.io.Serializable;

/**
 * A sum of per-example losses and the number of examples, merged in partition order. A task
 * result: Java-serialized also under Kryo, which cannot build records.
 *
 * @param lossSum sum of per-example losses
 * @param count examples
 */
@DefaultSerializer(JavaSerializer.class)
public record LossSum(double lossSum, long count) implements Serializable {
    public static final LossSum ZERO = new LossSum(0, 0);

    public LossSum plus(LossSum other) {
        return new LossSum(lossSum + other.lossSum, count + other.count);
    }

    public double mean() {
        return lossSum / count;
    }
}
