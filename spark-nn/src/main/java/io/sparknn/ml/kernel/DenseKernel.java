package io.sparknn.ml.kernel;

import io.sparknn.ml.data.SparseBatch;
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
 *
 * <p>A kernel for sparse input ({@link SparseBatch}: wide, mostly-zero rows such as hashed text)
 * computes the first layer from each row's nonzero values on the heap, forward and backward, so
 * a step costs the batch's nonzeros times the layer's width there instead of the full matrix
 * product, and keeps that layer's weights input-major ({@link InputMajorWeights}). The optimizer
 * still updates every parameter each step, as DL4J's rule does: Adam, RMSProp, momentum and
 * regularization change a weight also when its gradient is 0, so skipping the weights of absent
 * inputs (a "lazy" update) would train another model than DL4J's.
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
    // Sparse input only (else null): the first layer's order, pre-activations and gradients.
    private final InputMajorWeights inputMajor;
    /** Parameters from here on are also native (the first layer's weights are not, if sparse). */
    private final int nativeFrom;
    private final float[] firstPre;
    private final float[] firstDelta;

    private DenseKernel(DenseSpec spec, int maxRows, boolean training, boolean sparseInput) {
        this.spec = spec;
        this.layers = spec.layers();
        this.maxRows = maxRows;
        int count = layers.size();
        DenseLayerSpec first = layers.get(0);
        inputMajor = sparseInput ? new InputMajorWeights(first.nIn(), first.nOut()) : null;
        nativeFrom = sparseInput ? first.weightCount() : 0;
        firstPre = sparseInput ? new float[maxRows * first.nOut()] : null;
        firstDelta = sparseInput && training ? new float[maxRows * first.nOut()] : null;
        params = new float[spec.numParams()];
        weights = new NativeFloats(spec.numParams() - nativeFrom);
        weightAt = new FloatPointer[count];
        z = new NativeFloats[count];
        a = new NativeFloats[count];
        zAt = new FloatPointer[count];
        aAt = new FloatPointer[count];
        delta = training ? new NativeFloats[count] : null;
        deltaAt = training ? new FloatPointer[count] : null;
        gradients = training ? new NativeFloats(spec.numParams() - nativeFrom) : null;
        weightGradientAt = training ? new FloatPointer[count] : null;
        biasGradientAt = training ? new FloatPointer[count] : null;
        for (int l = 0; l < count; l++) {
            DenseLayerSpec layer = layers.get(l);
            long cells = (long) maxRows * layer.nOut();
            // Native copies start at parameter nativeFrom (the first layer's weights have none
            // with sparse input).
            boolean heapOnly = l == 0 && sparseInput;
            weightAt[l] = heapOnly ? null : weights.at(layer.weightOffset() - nativeFrom);
            z[l] = new NativeFloats(cells);
            a[l] = new NativeFloats(cells);
            zAt[l] = z[l].at(0);
            aAt[l] = a[l].at(0);
            if (training) {
                delta[l] = new NativeFloats(cells);
                deltaAt[l] = delta[l].at(0);
                weightGradientAt[l] = heapOnly ? null
                        : gradients.at(layer.weightOffset() - nativeFrom);
                biasGradientAt[l] = gradients.at(layer.biasOffset() - nativeFrom);
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

    /** A kernel that trains (and scores) dense batches of up to {@code maxRows} rows. */
    public static DenseKernel forTraining(DenseSpec spec, int maxRows) {
        return new DenseKernel(spec, maxRows, true, false);
    }

    /** A kernel that only scores dense batches: no gradient or optimizer buffers. */
    public static DenseKernel forScoring(DenseSpec spec, int maxRows) {
        return new DenseKernel(spec, maxRows, false, false);
    }

    /**
     * A kernel for {@link SparseBatch}es ({@code sparseInput}) or dense batches.
     *
     * @param training whether it trains, or only scores
     */
    public static DenseKernel of(DenseSpec spec, int maxRows, boolean training,
            boolean sparseInput) {
        return new DenseKernel(spec, maxRows, training, sparseInput);
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
        if (inputMajor != null) {
            inputMajor.fromDl4j(params, 0);
        }
        weights.put(0, params, nativeFrom, params.length - nativeFrom);
        if (optimizer != null) {
            optimizer.importState(updaterState);
            if (inputMajor != null) {
                optimizer.reorderFirstWeights(inputMajor::fromDl4j);
            }
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
        return step(inputPointer(features), null, labels, rows);
    }

    /** {@link #fit(INDArray, INDArray)} for a sparse batch (a kernel for sparse input). */
    public double fit(SparseBatch batch) {
        return step(null, batch, batch.labels(), rowsOf(batch));
    }

    /** The network's outputs for a batch (probabilities or predictions), row-major. */
    public void output(INDArray features, float[] into) {
        int rows = rowsOf(features);
        forward(inputPointer(features), null, rows);
        a[layers.size() - 1].get(0, into, 0, rows * spec.numOutputs());
    }

    /** {@link #output(INDArray, float[])} for a sparse batch (a kernel for sparse input). */
    public void output(SparseBatch batch, float[] into) {
        int rows = rowsOf(batch);
        forward(null, batch, rows);
        a[layers.size() - 1].get(0, into, 0, rows * spec.numOutputs());
    }

    /** The sum of the per-example losses of a batch, without regularization terms. */
    public double exampleLossSum(INDArray features, INDArray labels) {
        int rows = rowsOf(features);
        forward(inputPointer(features), null, rows);
        return outputGradient(labelsOf(labels, rows), rows, false);
    }

    /** {@link #exampleLossSum(INDArray, INDArray)} for a sparse batch. */
    public double exampleLossSum(SparseBatch batch) {
        int rows = rowsOf(batch);
        forward(null, batch, rows);
        return outputGradient(labelsOf(batch.labels(), rows), rows, false);
    }

    /**
     * The current parameters in DL4J's flat layout: the kernel's own array for dense input
     * (copy to keep), a new one for sparse input.
     */
    public float[] params() {
        if (inputMajor == null) {
            return params;
        }
        float[] dl4j = params.clone();
        inputMajor.toDl4j(dl4j, 0);
        return dl4j;
    }

    /** The optimizer state in DL4J's flat layout (a new array). */
    public float[] updaterState() {
        if (optimizer == null) {
            return new float[0];
        }
        if (inputMajor == null) {
            return optimizer.exportState();
        }
        // The first segment's state arrays (one per optimizer moment) start with the first
        // layer's weights: reorder them in the exported copy.
        float[] state = optimizer.exportState();
        UpdaterSegment segment = spec.segments().get(0);
        for (int at = 0; at < segment.stateLength(); at += segment.length()) {
            inputMajor.toDl4j(state, segment.stateOffset() + at);
        }
        return state;
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

    /** One training step on a dense ({@code input}) or sparse ({@code sparse}) batch. */
    private double step(FloatPointer input, SparseBatch sparse, INDArray labels, int rows) {
        forward(input, sparse, rows);
        double lossSum = outputGradient(labelsOf(labels, rows), rows, true);
        double score = lossSum / rows + optimizer.regularizationScore(params, iteration, epoch);
        backward(input, sparse, rows);
        gradients.get(0, grads, nativeFrom, grads.length - nativeFrom);
        optimizer.step(params, grads, rows, iteration, epoch, nativeFrom);
        weights.put(0, params, nativeFrom, params.length - nativeFrom);
        iteration++;
        return score;
    }

    /** The forward pass of a dense ({@code input}) or sparse ({@code sparse}) batch. */
    private void forward(FloatPointer input, SparseBatch sparse, int rows) {
        int last = layers.size() - 1;
        for (int l = 0; l <= last; l++) {
            DenseLayerSpec layer = layers.get(l);
            int nOut = layer.nOut();
            FloatBuffer pre = z[l].view();
            if (l == 0 && sparse != null) {
                sparseFirstLayer(sparse, rows);
            } else {
                for (int r = 0; r < rows; r++) {
                    pre.put(r * nOut, params, layer.biasOffset(), nOut);
                }
                Blas.gemm(true, false, nOut, rows, layer.nIn(), weightAt[l], layer.nIn(),
                        l == 0 ? input : aAt[l - 1], layer.nIn(), 1f, zAt[l], nOut);
            }
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

    /**
     * The first layer's pre-activations from the batch's nonzero values: each row's bias plus,
     * per nonzero input, that value times the input's weights (a run of nOut), into {@code z[0]}.
     */
    private void sparseFirstLayer(SparseBatch batch, int rows) {
        DenseLayerSpec layer = layers.get(0);
        int nOut = layer.nOut();
        int[] starts = batch.rowStarts();
        int[] indices = batch.indices();
        float[] values = batch.values();
        float[] pre = firstPre;
        for (int r = 0; r < rows; r++) {
            int at = r * nOut;
            System.arraycopy(params, layer.biasOffset(), pre, at, nOut);
            for (int k = starts[r]; k < starts[r + 1]; k++) {
                int w = indices[k] * nOut;
                float v = values[k];
                for (int o = 0; o < nOut; o++) {
                    pre[at + o] += v * params[w + o];
                }
            }
        }
        z[0].put(0, pre, 0, rows * nOut);
    }

    /**
     * The first layer's weight gradient from the batch's nonzero values, into {@code grads}
     * (input-major): per nonzero input, its value times the row's gradient at the layer's
     * output. The rest of that part of {@code grads} is zero (the optimizer's step clears it).
     */
    private void sparseFirstGradient(SparseBatch batch, int rows) {
        int nOut = layers.get(0).nOut();
        delta[0].get(0, firstDelta, 0, rows * nOut);
        int[] starts = batch.rowStarts();
        int[] indices = batch.indices();
        float[] values = batch.values();
        for (int r = 0; r < rows; r++) {
            int at = r * nOut;
            for (int k = starts[r]; k < starts[r + 1]; k++) {
                int w = indices[k] * nOut;
                float v = values[k];
                for (int o = 0; o < nOut; o++) {
                    grads[w + o] += v * firstDelta[at + o];
                }
            }
        }
    }

    /** The backward pass of a dense ({@code input}) or sparse ({@code sparse}) batch. */
    private void backward(FloatPointer input, SparseBatch sparse, int rows) {
        for (int l = layers.size() - 1; l >= 0; l--) {
            DenseLayerSpec layer = layers.get(l);
            int nIn = layer.nIn();
            int nOut = layer.nOut();
            if (l == 0 && sparse != null) {
                sparseFirstGradient(sparse, rows);
            } else {
                // dW = input x delta^T (nIn x nOut).
                Blas.gemm(false, true, nIn, nOut, rows, l == 0 ? input : aAt[l - 1], nIn,
                        deltaAt[l], nOut, 0f, weightGradientAt[l], nIn);
            }
            // db = delta x ones.
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

    private int rowsOf(SparseBatch batch) {
        if (inputMajor == null || batch.width() != spec.numInputs() || batch.rows() > maxRows) {
            throw new IllegalArgumentException("This kernel takes " + (inputMajor == null
                    ? "dense batches" : "sparse batches of at most " + maxRows + " rows of "
                    + spec.numInputs() + " features") + ", got a sparse batch of "
                    + batch.rows() + " x " + batch.width());
        }
        return batch.rows();
    }

    private int rowsOf(INDArray features) {
        if (inputMajor != null) {
            throw new IllegalArgumentException("This kernel takes sparse batches");
        }
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
