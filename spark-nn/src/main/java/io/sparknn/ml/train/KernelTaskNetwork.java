package io.sparknn.ml.train;

import io.sparknn.ml.data.SparseBatch;
import io.sparknn.ml.kernel.DenseKernel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** A task's network computed by spark-nn's dense kernel. */
final class KernelTaskNetwork implements TaskNetwork {
    private final DenseKernel kernel;

    KernelTaskNetwork(DenseKernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public double fit(DataSet batch) {
        return kernel.fit(batch.getFeatures(), batch.getLabels());
    }

    @Override
    public double fit(SparseBatch batch) {
        return kernel.fit(batch);
    }

    @Override
    public void output(INDArray features, float[] into) {
        kernel.output(features, into);
    }

    @Override
    public void output(SparseBatch batch, float[] into) {
        kernel.output(batch, into);
    }

    @Override
    public double exampleLossSum(SparseBatch batch) {
        return kernel.exampleLossSum(batch);
    }

    @Override
    public double exampleLossSum(DataSet batch) {
        return kernel.exampleLossSum(batch.getFeatures(), batch.getLabels());
    }

    @Override
    public ParameterSum result(long count, double lossSum, int steps, long fitNanos) {
        return ParameterSum.ofFloats(kernel.params().clone(), kernel.updaterState(), count,
                lossSum, steps, fitNanos).byDenseKernel();
    }

    @Override
    public void close() {
        kernel.close();
    }
}
