package org.tidl.dl.engine;

import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.tidl.api.DecentralizedOptimizer;
import org.tidl.api.GossipScheme;
import org.tidl.api.Seeds;
import org.tidl.api.StepContext;
import org.tidl.core.OptimizerRegistry;
import org.tidl.core.TopologyRegistry;
import org.tidl.dl.data.Images;
import org.tidl.dl.data.Sampler;

/**
 * Training throughput of the simulated workers: samples per second of one D-SGD step (per-worker
 * forward/backward, local step, gossip), split into its parts. Random Fashion-MNIST-shaped data, as the
 * PyTorch peer benchmark.
 */
public final class DlBenchmark {

    public record Result(int workers, int hidden, long parameters, int steps, double seconds, double samplesPerSecond,
                         double gradientSeconds, double updateSeconds, double gossipSeconds) { }

    private DlBenchmark() {
    }

    public static Result run(int workers, int hidden, int batch, String topology, int steps) {
        return run(workers, hidden, batch, topology, steps, "dsgd-atc");
    }

    /** As {@link #run(int, int, int, String, int)} with any built-in optimizer spec (its lr is set to 0.05). */
    public static Result run(int workers, int hidden, int batch, String topology, int steps, String optimizer) {
        return run(workers, hidden, batch, topology, steps, optimizer, TopologyRegistry.builtIn(), OptimizerRegistry.builtIn());
    }

    /**
     * As {@link #run(int, int, int, String, int)} with an optimizer spec from the given registries (plugins
     * included); lr is 0.05 unless the spec sets it. A run that cannot fit in memory is refused before anything
     * is allocated ({@link MemoryEstimate}).
     */
    public static Result run(int workers, int hidden, int batch, String topology, int steps, String optimizer,
                             TopologyRegistry topologies, OptimizerRegistry optimizers) {
        boolean ownLr = org.tidl.core.PluginSpec.parse("optimizer", optimizer).values().containsKey("lr");
        OptimizerRegistry.Optimizer o = optimizers.resolve(optimizer, ownLr ? Map.of() : Map.of("lr", "0.05"));
        int count = 60000;
        var conf = Models.configuration("mlp", hidden, 1, 28, 28, 10, DataType.FLOAT);
        MemoryEstimate.of("bench-dl (MLP 784-" + hidden + "-10, optimizer " + optimizer + ")", conf,
                Models.inputType("mlp", 1, 28, 28), workers, batch, o, 0,
                MemoryEstimate.times(count, 784 + 1, Float.BYTES)).check("the workers or hidden units");
        GossipScheme scheme = topologies.build(topology, workers).scheme();
        float[] px = new float[count * 784];
        int[] y = new int[count];
        SplittableRandom rng = Seeds.stream(0, "benchmark-data", 0);
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) rng.nextGaussian();
        }
        for (int i = 0; i < count; i++) {
            y[i] = rng.nextInt(10);
        }
        Images data = new Images(px, y, count, 1, 28, 28, 10);
        SimulatedWorkers w = new SimulatedWorkers(conf, workers, 1);
        ImageOracle oracle = new ImageOracle(w, data, Sampler.iid(workers, count, 1), batch, false, 1, 0);
        DecentralizedOptimizer opt = o.newRun();
        double[] losses = new double[workers];
        int warmUp = Math.max(2, steps); // as many warm-up steps as measured: JIT, first touch of off-heap buffers
        for (int t = 0; t < warmUp; t++) {
            opt.step(new StepContext(t, 1, scheme, oracle, losses), w.parameters());
        }
        long t0 = System.nanoTime();
        for (int t = warmUp; t < warmUp + steps; t++) {
            opt.step(new StepContext(t, 1, scheme, oracle, losses), w.parameters());
        }
        double total = (System.nanoTime() - t0) / 1e9;
        // the parts, timed separately
        var g = w.parameters().zerosLike();
        t0 = System.nanoTime();
        for (int t = 0; t < steps; t++) {
            oracle.gradients(w.parameters(), g, losses);
        }
        double grad = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        for (int t = 0; t < steps; t++) {
            w.parameters().addScaled(-1e-9, g);
        }
        double update = (System.nanoTime() - t0) / 1e9;
        var tmp = w.parameters().zerosLike();
        t0 = System.nanoTime();
        for (int t = 0; t < steps; t++) {
            w.parameters().mix(scheme.matrix(t), tmp);
            w.parameters().assign(tmp);
        }
        double gossip = (System.nanoTime() - t0) / 1e9;
        return new Result(workers, hidden, w.parameterCount(), steps, total, (double) steps * workers * batch / total,
                grad / steps, update / steps, gossip / steps);
    }

    public static void main(String[] args) {
        System.out.println(run(Integer.parseInt(args[0]), Integer.parseInt(args[1]), 16, "ring", Integer.parseInt(args[2])));
    }
}
