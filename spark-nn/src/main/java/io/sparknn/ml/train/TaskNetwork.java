package io.sparknn.ml.train;

import io.sparknn.ml.data.SparseBatch;
import io.sparknn.ml.kernel.DenseKernel;
import io.sparknn.ml.kernel.DenseSpec;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The network one task trains or scores, batch by batch: spark-nn's dense kernel when the
 * driver chose it ({@link KernelSelection}) and this executor runs ND4J's CPU backend, DL4J's
 * own {@code MultiLayerNetwork} otherwise. Both compute the same numbers; the task owns it and
 * closes it.
 */
public interface TaskNetwork extends AutoCloseable {

    /**
     * A network holding {@code snapshot}'s state, for batches of up to {@code maxRows} rows.
     *
     * @param kernel the dense kernel's description of the network, or null for DL4J
     * @param training whether it will be trained (scoring needs no optimizer buffers)
     */
    static TaskNetwork open(DenseSpec kernel, NetworkSnapshot snapshot, int maxRows,
            boolean training) {
        return open(kernel, snapshot, maxRows, training, false);
    }

    /**
     * As {@link #open(DenseSpec, NetworkSnapshot, int, boolean)}, for {@link SparseBatch}es when
     * {@code sparseInput} (DL4J's network takes them densified).
     */
    static TaskNetwork open(DenseSpec kernel, NetworkSnapshot snapshot, int maxRows,
            boolean training, boolean sparseInput) {
        if (kernel != null && Nd4j.getEnvironment().isCPU()) {
            DenseKernel dense = DenseKernel.of(kernel, maxRows, training, sparseInput);
            dense.load(snapshot.params(), snapshot.updaterState(), snapshot.iterationCount(),
                    snapshot.epochCount());
            return new KernelTaskNetwork(dense);
        }
        return new Dl4jTaskNetwork(snapshot.toNetwork());
    }

    /** One optimizer step on {@code batch}; returns DL4J's score for it. */
    double fit(DataSet batch);

    /** One optimizer step on a sparse batch (a network opened for sparse input). */
    double fit(SparseBatch batch);

    /** The network's outputs for a batch, row-major into {@code into}. */
    void output(INDArray features, float[] into);

    /** The network's outputs for a sparse batch, row-major into {@code into}. */
    void output(SparseBatch batch, float[] into);

    /** The batch's per-example losses summed, without regularization terms. */
    double exampleLossSum(DataSet batch);

    /** The sparse batch's per-example losses summed, without regularization terms. */
    double exampleLossSum(SparseBatch batch);

    /**
     * The network's parameters and optimizer state (DL4J's flat layouts, copied) as this task's
     * result, for {@code count} examples.
     *
     * @param fitNanos time spent in {@link #fit}
     */
    ParameterSum result(long count, double lossSum, int steps, long fitNanos);

    @Override
    void close();
}
