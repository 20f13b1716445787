package io.sparknn.ml.data;

/** How a features column stores its values. */
public enum FeatureKind {
    VECTOR,
    FLOAT_ARRAY,
    DOUBLE_ARRAY
}
