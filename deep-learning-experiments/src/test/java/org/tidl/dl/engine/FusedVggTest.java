package org.tidl.dl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.tidl.dl.NdWorkerMatrix;
import org.tidl.dl.data.Images;
import org.tidl.dl.data.Sampler;

/** The fused VGG gives DL4J's gradients and losses to float rounding; its unfolding is exact. */
class FusedVggTest {

    static Images cifarLike(int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] px = new float[count * 3072];
        int[] y = new int[count];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < count; i++) {
            y[i] = r.nextInt(10);
        }
        return new Images(px, y, count, 3, 32, 32, 10);
    }

    @Test
    void im2colAndCol2imAreAdjointAndUnfoldTheImage() {
        int ch = 3;
        int batch = 2;
        int s = 5;
        SplittableRandom r = new SplittableRandom(1);
        float[] x = new float[ch * batch * s * s];
        float[] c = new float[ch * 9 * batch * s * s];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < c.length; i++) {
            c[i] = (float) r.nextGaussian();
        }
        float[] cols = new float[c.length];
        FusedVgg.im2col(x, cols, ch, batch, s);
        int nn = batch * s * s;
        // entry (ci, kh, kw | r, oh, ow) is x[ci][r][oh + kh − 1][ow + kw − 1], or 0 outside
        for (int ci = 0; ci < ch; ci++) {
            for (int kh = 0; kh < 3; kh++) {
                for (int kw = 0; kw < 3; kw++) {
                    for (int b = 0; b < batch; b++) {
                        for (int oh = 0; oh < s; oh++) {
                            for (int ow = 0; ow < s; ow++) {
                                int ih = oh + kh - 1;
                                int iw = ow + kw - 1;
                                float want = ih < 0 || ih >= s || iw < 0 || iw >= s ? 0f : x[((ci * batch + b) * s + ih) * s + iw];
                                assertThat(cols[((ci * 3 + kh) * 3 + kw) * nn + (b * s + oh) * s + ow]).isEqualTo(want);
                            }
                        }
                    }
                }
            }
        }
        float[] back = new float[x.length];
        FusedVgg.col2im(c, back, ch, batch, s);
        double lhs = 0;
        double rhs = 0;
        for (int i = 0; i < c.length; i++) {
            lhs += (double) cols[i] * c[i];
        }
        for (int i = 0; i < x.length; i++) {
            rhs += (double) x[i] * back[i];
        }
        assertThat(lhs).isCloseTo(rhs, within(1e-4 * Math.abs(rhs)));
    }

    @Test
    void withoutDropoutTheGradientIsDl4js() {
        var conf = Models.vgg11(3, 32, 32, 10, DataType.FLOAT, 1.0);
        assertThat(FusedNetwork.of(conf)).isInstanceOf(FusedVgg.class);
        SimulatedWorkers w = new SimulatedWorkers(conf, 2, 3);
        assertThat(FusedNetwork.of(conf).parameterCount()).isEqualTo(w.parameterCount());
        // larger weights than the initialisation, different per worker: signals reach the output layer
        w.parameters().array().muli(4).addi(Nd4j.rand(DataType.FLOAT, 2, w.parameterCount()).subi(0.5).muli(0.02));
        Images data = cifarLike(40, 7);
        NdWorkerMatrix gFused = w.parameters().zerosLike();
        NdWorkerMatrix gDl4j = w.parameters().zerosLike();
        double[] lFused = new double[2];
        double[] lDl4j = new double[2];
        new ImageOracle(w, data, Sampler.iid(2, 40, 9), 3, false, 1, 0, true).gradients(w.parameters(), gFused, lFused);
        new ImageOracle(w, data, Sampler.iid(2, 40, 9), 3, false, 1, 0, false).gradients(w.parameters(), gDl4j, lDl4j);
        for (int i = 0; i < 2; i++) {
            assertThat(lFused[i]).as("loss of worker " + i).isCloseTo(lDl4j[i], within(1e-4 * lDl4j[i]));
            float[] a = gFused.row(i).dup().data().asFloat();
            float[] b = gDl4j.row(i).dup().data().asFloat();
            double scale = 0;
            double diff = 0;
            for (int k = 0; k < a.length; k++) {
                scale = Math.max(scale, Math.abs(b[k]));
                diff = Math.max(diff, Math.abs(a[k] - b[k]));
            }
            assertThat(scale).isGreaterThan(1e-4);
            assertThat(diff).as("worker " + i + ": largest gradient difference, of " + scale).isLessThan(1e-4 * scale);
        }
    }

    @Test
    void dropoutMasksFollowTheSeed() {
        var conf = Models.configuration("vgg11", 0, 3, 32, 32, 10, DataType.FLOAT);
        SimulatedWorkers w = new SimulatedWorkers(conf, 1, 3);
        Images data = cifarLike(20, 8);
        float[][] g = new float[3][];
        for (int run = 0; run < 3; run++) {
            NdWorkerMatrix grad = w.parameters().zerosLike();
            // runs 0 and 1 share the seed, run 2 has another one
            new ImageOracle(w, data, Sampler.iid(1, 20, 9), 4, false, run < 2 ? 5 : 6, 0, true)
                    .gradients(w.parameters(), grad, new double[1]);
            g[run] = grad.array().dup().data().asFloat();
        }
        assertThat(java.util.Arrays.equals(g[1], g[0])).as("same seed, same masks, same bytes").isTrue();
        assertThat(java.util.Arrays.equals(g[2], g[0])).as("another seed, other masks").isFalse();
    }
}
