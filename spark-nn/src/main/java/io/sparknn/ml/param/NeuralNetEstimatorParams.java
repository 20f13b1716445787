package io.sparknn.ml.param;

import org.apache.spark.ml.param.Param;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;

/**
 * The estimators' side of the Params: the {@code network} param (models have no such param:
 * their {@code network()} returns the trained DL4J network) and the setters, each returning the
 * concrete estimator ({@code S}) so calls chain as in MLlib.
 *
 * @param <S> the estimator type
 */
public interface NeuralNetEstimatorParams<S extends NeuralNetEstimatorParams<S>> extends NeuralNetParams {

    /**
     * A DL4J {@code MultiLayerConfiguration} JSON that replaces hiddenLayers, activation,
     * optimizer, learningRate and l2. Default "" (not used).
     */
    default Param<String> network() {
        return neuralNetParams().network();
    }

    default String getNetwork() {
        return getOrDefault(network());
    }

    /** True when a network JSON is set and replaces the layer/activation/optimizer params. */
    default boolean hasCustomNetwork() {
        return !getNetwork().isEmpty();
    }

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }

    /** @see #hiddenLayers() */
    default S setHiddenLayers(int... widths) {
        set(hiddenLayers(), widths);
        return self();
    }

    /**
     * Sets a DL4J network configuration JSON; it replaces hiddenLayers, activation, optimizer,
     * learningRate and l2. Its first layer must take as many inputs as the features column has,
     * its output layer as many outputs as classes (classifier) or one (regressor).
     *
     * @throws IllegalArgumentException naming DL4J's parse error when the JSON is not a network
     */
    default S setNetwork(String json) {
        if (!json.isEmpty()) {
            try {
                MultiLayerConfiguration.fromJson(json);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        "Param 'network' must be a DL4J MultiLayerConfiguration JSON: "
                                + e.getMessage(), e);
            }
        }
        set(network(), json);
        return self();
    }

    /** Sets the network from a DL4J configuration; see {@link #setNetwork(String)}. */
    default S setNetwork(MultiLayerConfiguration configuration) {
        return setNetwork(configuration.toJson());
    }

    /** @see #activation() */
    default S setActivation(String value) {
        set(activation(), value);
        return self();
    }

    /** @see #optimizer() */
    default S setOptimizer(String value) {
        set(optimizer(), value);
        return self();
    }

    /** @see #learningRate() */
    default S setLearningRate(double value) {
        set(learningRate(), value);
        return self();
    }

    /** @see #l2() */
    default S setL2(double value) {
        set(l2(), value);
        return self();
    }

    /** @see #epochs() */
    default S setEpochs(int value) {
        set(epochs(), value);
        return self();
    }

    /** @see #standardization() */
    default S setStandardization(boolean value) {
        set(standardization(), value);
        return self();
    }

    /** @see #batchSize() */
    default S setBatchSize(int value) {
        set(batchSize(), value);
        return self();
    }

    /** @see #inferenceBatchSize() (passed on to the fitted model) */
    default S setInferenceBatchSize(int value) {
        set(inferenceBatchSize(), value);
        return self();
    }

    /** @see #seed() */
    default S setSeed(long value) {
        set(seed(), value);
        return self();
    }

    /** @see #validationIndicatorCol() */
    default S setValidationIndicatorCol(String value) {
        set(validationIndicatorCol(), value);
        return self();
    }

    /** @see #validationFraction() */
    default S setValidationFraction(double value) {
        set(validationFraction(), value);
        return self();
    }

    /** @see #earlyStoppingPatience() */
    default S setEarlyStoppingPatience(int value) {
        set(earlyStoppingPatience(), value);
        return self();
    }

    /** @see #outerLearningRate() */
    default S setOuterLearningRate(double value) {
        set(outerLearningRate(), value);
        return self();
    }

    /** @see #checkpointDir() */
    default S setCheckpointDir(String value) {
        set(checkpointDir(), value);
        return self();
    }

    /** @see #checkpointInterval() */
    default S setCheckpointInterval(int value) {
        set(checkpointInterval(), value);
        return self();
    }

    /** @see #numWorkers() */
    default S setNumWorkers(int value) {
        set(numWorkers(), value);
        return self();
    }

    /** @see #averagingInterval() */
    default S setAveragingInterval(int value) {
        set(averagingInterval(), value);
        return self();
    }
}
