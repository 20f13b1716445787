package io.sparknn.ml.train;

import io.sparknn.ml.data.SparseBatch;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A task's network computed by DL4J itself: any configuration DL4J can train. DL4J's layers take
 * dense inputs, so sparse batches are densified one at a time (a batch's rows, not the data).
 */
final class Dl4jTaskNetwork implements TaskNetwork {
    private final MultiLayerNetwork network;
    /** The matrix sparse batches are densified into (the first batch's shape, reused). */
    private INDArray densified;

    Dl4jTaskNetwork(MultiLayerNetwork network) {
        this.network = network;
    }

    @Override
    public double fit(DataSet batch) {
        network.fit(batch);
        return network.score();
    }

    @Override
    public double fit(SparseBatch batch) {
        return fit(densified(batch));
    }

    @Override
    public void output(SparseBatch batch, float[] into) {
        output(densified(batch).getFeatures(), into);
    }

    @Override
    public double exampleLossSum(SparseBatch batch) {
        return exampleLossSum(densified(batch));
    }

    /** {@code batch} as a dense DataSet, full batches in one reused matrix. */
    private DataSet densified(SparseBatch batch) {
        DataSet dense = batch.toDense(densified);
        if (densified == null) {
            densified = dense.getFeatures();
        }
        return dense;
    }

    @Override
    public void output(INDArray features, float[] into) {
        float[] out = network.output(features, false).castTo(DataType.FLOAT).ravel()
                .toFloatVector();
        System.arraycopy(out, 0, into, 0, out.length);
    }

    @Override
    public double exampleLossSum(DataSet batch) {
        return network.scoreExamples(batch, false).sumNumber().doubleValue();
    }

    @Override
    public ParameterSum result(long count, double lossSum, int steps, long fitNanos) {
        INDArray params = network.params();
        Updater updater = network.getUpdater(true);
        INDArray state = updater == null ? null : updater.getStateViewArray();
        if (params.dataType() == DataType.FLOAT) {
            return ParameterSum.ofFloats(params.toFloatVector(),
                    state == null ? new float[0] : state.toFloatVector(), count, lossSum, steps,
                    fitNanos);
        }
        return ParameterSum.ofDoubles(params.toDoubleVector(),
                state == null ? new double[0] : state.toDoubleVector(), count, lossSum, steps,
                fitNanos);
    }

    @Override
    public void close() {
        NetworkMemory.release(network);
    }
}
