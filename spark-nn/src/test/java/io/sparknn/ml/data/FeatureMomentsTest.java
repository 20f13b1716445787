package io.sparknn.ml.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Per-feature moments, without Spark: the same from rows held densely or sparsely. */
class FeatureMomentsTest {

    @Test
    void denseAndSparseBlocksOfTheSameRowsHaveTheSameMomentsToTheLastBit() {
        Random random = new Random(5);
        int width = 300;
        int rows = 500;
        float[] dense = new float[rows * width];
        long[] keys = new long[rows];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < 6; k++) {
                dense[r * width + random.nextInt(width)] = (float) random.nextGaussian();
            }
            keys[r] = random.nextLong();
        }
        float[] labels = new float[rows];
        List<Integer> starts = new ArrayList<>(List.of(0));
        List<Integer> indices = new ArrayList<>();
        List<Float> values = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < width; j++) {
                if (dense[r * width + j] != 0) {
                    indices.add(j);
                    values.add(dense[r * width + j]);
                }
            }
            starts.add(indices.size());
        }
        float[] v = new float[values.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = values.get(k);
        }
        RowBlock held = new RowBlock(dense, labels, keys, rows, width, false);
        RowBlock sparse = new RowBlock(v, labels, keys, rows, width, false,
                starts.stream().mapToInt(Integer::intValue).toArray(),
                indices.stream().mapToInt(Integer::intValue).toArray());
        FeatureMoments fromDense = FeatureMoments.of(List.of(held));
        FeatureMoments fromSparse = FeatureMoments.of(List.of(sparse));
        assertEquals(fromDense, fromSparse);
        assertEquals(v.length / (double) (rows * width), fromSparse.density(), 1e-15);

        // Against the textbook two-pass sums over every value, zeros included.
        double[] mean = new double[width];
        double[] std = new double[width];
        for (int j = 0; j < width; j++) {
            for (int r = 0; r < rows; r++) {
                mean[j] += dense[r * width + j];
            }
            mean[j] /= rows;
            double m2 = 0;
            for (int r = 0; r < rows; r++) {
                double d = dense[r * width + j] - mean[j];
                m2 += d * d;
            }
            std[j] = Math.sqrt(m2 / (rows - 1));
        }
        assertArrayEquals(mean, fromSparse.mean(), 1e-12);
        assertArrayEquals(std, fromSparse.std(), 1e-12);
    }
}
