package org.tidl.dl.engine;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * VGG-style networks (the paper's VGG-11 of {@link Models}): 3×3 convolutions with padding 1 and ReLU, 2×2 max
 * pooling, then dense ReLU layers with input dropout and a softmax output, as one forward/backward on a worker's
 * parameter and gradient rows.
 *
 * <p>Every convolution is one GEMM over the whole minibatch: the input is unfolded (im2col) into a K × N matrix,
 * K = C_in · 9, N = batch · S², so Y = W · cols is [C_out × K] · [K × N] and its backward is dW = dY · colsᵀ and
 * dcols = Wᵀ · dY, folded back (col2im). The weights are used where DL4J stores them (C_out × C_in × 3 × 3 in
 * c order is the C_out × K matrix) and dW is written straight into the gradient row. Activations are kept
 * channel-major, C × (batch · S²), so no GEMM operand needs a transpose copy. This runs the small-image,
 * many-channel layers of VGG-11 on CIFAR (4×4 and 2×2 pixels, 512 channels) at GEMM speed, where DL4J's
 * convolution (Java-side im2col, and its oneDNN helper, which M2.1 disables and whose backward is slowest
 * exactly there) spends most of a step; the first layer's input gradient is not computed.
 */
final class FusedVgg extends FusedNetwork {

    private record Conv(int in, int out, int size, long biasOffset, long weightOffset) { }

    private record Pool(int channels, int size) { }

    private record Dense(int in, int out, double retain, boolean relu, long weightOffset, long biasOffset) { }

    private final List<Object> stages; // Conv and Pool, in order
    private final List<Dense> dense;
    private final int channels;
    private final int side;
    private final long parameters;

    private FusedVgg(List<Object> stages, List<Dense> dense, int channels, int side, long parameters) {
        this.stages = stages;
        this.dense = dense;
        this.channels = channels;
        this.side = side;
        this.parameters = parameters;
    }

    /** The fused path for a configuration built as {@link Models}' VGG; null for anything else. */
    static FusedVgg of(MultiLayerConfiguration conf) {
        int n = conf.getConfs().size();
        if (n < 3 || !(conf.getInputPreProcess(0) instanceof FeedForwardToCnnPreProcessor in)) {
            return null;
        }
        int c = (int) in.getNumChannels();
        int s = (int) in.getInputHeight();
        if (in.getInputWidth() != s) {
            return null;
        }
        int channels = c;
        int side = s;
        List<Object> stages = new ArrayList<>();
        List<Dense> dense = new ArrayList<>();
        long offset = 0;
        for (int i = 0; i < n; i++) {
            Layer l = conf.getConf(i).getLayer();
            InputPreProcessor pre = conf.getInputPreProcess(i);
            if (i > 0 && pre != null && !(pre instanceof CnnToFeedForwardPreProcessor f && dense.isEmpty()
                    && f.getFormat() == org.deeplearning4j.nn.conf.CNN2DFormat.NCHW && f.getInputHeight() == s
                    && f.getNumChannels() == c)) {
                return null;
            }
            if (l instanceof ConvolutionLayer cl && !(l instanceof SubsamplingLayer)) {
                if (!dense.isEmpty() || !same(cl.getKernelSize(), 3) || !same(cl.getStride(), 1) || !same(cl.getPadding(), 1)
                        || !same(cl.getDilation(), 1) || cl.getConvolutionMode() != ConvolutionMode.Truncate
                        || cl.getNIn() != c || !cl.hasBias() || cl.getIDropout() != null || !plain(cl)
                        || !(cl.getActivationFn() instanceof ActivationReLU r && r.getMax() == null
                        && r.getThreshold() == null && r.getNegativeSlope() == null)
                        || cl.getClass() != ConvolutionLayer.class) {
                    return null;
                }
                int out = (int) cl.getNOut();
                stages.add(new Conv(c, out, s, offset, offset + out));
                offset += out + (long) out * c * 9;
                c = out;
            } else if (l instanceof SubsamplingLayer p) {
                if (!dense.isEmpty() || p.getPoolingType() != PoolingType.MAX || !same(p.getKernelSize(), 2)
                        || !same(p.getStride(), 2) || !same(p.getPadding(), 0) || !same(p.getDilation(), 1)
                        || p.getConvolutionMode() != ConvolutionMode.Truncate || s % 2 != 0 || p.getIDropout() != null
                        || p.getClass() != SubsamplingLayer.class) {
                    return null;
                }
                stages.add(new Pool(c, s));
                s /= 2;
            } else if (l instanceof DenseLayer d && i < n - 1) {
                long inputs = dense.isEmpty() ? (long) c * s * s : dense.get(dense.size() - 1).out();
                if (!FusedMlp.plainRelu(d) || d.getNIn() != inputs || !dropoutOk(d)) {
                    return null;
                }
                int out = (int) d.getNOut();
                dense.add(new Dense((int) inputs, out, retain(d), true, offset, offset + inputs * out));
                offset += inputs * out + out;
            } else if (l instanceof OutputLayer o && i == n - 1) {
                long inputs = dense.isEmpty() ? (long) c * s * s : dense.get(dense.size() - 1).out();
                if (!FusedMlp.plainSoftmax(o) || o.getNIn() != inputs) {
                    return null;
                }
                int out = (int) o.getNOut();
                dense.add(new Dense((int) inputs, out, 1, false, offset, offset + inputs * out));
                offset += inputs * out + out;
            } else {
                return null;
            }
        }
        if (dense.isEmpty() || stages.isEmpty() || !(stages.get(stages.size() - 1) instanceof Pool)
                || dense.get(dense.size() - 1).relu()) {
            return null; // (a network that ends its convolutions without a pool is not VGG: DL4J runs it)
        }
        return new FusedVgg(stages, dense, channels, side, offset);
    }

    private static boolean same(int[] v, int x) {
        return v != null && v.length == 2 && v[0] == x && v[1] == x;
    }

    private static boolean dropoutOk(DenseLayer d) {
        return d.getIDropout() == null
                || d.getIDropout() instanceof Dropout dr && dr.getPSchedule() == null && dr.getP() > 0 && dr.getP() <= 1;
    }

    private static double retain(DenseLayer d) {
        return d.getIDropout() == null ? 1 : ((Dropout) d.getIDropout()).getP();
    }

    @Override
    long parameterCount() {
        return parameters;
    }

    // ------------------------------------------------------------------------------------------------ workspace

    /** One thread's buffers: what the backward pass needs from the forward one, and scratch. */
    private final class Buffers implements Workspace {
        final int batch;
        final float[][] act;        // input of each stage (C × batch·S², channel-major), then the dense inputs
        final float[][] back;       // gradient of each stage's input (same shapes as act)
        final INDArray[] cols;      // per conv: K × N unfolded input (kept for dW), reused for dcols
        final INDArray[] conv;      // per conv: C_out × N product, reused for dY
        final byte[][] argmax;      // per pool: which of the 4 inputs won
        final float[][] mask;       // per dense layer: dropout factor (0 or 1/p) on its input, null without dropout
        final INDArray[] denseIn;   // per dense layer: its (dropped-out) input, in × batch
        final INDArray[] denseOut;  // per dense layer: out × batch product, reused for the delta
        final INDArray[] denseBack; // per dense layer: in × batch gradient of its input
        final float[] lastOut;      // the last pool's output, channel-major
        final float[] bias;         // a convolution's bias, then its gradient
        final float[] scratch;

        Buffers(int batch) {
            this.batch = batch;
            act = new float[stages.size() + dense.size() + 1][];
            cols = new INDArray[stages.size()];
            conv = new INDArray[stages.size()];
            argmax = new byte[stages.size()][];
            int largest = 0;
            for (int k = 0; k < stages.size(); k++) {
                if (stages.get(k) instanceof Conv c) {
                    int nn = batch * c.size() * c.size();
                    act[k] = new float[c.in() * nn];
                    cols[k] = create(c.in() * 9, nn);
                    conv[k] = create(c.out(), nn);
                    largest = Math.max(largest, Math.max(c.in() * 9 * nn, c.out() * nn));
                } else {
                    Pool p = (Pool) stages.get(k);
                    act[k] = new float[p.channels() * batch * p.size() * p.size()];
                    argmax[k] = new byte[p.channels() * batch * p.size() * p.size() / 4];
                }
            }
            mask = new float[dense.size()][];
            denseIn = new INDArray[dense.size()];
            denseOut = new INDArray[dense.size()];
            denseBack = new INDArray[dense.size()];
            for (int k = 0; k < dense.size(); k++) {
                Dense d = dense.get(k);
                act[stages.size() + k] = new float[d.in() * batch];
                mask[k] = d.retain() < 1 ? new float[d.in() * batch] : null;
                denseIn[k] = create(d.in(), batch);
                denseOut[k] = create(d.out(), batch);
                denseBack[k] = create(d.in(), batch);
                largest = Math.max(largest, Math.max(d.in(), d.out()) * batch);
            }
            act[act.length - 1] = new float[dense.get(dense.size() - 1).out() * batch];
            lastOut = new float[dense.get(0).in() * batch];
            back = new float[stages.size() + 1][];
            for (int k = 0; k < stages.size(); k++) {
                back[k] = new float[act[k].length];
            }
            back[stages.size()] = new float[lastOut.length];
            scratch = new float[largest];
            int widest = 0;
            for (Object st : stages) {
                widest = st instanceof Conv c ? Math.max(widest, c.out()) : widest;
            }
            bias = new float[widest];
        }
    }

    @Override
    Workspace workspace(int batch) {
        return new Buffers(batch);
    }

    // ------------------------------------------------------------------------------------------------ the pass

    @Override
    double gradient(INDArray params, INDArray grad, int row, float[] features, int[] labels, Workspace w,
                    SplittableRandom dropout) {
        Buffers b = (Buffers) w;
        int batch = b.batch;
        long base = row * params.columns();
        // the input, batch × C × S × S (NCHW), to channel-major C × batch × S × S
        int plane = side * side;
        float[] x0 = b.act[0];
        for (int r = 0; r < batch; r++) {
            for (int ch = 0; ch < channels; ch++) {
                System.arraycopy(features, (r * channels + ch) * plane, x0, (ch * batch + r) * plane, plane);
            }
        }
        // ---- forward
        int last = stages.size() - 1;
        for (int k = 0; k <= last; k++) {
            float[] out = k < last ? b.act[k + 1] : b.lastOut;
            if (stages.get(k) instanceof Conv c) {
                convForward(c, b, k, params, base, out);
            } else {
                poolForward((Pool) stages.get(k), b.act[k], out, b.argmax[k], batch);
            }
        }
        Pool end = (Pool) stages.get(last);
        channelMajorToFeatures(b.lastOut, b.act[stages.size()], end.channels(), batch, end.size() / 2);
        for (int k = 0; k < dense.size(); k++) {
            Dense d = dense.get(k);
            float[] a = b.act[stages.size() + k];
            if (b.mask[k] != null) { // inverted dropout on the layer's input, as DL4J's dropOut(p): keep with p, scale 1/p
                float[] m = b.mask[k];
                float keep = (float) (1 / d.retain());
                for (int i = 0; i < m.length; i++) {
                    m[i] = dropout.nextDouble() < d.retain() ? keep : 0f;
                    a[i] *= m[i];
                }
            }
            floats(b.denseIn[k], 0, a.length).put(0, a, 0, a.length);
            Nd4j.gemm(matrix(params, base + d.weightOffset(), d.in(), d.out(), 'f'), b.denseIn[k], b.denseOut[k],
                    true, false, 1.0, 0.0);
            float[] z = b.act[stages.size() + k + 1];
            floats(b.denseOut[k], 0, z.length).get(0, z, 0, z.length);
            float[] bias = b.scratch;
            floats(params, base + d.biasOffset(), d.out()).get(0, bias, 0, d.out());
            for (int o = 0; o < d.out(); o++) {
                for (int r = 0; r < batch; r++) {
                    float v = z[o * batch + r] + bias[o];
                    z[o * batch + r] = d.relu() ? relu(v) : v;
                }
            }
        }
        // ---- loss, then backward through the dense layers
        float[] delta = b.act[b.act.length - 1]; // logits → d(mean loss)/d(logits)
        int classes = dense.get(dense.size() - 1).out();
        double loss = softmaxCrossEntropy(delta, classes, batch, labels);
        float[] g = delta;
        for (int k = dense.size() - 1; k >= 0; k--) {
            Dense d = dense.get(k);
            if (k < dense.size() - 1) { // g is d/d(activations) of this layer: through its ReLU
                float[] a = b.act[stages.size() + k + 1];
                for (int i = 0; i < d.out() * batch; i++) {
                    g[i] = a[i] > 0 || a[i] != a[i] ? g[i] : 0f;
                }
            }
            float[] db = new float[d.out()];
            for (int o = 0; o < d.out(); o++) {
                float t = 0;
                for (int r = 0; r < batch; r++) {
                    t += g[o * batch + r];
                }
                db[o] = t;
            }
            floats(grad, base + d.biasOffset(), d.out()).put(0, db, 0, d.out());
            floats(b.denseOut[k], 0, d.out() * batch).put(0, g, 0, d.out() * batch);
            Nd4j.gemm(b.denseIn[k], b.denseOut[k], matrix(grad, base + d.weightOffset(), d.in(), d.out(), 'f'),
                    false, true, 1.0, 0.0);
            Nd4j.gemm(matrix(params, base + d.weightOffset(), d.in(), d.out(), 'f'), b.denseOut[k], b.denseBack[k],
                    false, false, 1.0, 0.0);
            float[] gi = b.scratch;
            floats(b.denseBack[k], 0, d.in() * batch).get(0, gi, 0, d.in() * batch);
            if (b.mask[k] != null) {
                float[] m = b.mask[k];
                for (int i = 0; i < d.in() * batch; i++) {
                    gi[i] *= m[i];
                }
            }
            g = java.util.Arrays.copyOf(gi, d.in() * batch);
        }
        // ---- backward through the pools and convolutions (the first dense layer's input is the last pool's
        // output flattened per example as DL4J does, (c, h, w); the stages keep (c, example, h, w))
        float[] up = chwToChannelMajor(g, b.back[stages.size()], dense.get(0).in(), batch, end.size() / 2);
        for (int k = last; k >= 0; k--) {
            if (stages.get(k) instanceof Conv c) {
                convBackward(c, b, k, params, grad, base, up, k > 0 ? b.back[k] : null);
            } else {
                poolBackward((Pool) stages.get(k), b.argmax[k], up, b.back[k], batch);
            }
            up = b.back[k];
        }
        return loss;
    }

    /**
     * The dense layers see each example's features in DL4J's NCHW flattening (c, h, w); the stages keep
     * (c, example, h, w). Rearranges a gradient of the first dense input, features × batch, to channel-major.
     */
    private static float[] chwToChannelMajor(float[] g, float[] out, int features, int batch, int s) {
        int plane = s * s;
        if (plane == 1) {
            return g; // feature c of example r is at c·batch + r: already channel-major
        }
        int ch = features / plane;
        for (int c = 0; c < ch; c++) {
            for (int r = 0; r < batch; r++) {
                for (int q = 0; q < plane; q++) {
                    out[(c * batch + r) * plane + q] = g[(c * plane + q) * batch + r];
                }
            }
        }
        return out;
    }

    /** The last stage's output (channel-major) as the first dense input, features × batch in NCHW order. */
    private static void channelMajorToFeatures(float[] a, float[] out, int ch, int batch, int s) {
        int plane = s * s;
        if (plane == 1) {
            System.arraycopy(a, 0, out, 0, ch * batch);
            return;
        }
        for (int c = 0; c < ch; c++) {
            for (int r = 0; r < batch; r++) {
                for (int q = 0; q < plane; q++) {
                    out[(c * plane + q) * batch + r] = a[(c * batch + r) * plane + q];
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ convolution

    private void convForward(Conv c, Buffers b, int k, INDArray params, long base, float[] out) {
        int batch = b.batch;
        int s = c.size();
        int nn = batch * s * s;
        int kk = c.in() * 9;
        float[] cols = b.scratch;
        im2col(b.act[k], cols, c.in(), batch, s);
        floats(b.cols[k], 0, kk * nn).put(0, cols, 0, kk * nn);
        Nd4j.gemm(matrix(params, base + c.weightOffset(), c.out(), kk, 'c'), b.cols[k], b.conv[k], false, false, 1.0, 0.0);
        float[] y = out;
        floats(b.conv[k], 0, c.out() * nn).get(0, y, 0, c.out() * nn);
        float[] bias = b.bias;
        floats(params, base + c.biasOffset(), c.out()).get(0, bias, 0, c.out());
        for (int o = 0; o < c.out(); o++) {
            float bo = bias[o];
            int from = o * nn;
            for (int i = from; i < from + nn; i++) {
                y[i] = Math.max(y[i] + bo, 0f); // ReLU; Math.max keeps NaN
            }
        }
    }

    /** Writes dW and db into the gradient row and, when {@code dIn} is not null, the input's gradient there. */
    private void convBackward(Conv c, Buffers b, int k, INDArray params, INDArray grad, long base, float[] dOut,
                              float[] dIn) {
        int batch = b.batch;
        int s = c.size();
        int nn = batch * s * s;
        int kk = c.in() * 9;
        // through the ReLU: its output is the next stage's input (the last stage is a pool, so there is one)
        float[] a = b.act[k + 1];
        float[] dy = dOut;
        for (int i = 0; i < c.out() * nn; i++) {
            dy[i] = a[i] > 0 || a[i] != a[i] ? dy[i] : 0f;
        }
        float[] db = b.bias;
        for (int o = 0; o < c.out(); o++) {
            db[o] = sum(dy, o * nn, nn);
        }
        floats(grad, base + c.biasOffset(), c.out()).put(0, db, 0, c.out());
        floats(b.conv[k], 0, c.out() * nn).put(0, dy, 0, c.out() * nn);
        // dW = dY · colsᵀ, straight into the gradient row (C_out × K, c order as DL4J stores it)
        Nd4j.gemm(b.conv[k], b.cols[k], matrix(grad, base + c.weightOffset(), c.out(), kk, 'c'), false, true, 1.0, 0.0);
        if (dIn == null) {
            return; // the network's input needs no gradient
        }
        // dcols = Wᵀ · dY (into the cols buffer, no longer needed), folded back onto the input
        Nd4j.gemm(matrix(params, base + c.weightOffset(), c.out(), kk, 'c'), b.conv[k], b.cols[k], true, false, 1.0, 0.0);
        float[] dcols = b.scratch;
        floats(b.cols[k], 0, kk * nn).get(0, dcols, 0, kk * nn);
        col2im(dcols, dIn, c.in(), batch, s);
    }

    /** Σ v[from .. from + len) in four interleaved partial sums (a single running sum does not pipeline). */
    private static float sum(float[] v, int from, int len) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = from;
        int end = from + len;
        for (; i + 3 < end; i += 4) {
            s0 += v[i];
            s1 += v[i + 1];
            s2 += v[i + 2];
            s3 += v[i + 3];
        }
        for (; i < end; i++) {
            s0 += v[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * cols[(ci·3 + kh)·3 + kw][(r·S + oh)·S + ow] = x[ci][r][oh + kh − 1][ow + kw − 1], zero outside the image
     * (3×3 kernel, stride 1, padding 1): one shifted copy per kernel offset and image row.
     */
    static void im2col(float[] x, float[] cols, int ch, int batch, int s) {
        int nn = batch * s * s;
        for (int ci = 0; ci < ch; ci++) {
            for (int kh = 0; kh < 3; kh++) {
                for (int kw = 0; kw < 3; kw++) {
                    int rowBase = ((ci * 3 + kh) * 3 + kw) * nn;
                    for (int r = 0; r < batch; r++) {
                        int src = (ci * batch + r) * s * s;
                        for (int oh = 0; oh < s; oh++) {
                            int dst = rowBase + (r * s + oh) * s;
                            int ih = oh + kh - 1;
                            if (ih < 0 || ih >= s) {
                                java.util.Arrays.fill(cols, dst, dst + s, 0f);
                                continue;
                            }
                            int line = src + ih * s;
                            if (kw == 0) {
                                cols[dst] = 0f;
                                System.arraycopy(x, line, cols, dst + 1, s - 1);
                            } else if (kw == 1) {
                                System.arraycopy(x, line, cols, dst, s);
                            } else {
                                System.arraycopy(x, line + 1, cols, dst, s - 1);
                                cols[dst + s - 1] = 0f;
                            }
                        }
                    }
                }
            }
        }
    }

    /** The adjoint of {@link #im2col}: dx[ci][r][ih][iw] = Σ over the kernel offsets that read it. */
    static void col2im(float[] cols, float[] dx, int ch, int batch, int s) {
        int nn = batch * s * s;
        java.util.Arrays.fill(dx, 0, ch * nn, 0f);
        for (int ci = 0; ci < ch; ci++) {
            for (int kh = 0; kh < 3; kh++) {
                for (int kw = 0; kw < 3; kw++) {
                    int rowBase = ((ci * 3 + kh) * 3 + kw) * nn;
                    for (int r = 0; r < batch; r++) {
                        int dstImage = (ci * batch + r) * s * s;
                        for (int oh = 0; oh < s; oh++) {
                            int ih = oh + kh - 1;
                            if (ih < 0 || ih >= s) {
                                continue;
                            }
                            int src = rowBase + (r * s + oh) * s;
                            int line = dstImage + ih * s;
                            // ow reads iw = ow + kw − 1
                            int from = Math.max(0, 1 - kw);
                            int to = Math.min(s, s + 1 - kw);
                            int shift = kw - 1;
                            for (int ow = from; ow < to; ow++) {
                                dx[line + ow + shift] += cols[src + ow];
                            }
                        }
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ pooling

    /** 2×2 max pooling, stride 2, channel-major; NaN wins (a NaN must reach the loss). */
    private static void poolForward(Pool p, float[] in, float[] out, byte[] argmax, int batch) {
        int s = p.size();
        int h = s / 2;
        int images = p.channels() * batch;
        for (int img = 0; img < images; img++) {
            int src = img * s * s;
            int dst = img * h * h;
            for (int oh = 0; oh < h; oh++) {
                for (int ow = 0; ow < h; ow++) {
                    int a = src + 2 * oh * s + 2 * ow;
                    float best = in[a];
                    int arg = 0;
                    float v1 = in[a + 1];
                    float v2 = in[a + s];
                    float v3 = in[a + s + 1];
                    if (v1 > best || v1 != v1 && best == best) {
                        best = v1;
                        arg = 1;
                    }
                    if (v2 > best || v2 != v2 && best == best) {
                        best = v2;
                        arg = 2;
                    }
                    if (v3 > best || v3 != v3 && best == best) {
                        best = v3;
                        arg = 3;
                    }
                    out[dst + oh * h + ow] = best;
                    argmax[dst + oh * h + ow] = (byte) arg;
                }
            }
        }
    }

    private static void poolBackward(Pool p, byte[] argmax, float[] dOut, float[] dIn, int batch) {
        int s = p.size();
        int h = s / 2;
        int images = p.channels() * batch;
        java.util.Arrays.fill(dIn, 0, images * s * s, 0f);
        for (int img = 0; img < images; img++) {
            int src = img * h * h;
            int dst = img * s * s;
            for (int oh = 0; oh < h; oh++) {
                for (int ow = 0; ow < h; ow++) {
                    int arg = argmax[src + oh * h + ow];
                    dIn[dst + (2 * oh + (arg >> 1)) * s + 2 * ow + (arg & 1)] = dOut[src + oh * h + ow];
                }
            }
        }
    }
}
