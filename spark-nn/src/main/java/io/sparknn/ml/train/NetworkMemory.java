package io.sparknn.ml.train;

import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Frees a network's native buffers (parameters, gradients, updater state) as soon as its owner
 * is done with it. DL4J's own {@code MultiLayerNetwork.close()} also destroys the thread's
 * workspaces and calls {@code System.gc()}, which cost 100-250 ms per task here; executor threads
 * are reused, so their workspaces are worth keeping.
 */
public final class NetworkMemory {
    private NetworkMemory() {}

    public static void release(MultiLayerNetwork network) {
        close(network.params());
        close(network.getGradientsViewArray());
        Updater updater = network.getUpdater(false);
        if (updater != null) {
            close(updater.getStateViewArray());
        }
    }

    private static void close(INDArray array) {
        if (array != null && array.closeable()) {
            array.close();
        }
    }
}
