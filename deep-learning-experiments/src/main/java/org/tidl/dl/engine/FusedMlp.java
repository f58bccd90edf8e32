package org.tidl.dl.engine;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * The Fashion-MNIST MLP (Linear → ReLU → Linear → softmax cross-entropy) forward and backward written straight on
 * a worker's parameter and gradient rows, for the case that dominates the paper's MLP runs: batch 16, a 784 × 5000
 * first layer. DL4J's layer-by-layer path spends as much time around the GEMMs as in them (workspace arrays, an
 * input gradient of the first layer that nobody uses, the gradient divided by the batch in a separate pass over
 * P); here a step is the four GEMMs that matter (two of them over the 784 × H weights) plus O(batch · H) work in
 * Java, and nothing is copied.
 *
 * <p>Same numbers as DL4J to float rounding: the parameters keep DL4J's flat layout ([W1 (in × H, 'f') | b1 |
 * W2 (H × classes, 'f') | b2]), the loss is DL4J's MCXENT score (softmax clipped to [1e-10, 1 − 1e-10] inside
 * the log) and the gradient is that of the minibatch mean (DL4J's sum divided by the batch, which
 * {@link ImageOracle} does on the DL4J path). The activations are kept transposed (H × batch) so that every
 * GEMM reads the weights in their stored order.
 */
final class FusedMlp extends FusedNetwork {

    private final int in;
    private final int hidden;
    private final int classes;

    private FusedMlp(int in, int hidden, int classes) {
        this.in = in;
        this.hidden = hidden;
        this.classes = classes;
    }

    /**
     * The fused path for a configuration that is exactly the MLP of {@link Models} in single precision on the
     * CPU (no dropout, no regularisation, DL4J defaults elsewhere); null for anything else, which then runs
     * through DL4J.
     */
    static FusedMlp of(MultiLayerConfiguration conf) {
        if (conf.getConfs().size() != 2 || conf.getDataType() != DataType.FLOAT || !conf.getInputPreProcessors().isEmpty()) {
            return null;
        }
        NeuralNetConfiguration c0 = conf.getConf(0);
        NeuralNetConfiguration c1 = conf.getConf(1);
        if (!(c0.getLayer() instanceof DenseLayer d) || !(c1.getLayer() instanceof OutputLayer o)) {
            return null;
        }
        if (!plainRelu(d) || d.getIDropout() != null || !plainSoftmax(o) || o.getNIn() != d.getNOut()) {
            return null;
        }
        return new FusedMlp(Math.toIntExact(d.getNIn()), Math.toIntExact(d.getNOut()), Math.toIntExact(o.getNOut()));
    }

    /** A dense ReLU layer with bias and nothing else. */
    static boolean plainRelu(DenseLayer d) {
        return d.getActivationFn() instanceof ActivationReLU r && r.getMax() == null && r.getThreshold() == null
                && r.getNegativeSlope() == null && d.hasBias() && !d.hasLayerNorm() && plain(d);
    }

    /** A softmax output layer with DL4J's default cross-entropy, bias and nothing else. */
    static boolean plainSoftmax(OutputLayer o) {
        return o.getActivationFn() instanceof ActivationSoftmax && o.getLossFn() instanceof LossMCXENT l
                && l.getWeights() == null && l.getSoftmaxClipEps() == CLIP && o.hasBias() && o.getIDropout() == null
                && plain(o);
    }

    @Override
    long parameterCount() {
        return (long) in * hidden + hidden + (long) hidden * classes + classes;
    }

    /** One thread's working arrays for minibatches of {@code batch}. */
    final class Buffers implements Workspace {
        final int batch;
        final INDArray x;       // batch × in, c: the minibatch as the sampler wrote it
        final INDArray act;     // H × batch, c: pre-activations, then ReLU activations
        final INDArray logits;  // classes × batch, c
        final INDArray delta;   // classes × batch, c: dLoss/dlogits
        final INDArray back;    // H × batch, c: dLoss/dactivations, then dLoss/dpre-activations
        final float[] h;
        final float[] g;
        final float[] small;
        final float[] bias;

        Buffers(int batch) {
            this.batch = batch;
            x = Nd4j.create(DataType.FLOAT, new long[] {batch, in}, 'c');
            act = Nd4j.create(DataType.FLOAT, new long[] {hidden, batch}, 'c');
            logits = Nd4j.create(DataType.FLOAT, new long[] {classes, batch}, 'c');
            delta = Nd4j.create(DataType.FLOAT, new long[] {classes, batch}, 'c');
            back = Nd4j.create(DataType.FLOAT, new long[] {hidden, batch}, 'c');
            h = new float[hidden * batch];
            g = new float[hidden * batch];
            small = new float[classes * batch];
            bias = new float[Math.max(hidden, classes)];
        }
    }

    @Override
    Workspace workspace(int batch) {
        return new Buffers(batch);
    }

    @Override
    double gradient(INDArray params, INDArray grad, int row, float[] features, int[] labels, Workspace w,
                    SplittableRandom dropout) {
        return pass(params, grad, row, 1f, false, features, labels, w);
    }

    @Override
    double addGradient(INDArray params, INDArray sum, int row, float s, float[] features, int[] labels, Workspace w,
                       SplittableRandom dropout) {
        return pass(params, sum, row, s, true, features, labels, w);
    }

    @Override
    boolean adds() {
        return true;
    }

    /** Forward and backward; the gradient times s is written into row {@code row} of grad, or added to it. */
    private double pass(INDArray params, INDArray grad, int row, float s, boolean add, float[] features, int[] labels,
                        Workspace w) {
        float beta = add ? 1f : 0f;
        Buffers b = (Buffers) w;
        int batch = b.batch;
        long w1 = row * params.columns();
        long b1 = w1 + (long) in * hidden;
        long w2 = b1 + hidden;
        long b2 = w2 + (long) hidden * classes;
        // W1 is stored 'f' in × H, i.e. row-major H × in; W2 row-major classes × H; all buffers row-major
        floats(b.x, 0, batch * in).put(0, features, 0, batch * in);

        // forward: act = relu(W1ᵀ xᵀ + b1), H × batch
        sgemm(false, true, hidden, batch, in, at(params, w1), in, at(b.x, 0), in, at(b.act, 0), batch);
        FloatBuffer actBuf = floats(b.act, 0, hidden * batch);
        actBuf.get(0, b.h, 0, hidden * batch);
        floats(params, b1, hidden).get(0, b.bias, 0, hidden);
        float[] h = b.h;
        for (int j = 0; j < hidden; j++) {
            float bj = b.bias[j];
            int o = j * batch;
            for (int r = 0; r < batch; r++) {
                h[o + r] = relu(h[o + r] + bj);
            }
        }
        actBuf.put(0, h, 0, hidden * batch);
        // logits = W2ᵀ act + b2, classes × batch
        sgemm(false, false, classes, batch, hidden, at(params, w2), hidden, at(b.act, 0), batch, at(b.logits, 0), batch);
        float[] sm = b.small;
        floats(b.logits, 0, classes * batch).get(0, sm, 0, classes * batch);
        floats(params, b2, classes).get(0, b.bias, 0, classes);
        for (int c = 0; c < classes; c++) {
            for (int r = 0; r < batch; r++) {
                sm[c * batch + r] += b.bias[c];
            }
        }
        double loss = softmaxCrossEntropy(sm, classes, batch, labels); // sm becomes d(mean loss)/d(logits)
        floats(b.delta, 0, classes * batch).put(0, sm, 0, classes * batch);
        // dW2 = act · deltaᵀ (H × classes, 'f' as DL4J stores it), db2 = Σ_r delta
        sgemm(false, true, classes, hidden, batch, s, at(b.delta, 0), batch, at(b.act, 0), batch, beta, at(grad, w2),
                hidden);
        float[] db2 = new float[classes];
        for (int c = 0; c < classes; c++) {
            float t = 0;
            for (int r = 0; r < batch; r++) {
                t += sm[c * batch + r];
            }
            db2[c] = t;
        }
        store(floats(grad, b2, classes), db2, classes, s, add);
        // back = W2 · delta masked by ReLU′ (H × batch), db1 = Σ_r back
        sgemm(true, false, hidden, batch, classes, at(params, w2), hidden, at(b.delta, 0), batch, at(b.back, 0), batch);
        FloatBuffer backBuf = floats(b.back, 0, hidden * batch);
        float[] g = b.g;
        backBuf.get(0, g, 0, hidden * batch);
        float[] db1 = b.bias;
        for (int j = 0; j < hidden; j++) {
            int o = j * batch;
            float t = 0;
            for (int r = 0; r < batch; r++) {
                float v = h[o + r] > 0 || h[o + r] != h[o + r] ? g[o + r] : 0f; // ReLU′, NaN passed on
                g[o + r] = v;
                t += v;
            }
            db1[j] = t;
        }
        backBuf.put(0, g, 0, hidden * batch);
        store(floats(grad, b1, hidden), db1, hidden, s, add);
        // dW1 = xᵀ · backᵀ (in × H, 'f'): the second GEMM over the big weights, written (or added) once
        sgemm(false, false, hidden, in, batch, s, at(b.back, 0), batch, at(b.x, 0), in, beta, at(grad, w1), in);
        return loss;
    }

    /** out[0 .. len) ← v (s = 1, not adding) or out + s · v. */
    private static void store(FloatBuffer out, float[] v, int len, float s, boolean add) {
        if (!add) {
            out.put(0, v, 0, len);
            return;
        }
        for (int k = 0; k < len; k++) {
            out.put(k, out.get(k) + s * v[k]);
        }
    }
}
