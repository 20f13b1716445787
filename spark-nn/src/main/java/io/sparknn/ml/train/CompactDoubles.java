package io.sparknn.ml.train;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

/**
 * Java serialization of the parameter and optimizer-state arrays of a {@link NetworkSnapshot},
 * which is broadcast every epoch: written as floats when every value is exactly a float (always,
 * for the float32 networks spark-nn trains, whose averages are rounded to floats), else as
 * doubles. Halves the broadcast without changing a bit of what is read back.
 */
final class CompactDoubles {
    private CompactDoubles() {}

    static void write(ObjectOutputStream out, double[] values) throws IOException {
        if (values == null) {
            out.writeObject(null);
            return;
        }
        if (!allFloats(values)) {
            out.writeObject(values);
            return;
        }
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        out.writeObject(floats);
    }

    static double[] read(ObjectInputStream in) throws IOException, ClassNotFoundException {
        Object value = in.readObject();
        if (value == null || value instanceof double[]) {
            return (double[]) value;
        }
        float[] floats = (float[]) value;
        double[] values = new double[floats.length];
        for (int i = 0; i < floats.length; i++) {
            values[i] = floats[i];
        }
        return values;
    }

    private static boolean allFloats(double[] values) {
        for (double v : values) {
            if ((double) (float) v != v && !Double.isNaN(v)) {
                return false;
            }
        }
        return true;
    }
}
