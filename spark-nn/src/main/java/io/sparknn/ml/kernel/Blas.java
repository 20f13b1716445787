package io.sparknn.ml.kernel;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The kernel's matrix products, straight to the OpenBLAS that ND4J's CPU backend loads (so they
 * share its thread setting, one thread per task CPU). All matrices are column-major; a
 * row-major {@code rows x cols} batch is a column-major {@code cols x rows} matrix, one
 * example per column, which is how the kernel reads batches.
 */
final class Blas {
    private static final int COLUMN_MAJOR = openblas_nolapack.CblasColMajor;

    private Blas() {}

    /**
     * {@code C = op(A) op(B) + beta C} with {@code op(A)} m x k and {@code op(B)} k x n. One
     * column ({@code n == 1}, a batch of one row) goes to {@code sgemv}: OpenBLAS's {@code sgemm}
     * packs both matrices on every call, which for a single column costs several times the
     * product (a 784-256-128-10 MLP's one-row forward pass: 150 us against 20 us).
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, FloatPointer a,
            int lda, FloatPointer b, int ldb, float beta, FloatPointer c, int ldc) {
        if (n == 1) {
            // op(A) is A^T for a k x m A, else A itself (m x k); op(B)'s one column is B's
            // column, or B's row (strided by ldb) when transposed.
            openblas_nolapack.cblas_sgemv(COLUMN_MAJOR, trans(transA), transA ? k : m,
                    transA ? m : k, 1f, a, lda, b, transB ? ldb : 1, beta, c, 1);
            return;
        }
        openblas_nolapack.cblas_sgemm(COLUMN_MAJOR, trans(transA), trans(transB), m, n, k, 1f,
                a, lda, b, ldb, beta, c, ldc);
    }

    /** {@code y = A x} with A m x n. */
    static void gemv(int m, int n, FloatPointer a, int lda, FloatPointer x, FloatPointer y) {
        openblas_nolapack.cblas_sgemv(COLUMN_MAJOR, openblas_nolapack.CblasNoTrans, m, n, 1f, a,
                lda, x, 1, 0f, y, 1);
    }

    private static int trans(boolean transpose) {
        return transpose ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
    }
}
