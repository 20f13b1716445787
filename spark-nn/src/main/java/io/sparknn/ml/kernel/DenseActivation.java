package io.sparknn.ml.kernel;

import java.nio.FloatBuffer;

/**
 * The element-wise activations the dense kernel computes, with DL4J's definitions: ReLU's
 * derivative is 1 only for z > 0, leaky ReLU's is alpha only for z < 0.
 */
public enum DenseActivation {
    IDENTITY,
    RELU,
    LEAKY_RELU,
    TANH,
    SIGMOID;

    /** {@code a = f(z)} over the first {@code n} values. */
    void forward(FloatBuffer z, FloatBuffer a, int n, float alpha) {
        switch (this) {
            case IDENTITY -> {
                for (int i = 0; i < n; i++) {
                    a.put(i, z.get(i));
                }
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    float v = z.get(i);
                    a.put(i, v > 0 ? v : 0f);
                }
            }
            case LEAKY_RELU -> {
                for (int i = 0; i < n; i++) {
                    float v = z.get(i);
                    a.put(i, v < 0 ? alpha * v : v);
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    a.put(i, (float) Math.tanh(z.get(i)));
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    a.put(i, (float) (1.0 / (1.0 + Math.exp(-z.get(i)))));
                }
            }
            default -> throw new IllegalStateException(name());
        }
    }

    /** {@code g *= f'(z)} over the first {@code n} values; {@code a} holds {@code f(z)}. */
    void backward(FloatBuffer z, FloatBuffer a, FloatBuffer g, int n, float alpha) {
        switch (this) {
            case IDENTITY -> {
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    if (!(z.get(i) > 0)) {
                        g.put(i, 0f);
                    }
                }
            }
            case LEAKY_RELU -> {
                for (int i = 0; i < n; i++) {
                    if (z.get(i) < 0) {
                        g.put(i, alpha * g.get(i));
                    }
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    float v = a.get(i);
                    g.put(i, g.get(i) * (1 - v * v));
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    float v = a.get(i);
                    g.put(i, g.get(i) * v * (1 - v));
                }
            }
            default -> throw new IllegalStateException(name());
        }
    }
}
