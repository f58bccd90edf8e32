package org.tidl.dl.engine;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tidl.dl.NdWorkerMatrix;

/**
 * A network's minibatch gradient written directly on the rows of the workers' parameter and gradient matrices,
 * for the models of {@link Models} in single precision on the CPU: the big products are GEMMs on views of the
 * rows (no copies of parameters or gradients), everything of size O(batch · width) is plain Java, and the
 * parameters keep DL4J's flat layout, so DL4J networks (the evaluator) read the same rows. DL4J's own
 * layer-by-layer path spends as much time around its products as in them; see {@link FusedMlp} and
 * {@link FusedVgg} for what each one saves, and FusedMlpTest/FusedVggTest for the proof that the numbers are
 * DL4J's to float rounding.
 *
 * <p>Two deliberate differences from DL4J: ReLU passes NaN on (DL4J's maps it to 0, which can hide a diverged
 * run behind a finite loss), and dropout masks come from the {@code SplittableRandom} the caller derives from the
 * run's seed (DL4J draws from ND4J's per-thread generator).
 */
abstract class FusedNetwork {

    /** One thread's working memory for minibatches of a fixed size. */
    interface Workspace {
    }

    /** The fused path for {@code conf}, or null when the configuration is not one this engine covers. */
    static FusedNetwork of(MultiLayerConfiguration conf) {
        if (conf.getDataType() != DataType.FLOAT || !NdWorkerMatrix.cpu()) {
            return null;
        }
        FusedNetwork mlp = FusedMlp.of(conf);
        return mlp != null ? mlp : FusedVgg.of(conf);
    }

    abstract long parameterCount();

    abstract Workspace workspace(int batch);

    /**
     * Writes the gradient of the minibatch mean loss at row {@code row} of {@code params} (a c-order n × P array,
     * not a view) into the same row of {@code grad} and returns that loss. {@code features} holds the batch's
     * inputs (batch × features, as the sampler writes them), {@code labels} their classes, {@code dropout} the
     * stream dropout masks are drawn from.
     */
    abstract double gradient(INDArray params, INDArray grad, int row, float[] features, int[] labels, Workspace w,
                             SplittableRandom dropout);

    /**
     * As {@link #gradient}, but adds s · (the gradient) into row {@code row} of {@code sum} instead of writing it
     * (GEMMs with α = s, β = 1: the gradient is never stored); only when {@link #adds()}.
     */
    double addGradient(INDArray params, INDArray sum, int row, float s, float[] features, int[] labels, Workspace w,
                       SplittableRandom dropout) {
        throw new UnsupportedOperationException("this network writes its gradients only");
    }

    /** True when {@link #addGradient} is implemented. */
    boolean adds() {
        return false;
    }

    // ------------------------------------------------------------------------------------------------ shared parts

    static final double CLIP = 1e-10; // DL4J LossMCXENT's default softmax clipping inside the log

    /** A layer with no regularisation, noise, constraint or gradient normalisation (what Models builds). */
    static boolean plain(BaseLayer l) {
        return l.getWeightNoise() == null && l.getRegularization().isEmpty() && l.getRegularizationBias().isEmpty()
                && (l.getConstraints() == null || l.getConstraints().isEmpty())
                && l.getGradientNormalization() == GradientNormalization.None;
    }

    /** ReLU that keeps NaN (a NaN activation must reach the loss). */
    static float relu(float v) {
        return v > 0 || v != v ? v : 0f;
    }

    /**
     * Softmax cross-entropy of logits stored classes × batch (column r is example r): returns the mean loss with
     * DL4J's clipping and overwrites {@code s} with d(mean loss)/d(logits).
     */
    static double softmaxCrossEntropy(float[] s, int classes, int batch, int[] labels) {
        double loss = 0;
        float inv = 1f / batch;
        for (int r = 0; r < batch; r++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, s[c * batch + r]);
            }
            float sum = 0;
            for (int c = 0; c < classes; c++) {
                float e = (float) Math.exp(s[c * batch + r] - max);
                s[c * batch + r] = e;
                sum += e;
            }
            for (int c = 0; c < classes; c++) {
                float p = s[c * batch + r] / sum;
                if (c == labels[r]) {
                    loss -= Math.log(Math.min(Math.max(p, CLIP), 1 - CLIP));
                    p -= 1f;
                }
                s[c * batch + r] = p * inv;
            }
        }
        return loss / batch;
    }

    /** The rows × cols matrix of the given order stored from element {@code offset} of a non-view array. */
    static INDArray matrix(INDArray a, long offset, int rows, int cols, char order) {
        long[] stride = order == 'f' ? new long[] {1, rows} : new long[] {cols, 1};
        return Nd4j.create(a.data(), new long[] {rows, cols}, stride, offset, order);
    }

    /** {@code len} floats from element {@code offset} of a non-view array, as a buffer over its memory. */
    static FloatBuffer floats(INDArray a, long offset, int len) {
        return new FloatPointer(a.data().addressPointer()).position(offset).limit(offset + len).asBuffer();
    }

    /** A c-order rows × cols single-precision array. */
    static INDArray create(int rows, int cols) {
        return Nd4j.create(DataType.FLOAT, new long[] {rows, cols}, 'c');
    }

    /** Element {@code offset} of a non-view array, as a pointer for {@link #sgemm}. */
    static FloatPointer at(INDArray a, long offset) {
        return new FloatPointer(a.data().addressPointer()).position(offset);
    }

    /**
     * C ← op(A) · op(B), row-major (CBLAS), straight into OpenBLAS: ND4J's gemm goes through its matmul op, whose
     * set-up costs as much as a 512 × 784 × 16 product itself (measured: 0.30 ms against 0.15 ms).
     */
    static void sgemm(boolean transA, boolean transB, int m, int n, int k, FloatPointer a, int lda, FloatPointer b,
                      int ldb, FloatPointer c, int ldc) {
        sgemm(transA, transB, m, n, k, 1f, a, lda, b, ldb, 0f, c, ldc);
    }

    /** C ← α · op(A) · op(B) + β · C, as above. */
    static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, FloatPointer a, int lda,
                      FloatPointer b, int ldb, float beta, FloatPointer c, int ldc) {
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor,
                transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }
}
