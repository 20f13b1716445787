package io.sparknn.ml.kernel;

import java.nio.FloatBuffer;
import java.util.List;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One task's dense network: forward pass, loss, backward pass and optimizer step on buffers
 * allocated once, for batches of up to {@code maxRows} rows. Computes what DL4J's {@code
 * MultiLayerNetwork.fit(DataSet)}, {@code score()}, {@code output} and {@code scoreExamples}
 * compute for the same network ({@link DenseSpec}), in DL4J's parameter and updater-state
 * layout. Not thread-safe: one kernel per task; {@link #close} frees its native buffers.
 *
 * <p>The parameters live on the heap (the optimizer's loops vectorize there) with a native copy
 * of them for OpenBLAS, refreshed after each step; activations and gradients of the batch are
 * native, laid out one example per column (a row-major batch read as a column-major matrix).
 */
public final class DenseKernel implements AutoCloseable {
    private final DenseSpec spec;
    private final List<DenseLayerSpec> layers;
    private final int maxRows;
    private final float[] params;
    private final NativeFloats weights;
    private final FloatPointer[] weightAt;
    private final NativeFloats[] z;
    private final NativeFloats[] a;
    private final FloatPointer[] zAt;
    private final FloatPointer[] aAt;
    // Training only (null when scoring): gradients at each layer's pre-activation, parameter
    // gradients (native for BLAS, then on the heap for the optimizer), a vector of ones.
    private final NativeFloats[] delta;
    private final FloatPointer[] deltaAt;
    private final NativeFloats gradients;
    private final FloatPointer[] weightGradientAt;
    private final FloatPointer[] biasGradientAt;
    private final float[] grads;
    private final NativeFloats ones;
    private final FloatPointer onesAt;
    private final DenseOptimizer optimizer;
    private int iteration;
    private int epoch;
    private INDArray lastInput;
    private FloatPointer lastInputAt;

    private DenseKernel(DenseSpec spec, int maxRows, boolean training) {
        this.spec = spec;
        this.layers = spec.layers();
        this.maxRows = maxRows;
        int count = layers.size();
        params = new float[spec.numParams()];
        weights = new NativeFloats(spec.numParams());
        weightAt = new FloatPointer[count];
        z = new NativeFloats[count];
        a = new NativeFloats[count];
        zAt = new FloatPointer[count];
        aAt = new FloatPointer[count];
        delta = training ? new NativeFloats[count] : null;
        deltaAt = training ? new FloatPointer[count] : null;
        gradients = training ? new NativeFloats(spec.numParams()) : null;
        weightGradientAt = training ? new FloatPointer[count] : null;
        biasGradientAt = training ? new FloatPointer[count] : null;
        for (int l = 0; l < count; l++) {
            DenseLayerSpec layer = layers.get(l);
            long cells = (long) maxRows * layer.nOut();
            weightAt[l] = weights.at(layer.weightOffset());
            z[l] = new NativeFloats(cells);
            a[l] = new NativeFloats(cells);
            zAt[l] = z[l].at(0);
            aAt[l] = a[l].at(0);
            if (training) {
                delta[l] = new NativeFloats(cells);
                deltaAt[l] = delta[l].at(0);
                weightGradientAt[l] = gradients.at(layer.weightOffset());
                biasGradientAt[l] = gradients.at(layer.biasOffset());
            }
        }
        grads = training ? new float[spec.numParams()] : null;
        ones = training ? new NativeFloats(maxRows) : null;
        onesAt = training ? ones.at(0) : null;
        if (training) {
            for (int i = 0; i < maxRows; i++) {
                ones.view().put(i, 1f);
            }
        }
        optimizer = training ? new DenseOptimizer(spec) : null;
    }

    /** A kernel that trains (and scores) batches of up to {@code maxRows} rows. */
    public static DenseKernel forTraining(DenseSpec spec, int maxRows) {
        return new DenseKernel(spec, maxRows, true);
    }

    /** A kernel that only scores: no gradient or optimizer buffers. */
    public static DenseKernel forScoring(DenseSpec spec, int maxRows) {
        return new DenseKernel(spec, maxRows, false);
    }

    /**
     * Sets the network's state: DL4J's flat parameters and updater state (empty when scoring,
     * or for an optimizer without state) and its iteration and epoch counters.
     */
    public void load(double[] flatParams, double[] updaterState, int iterationCount,
            int epochCount) {
        if (flatParams.length != params.length) {
            throw new IllegalArgumentException("The network has " + params.length
                    + " parameters, the state " + flatParams.length);
        }
        for (int i = 0; i < params.length; i++) {
            params[i] = (float) flatParams[i];
        }
        weights.put(0, params, 0, params.length);
        if (optimizer != null) {
            optimizer.importState(updaterState);
        }
        iteration = iterationCount;
        epoch = epochCount;
    }

    /**
     * One training step on a batch, as DL4J's {@code fit(DataSet)}: returns the score DL4J
     * reports (mean loss over the batch plus the regularization terms, before the update).
     *
     * @param features row-major {@code rows x numInputs} floats
     * @param labels {@code rows x numOutputs}: one-hot classes or regression targets
     */
    public double fit(INDArray features, INDArray labels) {
        int rows = rowsOf(features);
        forward(inputPointer(features), rows);
        double lossSum = outputGradient(labelsOf(labels, rows), rows, true);
        double score = lossSum / rows + optimizer.regularizationScore(params, iteration, epoch);
        backward(inputPointer(features), rows);
        gradients.get(0, grads, 0, grads.length);
        optimizer.step(params, grads, rows, iteration, epoch);
        weights.put(0, params, 0, params.length);
        iteration++;
        return score;
    }

    /** The network's outputs for a batch (probabilities or predictions), row-major. */
    public void output(INDArray features, float[] into) {
        int rows = rowsOf(features);
        forward(inputPointer(features), rows);
        a[layers.size() - 1].get(0, into, 0, rows * spec.numOutputs());
    }

    /** The sum of the per-example losses of a batch, without regularization terms. */
    public double exampleLossSum(INDArray features, INDArray labels) {
        int rows = rowsOf(features);
        forward(inputPointer(features), rows);
        return outputGradient(labelsOf(labels, rows), rows, false);
    }

    /** The current parameters, DL4J's flat layout (the kernel's own array: copy to keep). */
    public float[] params() {
        return params;
    }

    /** The optimizer state in DL4J's flat layout (a new array). */
    public float[] updaterState() {
        return optimizer == null ? new float[0] : optimizer.exportState();
    }

    public int iteration() {
        return iteration;
    }

    @Override
    public void close() {
        weights.close();
        closeAll(z);
        closeAll(a);
        if (delta != null) {
            closeAll(delta);
            gradients.close();
            ones.close();
        }
    }

    private void forward(FloatPointer input, int rows) {
        int last = layers.size() - 1;
        for (int l = 0; l <= last; l++) {
            DenseLayerSpec layer = layers.get(l);
            int nOut = layer.nOut();
            FloatBuffer pre = z[l].view();
            for (int r = 0; r < rows; r++) {
                pre.put(r * nOut, params, layer.biasOffset(), nOut);
            }
            Blas.gemm(true, false, nOut, rows, layer.nIn(), weightAt[l], layer.nIn(),
                    l == 0 ? input : aAt[l - 1], layer.nIn(), 1f, zAt[l], nOut);
            if (l == last) {
                spec.loss().forward(layer, pre, a[l].view(), rows);
            } else {
                layer.activation().forward(pre, a[l].view(), rows * nOut, layer.alpha());
            }
        }
    }

    /** The batch's summed per-example losses; with {@code gradient}, fills {@code delta}. */
    private double outputGradient(FloatBuffer y, int rows, boolean gradient) {
        int last = layers.size() - 1;
        return spec.loss().loss(layers.get(last), z[last].view(), a[last].view(), y,
                gradient ? delta[last].view() : null, rows, spec.softmaxClipEps());
    }

    private void backward(FloatPointer input, int rows) {
        for (int l = layers.size() - 1; l >= 0; l--) {
            DenseLayerSpec layer = layers.get(l);
            int nIn = layer.nIn();
            int nOut = layer.nOut();
            FloatPointer below = l == 0 ? input : aAt[l - 1];
            // dW = input x delta^T (nIn x nOut), db = delta x ones.
            Blas.gemm(false, true, nIn, nOut, rows, below, nIn, deltaAt[l], nOut, 0f,
                    weightGradientAt[l], nIn);
            Blas.gemv(nOut, rows, deltaAt[l], nOut, onesAt, biasGradientAt[l]);
            if (l > 0) {
                // The gradient at the layer below's output, W x delta, then through its
                // activation.
                Blas.gemm(false, false, nIn, rows, nOut, weightAt[l], nIn, deltaAt[l], nOut, 0f,
                        deltaAt[l - 1], nIn);
                DenseLayerSpec previous = layers.get(l - 1);
                previous.activation().backward(z[l - 1].view(), a[l - 1].view(),
                        delta[l - 1].view(), rows * nIn, previous.alpha());
            }
        }
    }

    private int rowsOf(INDArray features) {
        if (features.rank() != 2 || features.columns() != spec.numInputs()
                || features.rows() > maxRows || features.dataType() != DataType.FLOAT
                || features.ordering() != 'c' || features.isView()) {
            throw new IllegalArgumentException("The dense kernel takes float c-order batches of"
                    + " at most " + maxRows + " x " + spec.numInputs() + ", got "
                    + features.shapeInfoToString());
        }
        return features.rows();
    }

    private FloatBuffer labelsOf(INDArray labels, int rows) {
        if (labels.rows() != rows || labels.columns() != spec.numOutputs()
                || labels.dataType() != DataType.FLOAT || labels.ordering() != 'c'
                || labels.isView()) {
            throw new IllegalArgumentException("The dense kernel takes float c-order labels of "
                    + rows + " x " + spec.numOutputs() + ", got " + labels.shapeInfoToString());
        }
        return labels.data().asNioFloat();
    }

    /** A BLAS pointer to the batch's memory; batchers reuse their arrays, so cache it. */
    private FloatPointer inputPointer(INDArray features) {
        if (features != lastInput) {
            lastInput = features;
            lastInputAt = new FloatPointer(features.data().addressPointer())
                    .position(features.offset());
        }
        return lastInputAt;
    }

    private static void closeAll(NativeFloats[] buffers) {
        for (NativeFloats buffer : buffers) {
            buffer.close();
        }
    }
}
