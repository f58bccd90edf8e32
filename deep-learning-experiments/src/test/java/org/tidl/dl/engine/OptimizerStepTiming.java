package org.tidl.dl.engine;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.nd4j.linalg.api.buffer.DataType;
import org.tidl.api.DecentralizedOptimizer;
import org.tidl.api.GossipScheme;
import org.tidl.core.OptimizerRegistry;
import org.tidl.core.TopologyRegistry;
import org.tidl.core.run.StepRunner;
import org.tidl.dl.DlExtensions;
import org.tidl.dl.NdWorkerMatrix;
import org.tidl.dl.data.Images;
import org.tidl.dl.data.Sampler;
import org.tidl.dl.spi.DatasetShape;

/**
 * Step time of gradient tracking and DeTAG against D-SGD adapt-then-combine (issue 12's goal: within 1.5×), all
 * three on one iterate in one process, interleaved: each round runs every optimizer for a few steps, after one
 * warm-up round; the ratio is taken per round, then median and quartiles over the rounds. Not a test (no time is
 * asserted anywhere): run it as {@code java -cp <test classpath> org.tidl.dl.engine.OptimizerStepTiming
 * [workers] [hidden] [rounds] [steps]}; defaults 32 × MLP 784-512-10, ring, batch 16, lr 0.01, 15 rounds of 10.
 */
public final class OptimizerStepTiming {

    private OptimizerStepTiming() {
    }

    public static void main(String[] args) {
        int workers = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int hidden = args.length > 1 ? Integer.parseInt(args[1]) : 512;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        int steps = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        DlExtensions ext = DlExtensions.builtIn();
        DlExtensions.Model model = ext.model("mlp");
        DlExtensions.Dataset dataset = ext.dataset(model.pairedDataset());
        DatasetShape shape = dataset.shape();
        MultiLayerConfiguration conf = model.configuration(shape, hidden, DataType.FLOAT);
        GossipScheme scheme = TopologyRegistry.builtIn().build("ring", workers).scheme();
        Images data = DlBenchmark.randomImages(shape);
        SimulatedWorkers w = new SimulatedWorkers(conf, workers, 1);
        ImageOracle oracle = new ImageOracle(w, data, Sampler.iid(workers, data.count(), 1), 16, false, 1, 0);
        NdWorkerMatrix x = w.parameters();
        String[] names = {"dsgd-atc", "gradient-tracking", "detag"};
        DecentralizedOptimizer[] opts = new DecentralizedOptimizer[names.length];
        for (int k = 0; k < names.length; k++) {
            opts[k] = OptimizerRegistry.builtIn().resolve(names[k], Map.of("lr", "0.01")).start(x, scheme, 1);
        }
        StepRunner runner = StepRunner.of(scheme, oracle);
        double[][] ms = new double[names.length][rounds];
        int t = 0;
        for (int r = -1; r < rounds; r++) { // one warm-up round
            for (int k = 0; k < names.length; k++) {
                long t0 = System.nanoTime();
                runner.run(opts[k], x, t, steps, StepRunner.NONE);
                double stepMs = (System.nanoTime() - t0) / 1e6 / steps;
                t += steps;
                if (r >= 0) {
                    ms[k][r] = stepMs;
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d x MLP 784-%d-10, ring, batch 16, %d rounds of %d steps%n", workers, hidden,
                rounds, steps);
        for (int k = 0; k < names.length; k++) {
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = ms[k][r] / ms[0][r];
            }
            double[] s = ratio.clone();
            Arrays.sort(s);
            System.out.printf(Locale.ROOT, "%-18s step %7.2f ms  / dsgd-atc: median %.2f (quartiles %.2f-%.2f, range %.2f-%.2f)%n",
                    names[k], median(ms[k]), median(ratio), s[rounds / 4], s[3 * rounds / 4], s[0], s[rounds - 1]);
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
