package org.tidl.dl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tidl.api.ArrayWorkerMatrix;
import org.tidl.api.DecentralizedOptimizer;
import org.tidl.api.GossipMatrix;
import org.tidl.api.GossipScheme;
import org.tidl.api.StepContext;
import org.tidl.core.InvalidInputException;
import org.tidl.core.OptimizerRegistry;
import org.tidl.core.TopologyRegistry;
import org.tidl.dl.data.Cifar10;
import org.tidl.dl.data.FashionMnist;
import org.tidl.dl.data.Images;
import org.tidl.dl.data.Sampler;
import org.tidl.dl.engine.ImageOracle;
import org.tidl.dl.engine.Models;
import org.tidl.dl.engine.SimulatedWorkers;

/** The DL4J engine's plumbing: readers on real formats, the ND4J backend, shared parameters and gradients. */
class EngineTest {

    @Test
    void idxReaderReadsTheRealFormatAndRefusesCorruptFiles(@TempDir Path dir) throws Exception {
        writeIdx(dir.resolve("train-images-idx3-ubyte.gz"), 0x803, new int[] {2, 2, 2}, new byte[] {0, (byte) 255, 10, 20, 30, 40, 50, 60});
        writeIdx(dir.resolve("train-labels-idx1-ubyte.gz"), 0x801, new int[] {2}, new byte[] {3, 9});
        Images im = FashionMnist.train(dir);
        assertThat(im.count()).isEqualTo(2);
        assertThat(im.labels()).containsExactly(3, 9);
        assertThat(im.pixels()[0]).isCloseTo(-0.2860f / 0.3530f, within(1e-6f));
        assertThat(im.pixels()[1]).isCloseTo((1 - 0.2860f) / 0.3530f, within(1e-6f));
        writeIdx(dir.resolve("train-labels-idx1-ubyte.gz"), 0x803, new int[] {2}, new byte[] {3, 9});
        assertThatThrownBy(() -> FashionMnist.train(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("train-labels-idx1-ubyte.gz").hasMessageContaining("bad IDX magic");
        assertThatThrownBy(() -> FashionMnist.test(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("t10k-images-idx3-ubyte.gz: not found").hasMessageContaining("dataset-fashion-mnist");
    }

    @Test
    void cifarReaderReadsBinaryRecords(@TempDir Path dir) throws Exception {
        byte[] rec = new byte[2 * 3073];
        rec[0] = 7;
        rec[1] = (byte) 255;            // first red pixel of record 0
        rec[3073] = 2;
        rec[3073 + 1 + 1024] = (byte) 255; // first green pixel of record 1
        Files.write(dir.resolve("test_batch.bin"), rec);
        Images im = Cifar10.test(dir);
        assertThat(im.labels()).containsExactly(7, 2);
        assertThat(im.pixels()[0]).isCloseTo((1 - 0.4914f) / 0.2023f, within(1e-5f));
        assertThat(im.pixels()[3072 + 1024]).isCloseTo((1 - 0.4822f) / 0.1994f, within(1e-5f));
        Files.write(dir.resolve("test_batch.bin"), new byte[100]);
        assertThatThrownBy(() -> Cifar10.test(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("test_batch.bin").hasMessageContaining("3073-byte records");
    }

    @Test
    void ndBackendGossipsLikeTheArrayBackendAndKeepsTheMean() {
        int n = 8;
        int p = 1000;
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        double[] values = new double[n * p];
        for (int i = 0; i < values.length; i++) {
            values[i] = rng.nextGaussian();
        }
        for (String spec : new String[] {"ring", "star", "fully-connected", "time-varying-exponential", "ring/float"}) {
            boolean single = spec.endsWith("/float"); // the fused single-precision kernel
            double tol = single ? 1e-5 : 1e-12;
            GossipScheme s = TopologyRegistry.builtIn().build(spec.replace("/float", ""), n).scheme();
            ArrayWorkerMatrix a = new ArrayWorkerMatrix(n, p);
            System.arraycopy(values, 0, a.data(), 0, values.length);
            INDArray start = Nd4j.createFromArray(values).reshape(n, p);
            NdWorkerMatrix x = new NdWorkerMatrix(single ? start.castTo(DataType.FLOAT) : start);
            ArrayWorkerMatrix ay = a.zerosLike();
            NdWorkerMatrix y = x.zerosLike();
            for (int t = 0; t < 3; t++) {
                GossipMatrix w = s.matrix(t);
                a.mix(w, ay);
                a.assign(ay);
                x.mix(w, y);
                x.assign(y);
            }
            double[] got = x.array().castTo(DataType.DOUBLE).reshape(n * p).toDoubleVector();
            for (int i = 0; i < got.length; i += 37) {
                assertThat(got[i]).as(spec).isCloseTo(a.data()[i], within(tol));
            }
            // doubly stochastic W: the mean over workers is unchanged
            INDArray before = Nd4j.createFromArray(values).reshape(n, p).mean(0);
            assertThat(x.array().castTo(DataType.DOUBLE).mean(0).sub(before).amaxNumber().doubleValue()).as(spec).isLessThan(tol);
        }
    }

    @Test
    void sharedParametersGiveTheNetworksExactGradients() {
        // double precision so finite differences are meaningful
        var conf = Models.configuration("mlp", 5, 1, 2, 3, 4, DataType.DOUBLE);
        SimulatedWorkers w = new SimulatedWorkers(conf, 2, 7);
        assertThat(w.parameterCount()).isEqualTo(6 * 5 + 5 + 5 * 4 + 4);
        NdWorkerMatrix g = w.parameters().zerosLike();
        Images data = randomImages(50, 1, 2, 3, 4, 11);
        ImageOracle oracle = new ImageOracle(w, data, Sampler.iid(2, 50, 1), 50, false, 1, 0);
        double[] losses = new double[2];
        oracle.gradients(w.parameters(), g, losses);
        // worker 1's gradient vs central differences of its loss on the same batch
        INDArray gradient = g.row(1).dup(); // the finite differences below run the network again
        MultiLayerNetwork net = w.network(1);
        INDArray row = w.parameters().row(1);
        for (int k : new int[] {0, 7, 29, 31, 40, 52, 54}) {
            double v = row.getDouble(0, k);
            row.putScalar(0, k, v + 1e-6);
            net.computeGradientAndScore();
            double up = net.score();
            row.putScalar(0, k, v - 1e-6);
            net.computeGradientAndScore();
            double down = net.score();
            row.putScalar(0, k, v);
            assertThat(gradient.getDouble(0, k)).as("parameter " + k).isCloseTo((up - down) / 2e-6, within(1e-6));
        }
        assertThat(losses[1]).isCloseTo(Math.log(4), within(0.7));
    }

    @Test
    void theOracleEvaluatesAtAnyPointAndLeavesTheIterateAsItWas() {
        // the GradientOracle contract: a gradient at a point other than the iterate is the gradient the workers
        // would get with their parameters there (the same minibatch and dropout), and the iterate is not changed
        var conf = Models.configuration("mlp", 6, 1, 3, 3, 4, DataType.FLOAT);
        Images data = randomImages(60, 1, 3, 3, 4, 8);
        for (boolean fused : new boolean[] {false, true}) {
            SimulatedWorkers away = new SimulatedWorkers(conf, 3, 5);
            SimulatedWorkers moved = new SimulatedWorkers(conf, 3, 5);
            ImageOracle awayOracle = new ImageOracle(away, data, Sampler.iid(3, 60, 1), 10, false, 4, 0, fused);
            ImageOracle movedOracle = new ImageOracle(moved, data, Sampler.iid(3, 60, 1), 10, false, 4, 0, fused);
            assertThat(awayOracle.cost()).isEqualTo(fused ? org.tidl.api.GradientOracle.Cost.SAME_AT_ANY_POINT
                    : org.tidl.api.GradientOracle.Cost.COPIES_AWAY_FROM_ITERATE);
            NdWorkerMatrix point = away.parameters().zerosLike();
            point.assign(away.parameters());
            point.array().addi(Nd4j.rand(DataType.FLOAT, 3, away.parameterCount()).subi(0.5).muli(0.2));
            INDArray iterateBefore = away.parameters().array().dup();
            NdWorkerMatrix g = away.parameters().zerosLike();
            double[] losses = new double[3];
            awayOracle.gradients(point, g, losses);
            assertThat(away.parameters().array()).as("iterate untouched, fused=" + fused).isEqualTo(iterateBefore);
            // the same gradient as with the point written into the iterate
            moved.parameters().assign(point);
            NdWorkerMatrix expected = moved.parameters().zerosLike();
            double[] expectedLosses = new double[3];
            movedOracle.gradients(moved.parameters(), expected, expectedLosses);
            assertThat(g.array()).as("fused=" + fused).isEqualTo(expected.array());
            assertThat(losses).containsExactly(expectedLosses);
            // and not the gradient at the iterate
            NdWorkerMatrix atIterate = away.parameters().zerosLike();
            new ImageOracle(away, data, Sampler.iid(3, 60, 1), 10, false, 4, 0, fused)
                    .gradients(away.parameters(), atIterate, new double[3]);
            assertThat(atIterate.array().sub(g.array()).amaxNumber().doubleValue()).isGreaterThan(1e-4);
            assertThatThrownBy(() -> awayOracle.gradients(point, point, losses)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void fullyConnectedWorkersStayIdenticalAndSoloWorkersDrift() {
        var conf = Models.configuration("mlp", 16, 1, 4, 4, 3, DataType.FLOAT);
        Images data = randomImages(200, 1, 4, 4, 3, 5);
        for (String spec : new String[] {"fully-connected", "solo"}) {
            SimulatedWorkers w = new SimulatedWorkers(conf, 4, 1);
            ImageOracle oracle = new ImageOracle(w, data, Sampler.iid(4, 200, 2), 8, false, 2, 0);
            GossipScheme s = TopologyRegistry.builtIn().build(spec, 4).scheme();
            DecentralizedOptimizer opt = OptimizerRegistry.builtIn().resolve("dsgd-atc", Map.of("lr", "0.1"))
                    .start(w.parameters(), s, 1);
            double[] losses = new double[4];
            for (int t = 0; t < 5; t++) {
                opt.step(new StepContext(t, 1, s, oracle, losses), w.parameters());
            }
            double spread = w.parameters().array().sub(w.parameters().row(0)).norm2Number().doubleValue();
            if (spec.equals("fully-connected")) {
                assertThat(spread).isLessThan(1e-5);
            } else {
                assertThat(spread).isGreaterThan(1e-2);
            }
        }
    }

    static Images randomImages(int count, int c, int h, int wd, int classes, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        float[] px = new float[count * c * h * wd];
        int[] y = new int[count];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < count; i++) {
            y[i] = r.nextInt(classes);
        }
        return new Images(px, y, count, c, h, wd, classes);
    }

    static void writeIdx(Path file, int magic, int[] dims, byte[] body) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + body.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(body);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(b.array());
        }
    }
}
