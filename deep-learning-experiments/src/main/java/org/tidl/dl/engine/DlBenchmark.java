package org.tidl.dl.engine;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tidl.api.DecentralizedOptimizer;
import org.tidl.api.GossipScheme;
import org.tidl.api.Seeds;
import org.tidl.api.WorkerMatrix;
import org.tidl.core.OptimizerRegistry;
import org.tidl.core.TopologyRegistry;
import org.tidl.core.run.StepRunner;
import org.tidl.dl.DlExtensions;
import org.tidl.dl.NdWorkerMatrix;
import org.tidl.dl.data.Images;
import org.tidl.dl.data.Sampler;
import org.tidl.dl.spi.DatasetShape;

/**
 * Training throughput of the simulated workers: samples per second of whole optimizer steps (per-worker
 * forward/backward, local update, gossip), the parts timed separately, and the step against the machine's limit
 * measured in the same process: the time the step's arithmetic takes at the GEMM peak, or the time its
 * minimal memory traffic takes at the streaming bandwidth, whichever is longer. Random data of the right shape
 * (the model's paired data set: Fashion-MNIST for the MLP, CIFAR-10 for VGG-11), as the PyTorch peers in deep-learning-experiments/bench/.
 */
public final class DlBenchmark {

    /** What to measure. {@code hidden} is the MLP's width (ignored for VGG-11). */
    public record Setting(String model, int workers, int hidden, int batch, String topology, String optimizer, int steps) { }

    /**
     * One measurement. Times in seconds per step. {@code flopsPerStep}: 2 per multiply-add of the forward and
     * backward passes (no input gradient of the first layer); {@code bytesPerStep}: 7 passes over the n × P
     * parameters (forward read, gradient write, update: 2 reads and a write, gossip: a read and a write).
     */
    public record Result(Setting setting, long parameters, double stepSeconds, double samplesPerSecond,
                         double gradientSeconds, double updateSeconds, double gossipSeconds, double flopsPerStep,
                         double bytesPerStep, Machine machine, String nd4jBuild) {

        /** The fastest the machine could run this step (seconds): compute- or memory-bound. */
        public double limitSeconds() {
            return Math.max(flopsPerStep / (machine.gemmGflops() * 1e9), bytesPerStep / (machine.bandwidthGBs() * 1e9));
        }

        public double limitSamplesPerSecond() {
            return (double) setting.workers() * setting.batch() / limitSeconds();
        }

        /** Achieved share of the limit, in percent. */
        public double percentOfLimit() {
            return 100 * limitSeconds() / stepSeconds;
        }

        public double gflops() {
            return flopsPerStep / stepSeconds / 1e9;
        }

        /** Which limit binds: "compute" or "memory". */
        public String boundBy() {
            return flopsPerStep / (machine.gemmGflops() * 1e9) >= bytesPerStep / (machine.bandwidthGBs() * 1e9)
                    ? "compute" : "memory";
        }
    }

    /**
     * The machine as this process sees it: streaming bandwidth (a[i] = b[i] + s·c[i] over 3 × 192 MB, all cores,
     * 12 bytes per element) and single-precision GEMM throughput (1024³ products, one per core, as the workers
     * run them), best of a few tries.
     */
    public record Machine(double bandwidthGBs, double gemmGflops, int cores) { }

    /** Random images the benchmark trains on (the timing does not depend on their values). */
    static final int RANDOM_IMAGES = 10_000;

    private DlBenchmark() {
    }

    public static Machine probe() {
        int cores = Runtime.getRuntime().availableProcessors();
        int n = 48 << 20;
        float[] a = new float[n];
        float[] b = new float[n];
        float[] c = new float[n];
        java.util.Arrays.fill(b, 1f);
        java.util.Arrays.fill(c, 2f);
        double bestBw = 0;
        int chunk = (n + cores - 1) / cores;
        for (int rep = 0; rep < 5; rep++) {
            long t0 = System.nanoTime();
            IntStream.range(0, cores).parallel().forEach(p -> {
                int from = p * chunk;
                int to = Math.min(n, from + chunk);
                for (int i = from; i < to; i++) {
                    a[i] = b[i] + 0.5f * c[i];
                }
            });
            bestBw = Math.max(bestBw, 12.0 * n / ((System.nanoTime() - t0) / 1e9) / 1e9);
        }
        int m = 1024;
        INDArray[] x = new INDArray[cores];
        INDArray[] y = new INDArray[cores];
        INDArray[] z = new INDArray[cores];
        for (int p = 0; p < cores; p++) {
            x[p] = Nd4j.rand(DataType.FLOAT, m, m);
            y[p] = Nd4j.rand(DataType.FLOAT, m, m);
            z[p] = Nd4j.create(DataType.FLOAT, m, m);
        }
        double bestGemm = 0;
        for (int rep = 0; rep < 6; rep++) {
            long t0 = System.nanoTime();
            IntStream.range(0, cores).parallel().forEach(p -> Nd4j.gemm(x[p], y[p], z[p], false, false, 1.0, 0.0));
            bestGemm = Math.max(bestGemm, 2.0 * m * m * m * cores / ((System.nanoTime() - t0) / 1e9) / 1e9);
        }
        return new Machine(bestBw, bestGemm, cores);
    }

    /** Random images of the data set's shape (the timing does not depend on the pixel values). */
    static Images randomImages(DatasetShape shape) {
        int count = RANDOM_IMAGES;
        int c = shape.channels();
        float[] px = new float[count * c * shape.height() * shape.width()];
        int[] y = new int[count];
        SplittableRandom rng = Seeds.stream(0, "benchmark-data", 0);
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) rng.nextGaussian();
        }
        for (int i = 0; i < count; i++) {
            y[i] = rng.nextInt(shape.classes());
        }
        return new Images(px, y, count, c, shape.height(), shape.width(), shape.classes());
    }

    /** Multiply-adds of one example's forward pass, and those of the first layer's input gradient (not computed). */
    static long[] multiplyAdds(MultiLayerConfiguration conf, int channels, int side) {
        long total = 0;
        long first = -1;
        int s = side;
        for (int i = 0; i < conf.getConfs().size(); i++) {
            var l = conf.getConf(i).getLayer();
            long macs = 0;
            if (l instanceof ConvolutionLayer cl && !(l instanceof SubsamplingLayer)) {
                int[] k = cl.getKernelSize();
                macs = (long) s * s * cl.getNOut() * cl.getNIn() * k[0] * k[1]; // stride 1, 'same' padding (Models)
            } else if (l instanceof SubsamplingLayer) {
                s /= 2;
            } else if (l instanceof FeedForwardLayer f) {
                macs = f.getNIn() * f.getNOut();
            }
            if (macs > 0 && first < 0) {
                first = macs;
            }
            total += macs;
        }
        return new long[] {total, Math.max(first, 0)};
    }

    /** The setting's model and the data set whose image shape it is measured on (the model's paired one). */
    private record Resolved(DlExtensions.Model model, DlExtensions.Dataset dataset, DatasetShape shape,
                            MultiLayerConfiguration conf) {
        static Resolved of(Setting s, DlExtensions extensions) {
            DlExtensions.Model model = extensions.model(s.model());
            DlExtensions.Dataset dataset = extensions.dataset(model.pairedDataset());
            DatasetShape shape = dataset.shape();
            return new Resolved(model, dataset, shape, model.configuration(shape, s.hidden(), DataType.FLOAT));
        }

        /** Convolutional networks take long steps: one warm-up step, the gradients timed once. */
        boolean slow() {
            return conf.getConfs().stream().anyMatch(c -> c.getLayer() instanceof ConvolutionLayer);
        }
    }

    /** {@link #checkFits(Setting, OptimizerRegistry, DlExtensions)} with the built-in models. */
    public static OptimizerRegistry.Optimizer checkFits(Setting s, OptimizerRegistry optimizers) {
        return checkFits(s, optimizers, DlExtensions.builtIn());
    }

    /**
     * Resolves the setting's optimizer (lr 0.05 unless the spec sets it) and refuses a setting that cannot fit in
     * memory, before anything is allocated ({@link MemoryEstimate}); cheap, so a command checks every setting
     * before measuring the machine.
     */
    public static OptimizerRegistry.Optimizer checkFits(Setting s, OptimizerRegistry optimizers, DlExtensions extensions) {
        return checkFits(s, optimizers, Resolved.of(s, extensions));
    }

    private static OptimizerRegistry.Optimizer checkFits(Setting s, OptimizerRegistry optimizers, Resolved r) {
        boolean ownLr = org.tidl.core.PluginSpec.parse("optimizer", s.optimizer()).values().containsKey("lr");
        OptimizerRegistry.Optimizer o = optimizers.resolve(s.optimizer(), ownLr ? Map.of() : Map.of("lr", "0.05"));
        // one matrix besides the optimizer's: the gradients the parts are timed with
        MemoryEstimate.of("bench-dl (" + r.model().label(r.shape(), s.hidden()) + ", optimizer " + s.optimizer() + ")",
                r.conf(), r.model().inputType(r.shape()), s.workers(), s.batch(), o, 1,
                MemoryEstimate.times(RANDOM_IMAGES, r.shape().features() + 1, Float.BYTES))
                .check("the workers" + (r.model().usesHidden() ? " or hidden units" : ""));
        return o;
    }

    /** {@link #run(Setting, Machine, TopologyRegistry, OptimizerRegistry, DlExtensions)} with the built-ins. */
    public static Result run(Setting s, Machine machine) {
        return run(s, machine, TopologyRegistry.builtIn(), OptimizerRegistry.builtIn(), DlExtensions.builtIn());
    }

    /**
     * Measures one setting with an optimizer spec from the given registries (plugins included); lr is 0.05 unless
     * the spec sets it. A run that cannot fit in memory is refused before anything is allocated
     * ({@link MemoryEstimate}).
     */
    public static Result run(Setting s, Machine machine, TopologyRegistry topologies, OptimizerRegistry optimizers,
                             DlExtensions extensions) {
        Resolved r = Resolved.of(s, extensions);
        boolean slow = r.slow();
        OptimizerRegistry.Optimizer o = checkFits(s, optimizers, r);
        MultiLayerConfiguration conf = r.conf();
        GossipScheme scheme = topologies.build(s.topology(), s.workers()).scheme();
        Images data = randomImages(r.shape());
        SimulatedWorkers w = new SimulatedWorkers(conf, s.workers(), 1);
        ImageOracle oracle = new ImageOracle(w, data, Sampler.iid(s.workers(), data.count(), 1), s.batch(), r.dataset().augmentByDefault(), 1, 0);
        NdWorkerMatrix x = w.parameters();
        DecentralizedOptimizer opt = o.start(x, scheme, 1);
        StepRunner runner = StepRunner.of(scheme, oracle);
        int warmUp = slow ? 1 : Math.max(2, s.steps()); // JIT, first touch of the off-heap buffers
        runner.run(opt, x, warmUp, StepRunner.NONE);
        long t0 = System.nanoTime();
        runner.run(opt, x, warmUp, s.steps(), StepRunner.NONE);
        double step = (System.nanoTime() - t0) / 1e9 / s.steps();
        double[] losses = new double[s.workers()];
        // the parts, timed separately: gradients, the local update (one axpy), the gossip (in place)
        WorkerMatrix g = x.zerosLike();
        int parts = slow ? 1 : s.steps();
        t0 = System.nanoTime();
        for (int t = 0; t < parts; t++) {
            oracle.gradients(x, g, losses);
        }
        double grad = (System.nanoTime() - t0) / 1e9 / parts;
        t0 = System.nanoTime();
        for (int t = 0; t < s.steps(); t++) {
            x.addScaled(-1e-9, g);
        }
        double update = (System.nanoTime() - t0) / 1e9 / s.steps();
        t0 = System.nanoTime();
        for (int t = 0; t < s.steps(); t++) {
            x.mixInPlace(scheme.matrix(t), g);
        }
        double gossip = (System.nanoTime() - t0) / 1e9 / s.steps();
        long[] macs = multiplyAdds(conf, data.channels(), data.height());
        double flops = 2.0 * (3 * macs[0] - macs[1]) * s.workers() * s.batch();
        double bytes = 7.0 * 4 * s.workers() * w.parameterCount();
        return new Result(s, w.parameterCount(), step, s.workers() * s.batch() / step, grad, update, gossip, flops, bytes,
                machine, NativeBackend.variant());
    }
}
