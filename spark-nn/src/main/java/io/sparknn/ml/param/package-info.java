/**
 * spark-nn's Spark ML Params: {@link io.sparknn.ml.param.ParamDefs} defines each one (name, doc,
 * validator, default), {@link io.sparknn.ml.param.NeuralNetParams} declares the accessors and
 * getters every stage shares, {@link io.sparknn.ml.param.NeuralNetEstimatorParams} the
 * estimators' network param and setters, and {@link io.sparknn.ml.param.StageUid} solves Spark's uid-before-super problem.
 */
package io.sparknn.ml.param;
