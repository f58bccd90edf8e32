package org.tidl.core.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tidl.api.ArrayWorkerMatrix;
import org.tidl.api.GossipMatrix;
import org.tidl.api.GossipScheme;
import org.tidl.core.InvalidInputException;
import org.tidl.core.OptimizerRegistry;
import org.tidl.core.TopologyRegistry;
import org.tidl.core.io.Csv;
import org.tidl.core.quadratic.IsotropicQuadraticOracle;
import org.tidl.core.run.StepRunner;

/**
 * Speed of the quadratic simulator, single thread: whole D-SGD (ATC) steps on the isotropic quadratic, split
 * into the oracle and the gossip, on a ring, a time-varying exponential graph and the fully-connected graph;
 * then the gossip alone on the same 1024-worker ring stored sparse and dense, which shows that its cost follows
 * the non-zeros.
 */
public final class SimulatorBenchmark {

    /** Workers of the sparse-versus-dense gossip comparison. */
    static final int DENSE_WORKERS = 1024;

    /** The topologies whose full steps are timed. */
    static final List<String> TOPOLOGIES = List.of("ring", "time-varying-exponential", "fully-connected");

    /**
     * One timing: {@code steps} repetitions of {@code what} took {@code seconds}; {@code bytesPerStep} is the
     * memory one repetition touches (an estimate: the passes over the n × d block).
     */
    public record Measurement(String what, String topology, int workers, int dim, long nonZeros, int steps,
                              double seconds, double bytesPerStep) {

        public double workerStepsPerSecond() {
            return (double) workers * steps / seconds;
        }

        public double nsPerWorkerStep() {
            return 1e9 / workerStepsPerSecond();
        }

        public double gbPerSecondTouched() {
            return bytesPerStep * steps / seconds / 1e9;
        }
    }

    /** Every measurement, in the order taken. */
    public record Result(List<Measurement> measurements) {

        /** The measurements as a CSV table (one row each). */
        public Csv table() {
            Csv csv = new Csv("measurement", "topology", "workers", "dim", "non_zeros", "steps", "seconds",
                    "worker_steps_per_second", "ns_per_worker_step", "gb_per_second_touched");
            for (Measurement m : measurements) {
                csv.add(m.what(), m.topology(), m.workers(), m.dim(), m.nonZeros(), m.steps(), m.seconds(),
                        m.workerStepsPerSecond(), m.nsPerWorkerStep(), m.gbPerSecondTouched());
            }
            return csv;
        }
    }

    private SimulatorBenchmark() {
    }

    /**
     * Measures n workers in dimension d, {@code steps} steps per timing (a quarter as many to warm up first),
     * with the given registries' ring, time-varying exponential and fully-connected topologies and D-SGD (ATC).
     */
    public static Result run(int n, int d, int steps, TopologyRegistry topologies, OptimizerRegistry optimizers) {
        if ((long) n * d > Integer.MAX_VALUE - 8) { // the simulator keeps the n × d block in one array
            throw InvalidInputException.mentioning("{workers} × {dim} must be at most " + (Integer.MAX_VALUE - 8)
                    + ", got " + n + " × " + d, "workers", "dim");
        }
        List<Measurement> out = new ArrayList<>();
        for (String spec : TOPOLOGIES) {
            GossipScheme scheme = topologies.build(spec, n).scheme();
            OptimizerRegistry.Optimizer o = optimizers.resolve("dsgd-atc", Map.of("lr", "0.001"));
            ArrayWorkerMatrix x = new ArrayWorkerMatrix(n, d);
            var opt = o.start(x, scheme, 1);
            java.util.Arrays.fill(x.data(), 1.0 / Math.sqrt(d));
            IsotropicQuadraticOracle oracle = new IsotropicQuadraticOracle(n, d, 1, 1);
            StepRunner runner = StepRunner.of(scheme, oracle);
            runner.run(opt, x, steps / 4, StepRunner.NONE); // warm-up
            long t0 = System.nanoTime();
            runner.run(opt, x, steps, StepRunner.NONE);
            double full = (System.nanoTime() - t0) / 1e9;
            // oracle alone
            ArrayWorkerMatrix g = x.zerosLike();
            double[] losses = new double[n];
            t0 = System.nanoTime();
            for (int t = 0; t < steps; t++) {
                oracle.gradients(x, g, losses);
            }
            double oracleOnly = (System.nanoTime() - t0) / 1e9;
            // gossip alone
            ArrayWorkerMatrix y = x.zerosLike();
            long nnz = scheme.matrix(0).nonZeros();
            t0 = System.nanoTime();
            for (int t = 0; t < steps; t++) {
                x.mix(scheme.matrix(t), y);
            }
            double gossip = (System.nanoTime() - t0) / 1e9;
            // one step touches x (read+write several times), g, and the gossip buffer: ~8 passes of n*d doubles
            out.add(new Measurement("dsgd-atc step", spec, n, d, nnz, steps, full, 8.0 * 8 * n * d));
            out.add(new Measurement("oracle only", spec, n, d, nnz, steps, oracleOnly, 8.0 * 3 * n * d));
            out.add(new Measurement("gossip only", spec, n, d, nnz, steps, gossip, 8.0 * (nnz + n) * d));
        }
        // gossip cost follows the non-zeros: the same ring as a sparse and as a dense (n x n stored) matrix
        GossipMatrix sparse = topologies.build("ring", DENSE_WORKERS).scheme().matrix(0);
        GossipMatrix dense = denseCopy(sparse);
        for (GossipMatrix w : new GossipMatrix[] {sparse, dense}) {
            ArrayWorkerMatrix x = new ArrayWorkerMatrix(DENSE_WORKERS, d);
            ArrayWorkerMatrix y = x.zerosLike();
            int reps = w == sparse ? 2000 : 20;
            long t0 = System.nanoTime();
            for (int t = 0; t < reps; t++) {
                x.mix(w, y);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            out.add(new Measurement(w == sparse ? "gossip only, sparse ring" : "gossip only, ring stored dense", "ring",
                    DENSE_WORKERS, d, w.nonZeros(), reps, s, 8.0 * (w.nonZeros() + DENSE_WORKERS) * d));
        }
        return new Result(List.copyOf(out));
    }

    /** The same matrix with every entry stored (zeros included), so gossip costs n² · d. */
    static GossipMatrix denseCopy(GossipMatrix w) {
        int n = w.size();
        GossipMatrix.Builder b = GossipMatrix.builder(n);
        double[][] m = w.toDense();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                b.set(i, j, m[i][j] == 0 ? Double.MIN_VALUE : m[i][j]);
            }
        }
        return b.build();
    }
}
