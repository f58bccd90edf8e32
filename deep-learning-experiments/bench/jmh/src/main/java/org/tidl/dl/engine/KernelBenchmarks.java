package org.tidl.dl.engine;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tidl.api.GossipMatrix;
import org.tidl.api.Seeds;
import org.tidl.core.TopologyRegistry;
import org.tidl.dl.NdWorkerMatrix;

/**
 * The engine's kernels, one at a time, so that a regression shows: the gossip of the parameter matrix (ring, in
 * place), the local update (axpy), and one worker's forward and backward (the MLP 784-5000-10 and VGG-11 at
 * batch 16). Sizes as the paper's runs (64 × 3,975,010 parameters for the MLP); compare the times with the
 * memory traffic (gossip: 2 × 4·n·P bytes, axpy: 3 × 4·n·P) and the FLOPs (MLP: 2 × 3 × 784 × 5000 × 16 ≈
 * 0.38 GFLOP per worker; VGG-11: ≈ 14.7 GFLOP per worker) of each.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class KernelBenchmarks {

    @State(Scope.Benchmark)
    public static class Matrices {
        @Param({"64"})
        public int workers;
        @Param({"3975010"})
        public long parameters;
        NdWorkerMatrix x;
        NdWorkerMatrix y;
        GossipMatrix ring;

        @Setup(Level.Trial)
        public void setUp() {
            x = new NdWorkerMatrix(Nd4j.rand(DataType.FLOAT, workers, parameters));
            y = x.zerosLike();
            ring = TopologyRegistry.builtIn().build("ring", workers).scheme().matrix(0);
        }
    }

    @Benchmark
    public void gossipRingInPlace(Matrices m) {
        m.x.mixInPlace(m.ring, m.y);
    }

    @Benchmark
    public void axpy(Matrices m) {
        m.x.addScaled(-1e-9, m.y);
    }

    @State(Scope.Thread)
    public static class OneWorker {
        @Param({"mlp", "vgg11"})
        public String model;
        FusedNetwork net;
        FusedNetwork.Workspace workspace;
        INDArray params;
        INDArray grad;
        float[] features;
        int[] labels;

        @Setup(Level.Trial)
        public void setUp() {
            boolean vgg = model.equals("vgg11");
            MultiLayerConfiguration conf = Models.configuration(model, 5000, vgg ? 3 : 1, vgg ? 32 : 28, vgg ? 32 : 28, 10,
                    DataType.FLOAT);
            SimulatedWorkers w = new SimulatedWorkers(conf, 1, 1);
            net = FusedNetwork.of(conf);
            workspace = net.workspace(16);
            params = w.parameters().array();
            grad = params.dup();
            SplittableRandom r = Seeds.stream(1, "benchmark-data", 0);
            features = new float[16 * (vgg ? 3072 : 784)];
            for (int i = 0; i < features.length; i++) {
                features[i] = (float) r.nextGaussian();
            }
            labels = r.ints(16, 0, 10).toArray();
        }
    }

    /** One worker's minibatch gradient (forward and backward of every layer), on one core. */
    @Benchmark
    public double forwardBackward(OneWorker s) {
        return s.net.gradient(s.params, s.grad, 0, s.features, s.labels, s.workspace, Seeds.stream(1, "dropout", 0));
    }
}
