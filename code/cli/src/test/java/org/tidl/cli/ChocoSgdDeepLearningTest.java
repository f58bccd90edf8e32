package org.tidl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.tidl.api.DecentralizedOptimizer;
import org.tidl.api.GossipScheme;
import org.tidl.api.StepContext;
import org.tidl.core.OptimizerRegistry;
import org.tidl.core.TopologyRegistry;
import org.tidl.dl.data.FashionMnist;
import org.tidl.dl.data.Images;
import org.tidl.dl.data.Sampler;
import org.tidl.dl.engine.ImageOracle;
import org.tidl.dl.engine.Models;
import org.tidl.dl.engine.SimulatedWorkers;

/**
 * CHOCO-SGD from the example plugin jar on the deep-learning engine: DL4J's layers (not the fused kernels) on a tiny
 * Fashion-MNIST MLP, read from small files in the real IDX format.
 */
class ChocoSgdDeepLearningTest {

    @TempDir
    static Path dir;
    static Images train;
    static OptimizerRegistry optimizers;

    /** 96 images of 28 × 28 whose class draws a bright horizontal band (rows 2c, 2c+1) over noise: learnable. */
    @BeforeAll
    static void data() throws Exception {
        int count = 96;
        byte[] pixels = new byte[count * 28 * 28];
        byte[] labels = new byte[count];
        SplittableRandom r = new SplittableRandom(4);
        for (int i = 0; i < count; i++) {
            int c = i % 10;
            labels[i] = (byte) c;
            for (int k = 0; k < 28 * 28; k++) {
                int row = k / 28;
                pixels[i * 28 * 28 + k] = (byte) (row / 2 == c ? 200 + r.nextInt(50) : r.nextInt(60));
            }
        }
        writeIdx(dir.resolve("train-images-idx3-ubyte.gz"), 0x803, new int[] {count, 28, 28}, pixels);
        writeIdx(dir.resolve("train-labels-idx1-ubyte.gz"), 0x801, new int[] {count}, labels);
        train = FashionMnist.train(dir);
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(Path.of(System.getProperty("tidl.examplePluginJar")), plugins.resolve("example.jar"));
        optimizers = OptimizerRegistry.load(List.of(plugins));
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

    /** Runs {@code optimizer} for {@code steps} steps of 4 workers on a ring; returns the workers and the mean losses. */
    static Object[] run(String optimizer, int steps) {
        int n = 4;
        var conf = Models.configuration("mlp", 16, 1, 28, 28, 10, DataType.FLOAT);
        SimulatedWorkers w = new SimulatedWorkers(conf, n, 1);
        ImageOracle oracle = new ImageOracle(w, train, Sampler.iid(n, train.count(), 2), 8, false, 3, 0, false);
        GossipScheme ring = TopologyRegistry.builtIn().build("ring", n).scheme();
        DecentralizedOptimizer opt = optimizers.resolve(optimizer, Map.of()).start(w.parameters(), ring, 3);
        double[] losses = new double[n];
        double[] mean = new double[steps];
        for (int t = 0; t < steps; t++) {
            opt.step(new StepContext(t, 1, ring, oracle, losses), w.parameters());
            mean[t] = java.util.Arrays.stream(losses).average().orElseThrow();
        }
        return new Object[] {w, mean};
    }

    @Test
    void withoutCompressionAndGammaOneItStepsAsAdaptThenCombineDsgd() {
        SimulatedWorkers choco = (SimulatedWorkers) run("choco-sgd:lr=0.1,gamma=1,ratio=1", 5)[0];
        SimulatedWorkers atc = (SimulatedWorkers) run("dsgd-atc:lr=0.1", 5)[0];
        double difference = choco.parameters().array().sub(atc.parameters().array()).amaxNumber().doubleValue();
        double scale = atc.parameters().array().amaxNumber().doubleValue();
        assertThat(difference).isLessThan(1e-5 * scale);
        // and the workers moved apart from their common start, so the comparison is not trivial
        assertThat(atc.parameters().array().sub(atc.parameters().row(0)).amaxNumber().doubleValue()).isGreaterThan(1e-4);
    }

    @Test
    void topKAndSignCompressedRunsLearnTheTinySet() {
        for (String spec : new String[] {"choco-sgd:lr=0.1,gamma=0.5,compressor=top-k,ratio=0.05",
                "choco-sgd:lr=0.1,gamma=0.5,compressor=sign"}) {
            double[] loss = (double[]) run(spec, 40)[1];
            double first = loss[0];
            double last = java.util.Arrays.stream(loss, 35, 40).average().orElseThrow();
            assertThat(first).as(spec).isCloseTo(Math.log(10), org.assertj.core.api.Assertions.within(0.7));
            assertThat(last).as(spec).isLessThan(0.5 * first);
        }
    }
}
