package io.sparknn.ml.param;

import java.io.Serializable;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * One stage's own instances of spark-nn's Params, built by {@link ParamDefs} with that stage as
 * their parent. A stage holds one of these and {@link NeuralNetParams}' accessors read it, so the
 * accessors are written once for all four stages.
 */
public record NeuralNetParamSet(
        IntArrayParam hiddenLayers,
        Param<String> network,
        Param<String> activation,
        Param<String> optimizer,
        DoubleParam learningRate,
        DoubleParam l2,
        IntParam epochs,
        BooleanParam standardization,
        IntParam batchSize,
        IntParam inferenceBatchSize,
        LongParam seed,
        Param<String> validationIndicatorCol,
        DoubleParam validationFraction,
        IntParam earlyStoppingPatience,
        DoubleParam outerLearningRate,
        IntParam numWorkers,
        IntParam averagingInterval,
        Param<String> checkpointDir,
        IntParam checkpointInterval)
        implements Serializable {

    /** Params owned by {@code owner}; call from its constructor, after its uid is known. */
    public static NeuralNetParamSet createFor(Params owner) {
        return new NeuralNetParamSet(
                ParamDefs.hiddenLayers(owner),
                ParamDefs.network(owner),
                ParamDefs.activation(owner),
                ParamDefs.optimizer(owner),
                ParamDefs.learningRate(owner),
                ParamDefs.l2(owner),
                ParamDefs.epochs(owner),
                ParamDefs.standardization(owner),
                ParamDefs.batchSize(owner),
                ParamDefs.inferenceBatchSize(owner),
                ParamDefs.seed(owner),
                ParamDefs.validationIndicatorCol(owner),
                ParamDefs.validationFraction(owner),
                ParamDefs.earlyStoppingPatience(owner),
                ParamDefs.outerLearningRate(owner),
                ParamDefs.numWorkers(owner),
                ParamDefs.averagingInterval(owner),
                ParamDefs.checkpointDir(owner),
                ParamDefs.checkpointInterval(owner));
    }
}
