package io.sparknn.ml.train;

import io.sparknn.ml.param.NeuralNetEstimatorParams;
import java.util.Locale;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Builds the DL4J network a fit trains: from the layer params (hiddenLayers, activation,
 * optimizer, learningRate, l2, seed) or from a user's configuration JSON, checked against the
 * data's input and output widths before any training job.
 */
public final class NetworkFactory {
    private NetworkFactory() {}

    /** {@link #configure(NeuralNetEstimatorParams, int, int, Initialization)} by default. */
    public static MultiLayerConfiguration configure(
            NeuralNetEstimatorParams<?> params, int numFeatures, int numClasses) {
        return configure(params, numFeatures, numClasses, Initialization.DEFAULT);
    }

    /**
     * The configuration to train: the {@code network} param when set, else a dense network of
     * {@code hiddenLayers} ending in softmax + negative log-likelihood (classifier, {@code
     * numClasses > 0}) or identity + MSE (regressor), its weights initialized by {@code init}.
     */
    public static MultiLayerConfiguration configure(NeuralNetEstimatorParams<?> params,
            int numFeatures, int numClasses, Initialization init) {
        if (params.hasCustomNetwork()) {
            return MultiLayerConfiguration.fromJson(params.getNetwork());
        }
        Activation activation =
                Activation.valueOf(params.getActivation().toUpperCase(Locale.ROOT));
        NeuralNetConfiguration.ListBuilder layers =
                new NeuralNetConfiguration.Builder()
                        .seed(params.getSeed())
                        .dataType(DataType.FLOAT)
                        .weightInit(init.hidden(activation))
                        .updater(updater(params.getOptimizer(), params.getLearningRate()))
                        .l2(params.getL2())
                        .list();
        int inputs = numFeatures;
        int index = 0;
        for (int width : params.getHiddenLayers()) {
            layers.layer(index++, new DenseLayer.Builder()
                    .nIn(inputs).nOut(width).activation(activation).build());
            inputs = width;
        }
        boolean classifier = numClasses > 0;
        layers.layer(index, new OutputLayer.Builder(
                        classifier ? LossFunction.NEGATIVELOGLIKELIHOOD : LossFunction.MSE)
                .nIn(inputs)
                .nOut(classifier ? numClasses : 1)
                .activation(classifier ? Activation.SOFTMAX : Activation.IDENTITY)
                .weightInit(init.output(activation))
                .build());
        return layers.build();
    }

    /**
     * A freshly initialized network for {@code conf}, after checking that it takes {@code
     * numFeatures} inputs and gives {@code numOutputs} outputs.
     *
     * @throws IllegalArgumentException naming the columns when the network does not fit the data
     */
    public static MultiLayerNetwork initialize(MultiLayerConfiguration conf, int numFeatures,
            int numOutputs, String featuresCol, String labelCol) {
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        checkFits(network, numFeatures, numOutputs, featuresCol, labelCol);
        return network;
    }

    /**
     * Checks that {@code network} ends in an output layer, takes {@code numFeatures} inputs and
     * gives {@code numOutputs} outputs.
     *
     * @throws IllegalArgumentException naming the columns when it does not fit the data
     */
    public static void checkFits(MultiLayerNetwork network, int numFeatures, int numOutputs,
            String featuresCol, String labelCol) {
        Layer output = network.getOutputLayer();
        if (!(output instanceof IOutputLayer)) {
            throw new IllegalArgumentException("Param 'network' must end with an output layer"
                    + " (OutputLayer or LossLayer) that defines the loss, but ends with "
                    + output.getClass().getSimpleName() + ".");
        }
        long outputs;
        DataType type = network.getLayerWiseConfigurations().getDataType();
        try (INDArray probe = Nd4j.zeros(type, 1, numFeatures)) {
            outputs = network.output(probe).size(1);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Param 'network' does not accept the "
                    + numFeatures + " features of column '" + featuresCol + "': "
                    + e.getMessage(), e);
        }
        if (outputs != numOutputs) {
            throw new IllegalArgumentException("Param 'network' has " + outputs
                    + " outputs, but column '" + labelCol + "' needs " + numOutputs
                    + (numOutputs == 1 ? " (a regression target)." : " (one per class)."));
        }
    }

    static IUpdater updater(String optimizer, double learningRate) {
        return switch (optimizer) {
            case "adam" -> new Adam(learningRate);
            case "sgd" -> new Sgd(learningRate);
            case "nesterovs" -> new Nesterovs(learningRate, 0.9);
            case "rmsprop" -> new RmsProp(learningRate);
            case "adagrad" -> new AdaGrad(learningRate);
            default -> throw new IllegalArgumentException("Unknown optimizer '" + optimizer
                    + "'; expected adam, sgd, nesterovs, rmsprop or adagrad.");
        };
    }
}
