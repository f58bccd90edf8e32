package org.tidl.cli;

import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.tidl.api.ArrayWorkerMatrix;
import org.tidl.api.DecentralizedOptimizer;
import org.tidl.api.GossipMatrix;
import org.tidl.api.GossipScheme;
import org.tidl.api.StepContext;
import org.tidl.core.InvalidInputException;
import org.tidl.core.OptimizerRegistry;
import org.tidl.core.io.Csv;
import org.tidl.core.quadratic.IsotropicQuadraticOracle;

/**
 * {@code ./tidl bench}: speed of the quadratic simulator (worker-steps per second, split into oracle and
 * gossip) and of the gossip step alone on sparse and dense matrices, single thread.
 */
final class BenchCommand implements Command {
    @Override public String name() { return "bench"; }
    @Override public String summary() { return "simulator speed: worker-steps/s, oracle vs gossip, sparse vs dense gossip"; }
    @Override public String usage() { return "[--workers N] [--dim D] [--steps T]"; }

    @Override
    public Options options() {
        return new Options()
                .addOption(Args.opt("workers", "N", "workers (default 32)"))
                .addOption(Args.opt("dim", "D", "dimension (default 100)"))
                .addOption(Args.opt("steps", "T", "steps per measurement (default 20000)"));
    }

    @Override
    public int run(CommandLine cl, Context ctx) {
        int n = cl.hasOption("workers") ? Args.workers(cl, false) : 32;
        int d = Args.positiveInt(cl, "dim", 100);
        int steps = Args.positiveInt(cl, "steps", 20_000);
        if ((long) n * d > Integer.MAX_VALUE - 8) { // the simulator keeps the n × d block in one array
            throw new InvalidInputException("--workers × --dim must be at most " + (Integer.MAX_VALUE - 8) + ", got "
                    + n + " × " + d);
        }
        Csv csv = new Csv("measurement", "topology", "workers", "dim", "non_zeros", "steps", "seconds",
                "worker_steps_per_second", "ns_per_worker_step", "gb_per_second_touched");
        for (String spec : new String[] {"ring", "time-varying-exponential", "fully-connected"}) {
            GossipScheme scheme = ctx.topologies().build(spec, n).scheme();
            OptimizerRegistry.Optimizer o = ctx.optimizers().resolve("dsgd-atc", Map.of("lr", "0.001"));
            ArrayWorkerMatrix x = new ArrayWorkerMatrix(n, d);
            DecentralizedOptimizer opt = o.start(x, scheme, 1);
            java.util.Arrays.fill(x.data(), 1.0 / Math.sqrt(d));
            IsotropicQuadraticOracle oracle = new IsotropicQuadraticOracle(n, d, 1, 1);
            double[] losses = new double[n];
            for (int t = 0; t < steps / 4; t++) { // warm-up
                opt.step(new StepContext(t, 1, scheme, oracle, losses), x);
            }
            long t0 = System.nanoTime();
            for (int t = 0; t < steps; t++) {
                opt.step(new StepContext(t, 1, scheme, oracle, losses), x);
            }
            double full = (System.nanoTime() - t0) / 1e9;
            // oracle alone
            ArrayWorkerMatrix g = x.zerosLike();
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
            double bytes = 8.0 * 8 * n * d;
            add(csv, "dsgd-atc step", spec, n, d, nnz, steps, full, bytes);
            add(csv, "oracle only", spec, n, d, nnz, steps, oracleOnly, 8.0 * 3 * n * d);
            add(csv, "gossip only", spec, n, d, nnz, steps, gossip, 8.0 * (nnz + n) * d);
        }
        // gossip cost follows the non-zeros: the same ring as a sparse and as a dense (n x n stored) matrix
        int big = 1024;
        GossipMatrix sparse = ctx.topologies().build("ring", big).scheme().matrix(0);
        GossipMatrix dense = denseCopy(sparse);
        for (GossipMatrix w : new GossipMatrix[] {sparse, dense}) {
            ArrayWorkerMatrix x = new ArrayWorkerMatrix(big, d);
            ArrayWorkerMatrix y = x.zerosLike();
            int reps = w == sparse ? 2000 : 20;
            long t0 = System.nanoTime();
            for (int t = 0; t < reps; t++) {
                x.mix(w, y);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            add(csv, w == sparse ? "gossip only, sparse ring" : "gossip only, ring stored dense", "ring", big, d,
                    w.nonZeros(), reps, s, 8.0 * (w.nonZeros() + big) * d);
        }
        ctx.out.print(csv.render());
        return 0;
    }

    private static void add(Csv csv, String what, String spec, int n, int d, long nnz, int steps, double seconds,
                            double bytesPerStep) {
        double ws = (double) n * steps / seconds;
        csv.add(what, spec, n, d, nnz, steps, seconds, ws, 1e9 / ws, bytesPerStep * steps / seconds / 1e9);
    }

    /** The same matrix with every entry stored (zeros included), so gossip costs n² · d. */
    private static GossipMatrix denseCopy(GossipMatrix w) {
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
