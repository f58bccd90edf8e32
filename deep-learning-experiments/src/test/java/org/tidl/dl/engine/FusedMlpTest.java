package org.tidl.dl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.tidl.api.DecentralizedOptimizer;
import org.tidl.api.GossipScheme;
import org.tidl.api.StepContext;
import org.tidl.core.OptimizerRegistry;
import org.tidl.core.TopologyRegistry;
import org.tidl.dl.NdWorkerMatrix;
import org.tidl.dl.data.Images;
import org.tidl.dl.data.Sampler;

/** The fused MLP gives DL4J's gradients, losses and loss curves to float rounding. */
class FusedMlpTest {

    static Images images(int count, int side, int classes, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] px = new float[count * side * side];
        int[] y = new int[count];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) r.nextGaussian();
        }
        int f = side * side;
        for (int i = 0; i < count; i++) { // a learnable rule: the label is the largest of the first pixels
            int best = 0;
            for (int c = 1; c < classes; c++) {
                best = px[i * f + c] > px[i * f + best] ? c : best;
            }
            y[i] = best;
        }
        return new Images(px, y, count, 1, side, side, classes);
    }

    @Test
    void takesExactlyTheMlpInSinglePrecision() {
        assertThat(FusedMlp.of(Models.configuration("mlp", 30, 1, 5, 5, 4, DataType.FLOAT))).isNotNull();
        assertThat(FusedNetwork.of(Models.configuration("mlp", 30, 1, 5, 5, 4, DataType.DOUBLE))).isNull();
        assertThat(FusedMlp.of(Models.configuration("vgg11", 0, 3, 32, 32, 10, DataType.FLOAT))).isNull();
        assertThat(FusedNetwork.of(Models.configuration("vgg11", 0, 3, 32, 32, 10, DataType.FLOAT))).isInstanceOf(FusedVgg.class);
        FusedMlp f = FusedMlp.of(Models.configuration("mlp", 30, 1, 5, 5, 4, DataType.FLOAT));
        assertThat(f.parameterCount()).isEqualTo(new SimulatedWorkers(Models.configuration("mlp", 30, 1, 5, 5, 4,
                DataType.FLOAT), 1, 1).parameterCount());
    }

    @Test
    void gradientsAndLossesAreDl4jsToFloatRounding() {
        for (int batch : new int[] {16, 5}) {
            var conf = Models.configuration("mlp", 37, 1, 6, 6, 7, DataType.FLOAT);
            Images data = images(300, 6, 7, 3);
            SimulatedWorkers w = new SimulatedWorkers(conf, 3, 5);
            // different parameters per worker, larger than the initialisation so ReLUs switch both ways
            w.parameters().array().addi(org.nd4j.linalg.factory.Nd4j.rand(DataType.FLOAT, 3, w.parameterCount()).subi(0.5));
            NdWorkerMatrix gFused = w.parameters().zerosLike();
            NdWorkerMatrix gDl4j = w.parameters().zerosLike();
            double[] lFused = new double[3];
            double[] lDl4j = new double[3];
            new ImageOracle(w, data, Sampler.iid(3, 300, 9), batch, false, 1, 0, true).gradients(w.parameters(), gFused, lFused);
            new ImageOracle(w, data, Sampler.iid(3, 300, 9), batch, false, 1, 0, false).gradients(w.parameters(), gDl4j, lDl4j);
            float[] a = gFused.array().dup('c').data().asFloat();
            float[] b = gDl4j.array().dup('c').data().asFloat();
            double scale = 0;
            for (float v : b) {
                scale = Math.max(scale, Math.abs(v));
            }
            assertThat(scale).isGreaterThan(1e-3);
            for (int k = 0; k < a.length; k++) {
                assertThat((double) a[k]).as("batch " + batch + ", gradient entry " + k).isCloseTo(b[k], within(2e-6 * scale));
            }
            for (int i = 0; i < 3; i++) {
                assertThat(lFused[i]).as("loss of worker " + i).isCloseTo(lDl4j[i], within(1e-5 * lDl4j[i]));
            }
        }
    }

    /** DeTAG's accumulation: the fused MLP adds s · g into the sum in its GEMMs, the gradient never stored. */
    @Test
    void gradientsAddedIntoASumAreTheGradientsWrittenThenAdded() {
        var conf = Models.configuration("mlp", 37, 1, 6, 6, 7, DataType.FLOAT);
        Images data = images(300, 6, 7, 3);
        SimulatedWorkers w = new SimulatedWorkers(conf, 3, 5);
        w.parameters().array().addi(org.nd4j.linalg.factory.Nd4j.rand(DataType.FLOAT, 3, w.parameterCount()).subi(0.5));
        for (boolean fused : new boolean[] {true, false}) {
            NdWorkerMatrix sum = w.parameters().zerosLike();
            sum.array().assign(org.nd4j.linalg.factory.Nd4j.rand(DataType.FLOAT, 3, w.parameterCount()));
            NdWorkerMatrix want = sum.zerosLike();
            want.assign(sum);
            NdWorkerMatrix scratch = sum.zerosLike();
            scratch.addScalar(Double.NaN); // the fused path never touches it
            NdWorkerMatrix g = sum.zerosLike();
            double[] lAdded = new double[3];
            double[] lWritten = new double[3];
            double s = 1.0 / 3;
            for (int call = 0; call < 2; call++) { // two minibatches: the second adds onto the first
                new ImageOracle(w, data, Sampler.iid(3, 300, 9 + call), 16, false, 1, 0, fused)
                        .addGradients(w.parameters(), s, sum, scratch, lAdded);
                new ImageOracle(w, data, Sampler.iid(3, 300, 9 + call), 16, false, 1, 0, fused)
                        .gradients(w.parameters(), g, lWritten);
                want.addScaled(s, g);
                assertThat(lAdded).as("losses").containsExactly(lWritten);
            }
            float[] a = sum.array().dup('c').data().asFloat();
            float[] b = want.array().dup('c').data().asFloat();
            for (int k = 0; k < a.length; k++) {
                assertThat((double) a[k]).as("fused " + fused + ", entry " + k).isCloseTo(b[k], within(1e-6 * Math.max(1, Math.abs(b[k]))));
            }
            boolean untouched = java.util.Arrays.stream(scratch.rowAbsoluteSums()).allMatch(Double::isNaN);
            assertThat(untouched).as("fused " + fused + ": the scratch matrix is left alone").isEqualTo(fused);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"dsgd-atc:momentum=0.9", "gradient-tracking", "detag:rounds=2"})
    void trainingGivesDl4jsLossCurve(String optimizer) {
        var conf = Models.configuration("mlp", 40, 1, 6, 6, 5, DataType.FLOAT);
        Images data = images(400, 6, 5, 4);
        GossipScheme ring = TopologyRegistry.builtIn().build("ring", 4).scheme();
        double[][] curves = new double[2][];
        float[][] finals = new float[2][];
        for (int path = 0; path < 2; path++) {
            SimulatedWorkers w = new SimulatedWorkers(conf, 4, 2);
            ImageOracle oracle = new ImageOracle(w, data, Sampler.iid(4, 400, 3), 16, false, 1, 0, path == 0);
            DecentralizedOptimizer opt = OptimizerRegistry.builtIn().resolve(optimizer, Map.of("lr", "0.1"))
                    .start(w.parameters(), ring, 1);
            double[] losses = new double[4];
            curves[path] = new double[30];
            for (int t = 0; t < 30; t++) {
                opt.step(new StepContext(t, 1, ring, oracle, losses), w.parameters());
                curves[path][t] = java.util.Arrays.stream(losses).average().orElseThrow();
            }
            finals[path] = w.parameters().array().dup('c').data().asFloat();
        }
        if (optimizer.startsWith("dsgd")) { // (the others' step sizes are not tuned here: only the equality counts)
            assertThat(curves[0][29]).as(optimizer + " learns").isLessThan(0.8 * curves[0][0]);
        }
        for (int t = 0; t < 30; t++) {
            assertThat(curves[0][t]).as(optimizer + ": mean loss at step " + t).isCloseTo(curves[1][t], within(1e-4 * curves[1][t]));
        }
        for (int k = 0; k < finals[0].length; k++) {
            assertThat((double) finals[0][k]).as("parameter " + k).isCloseTo(finals[1][k], within(1e-4));
        }
    }
}
