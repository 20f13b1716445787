/**
 * spark-nn's own CPU training and scoring kernel for the networks most Spark users fit: a stack
 * of DL4J dense layers ending in a softmax/cross-entropy or MSE output layer. It computes
 * exactly what DL4J's {@code fit} and {@code output} compute (same parameter and optimizer-state
 * layout, same update rules, equal within float rounding; tested against DL4J) with a fraction
 * of the per-step cost: every buffer is allocated once per task, the matrix products go
 * straight to OpenBLAS, and the element-wise work and the optimizer run as plain Java loops that
 * the JIT vectorizes. DL4J's own fit loop spends most of a small network's step allocating and
 * releasing native buffers (see bench/PERFORMANCE-LOG.md). Networks it does not cover (other
 * layer types, dropout, other losses or optimizers, the CUDA backend) train with DL4J's fit;
 * {@link io.sparknn.ml.kernel.DenseSupport} decides, and says why.
 */
package io.sparknn.ml.kernel;
