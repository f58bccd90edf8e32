package org.tidl.core.quadratic;

import java.util.SplittableRandom;
import org.tidl.api.ArrayWorkerMatrix;
import org.tidl.api.GossipScheme;
import org.tidl.api.Seeds;
import org.tidl.api.WorkerMatrix;
import org.tidl.core.OptimizerRegistry;
import org.tidl.core.run.StepRunner;

/**
 * One seeded run of a decentralized optimizer on the isotropic random quadratic. All workers start at the same
 * random unit vector x_0; the loss recorded at step t is mean_i ‖x_i(t)‖² / ‖x_0‖², the quantity Eqs. 2, 3
 * and 7 describe.
 *
 * @param loss           the loss at t = 0, 1, ... until the target was reached, the run diverged, or the step
 *                       budget ran out
 * @param stepsToTarget  the first t with loss below the target, or -1
 * @param diverged       loss above 1e6 (relative) or not finite
 */
public record QuadraticRun(double[] loss, int stepsToTarget, boolean diverged) {

    /** Relative loss above which a run counts as diverged. */
    public static final double DIVERGENCE = 1e6;

    /**
     * @param optimizer started here, for this run, with {@code seed} as the run's seed
     * @param target    stop when the loss falls below it (0: run all {@code steps})
     */
    public static QuadraticRun simulate(GossipScheme scheme, OptimizerRegistry.Optimizer optimizer, int dim, int batch,
                                        int steps, double target, long seed) {
        int n = scheme.size();
        ArrayWorkerMatrix x = new ArrayWorkerMatrix(n, dim);
        SplittableRandom init = Seeds.stream(seed, "quadratic/start", 0);
        double[] x0 = new double[dim];
        double norm = 0;
        for (int j = 0; j < dim; j++) {
            x0[j] = init.nextGaussian();
            norm += x0[j] * x0[j];
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dim; j++) {
                x.set(i, j, x0[j] / norm);
            }
        }
        IsotropicQuadraticOracle oracle = new IsotropicQuadraticOracle(n, dim, batch, seed);
        LossRecorder recorder = new LossRecorder(steps, target);
        StepRunner.Outcome outcome = StepRunner.of(scheme, oracle).run(optimizer.start(x, scheme, seed), x, steps, recorder);
        if (!outcome.stopped()) {
            return new QuadraticRun(recorder.loss, -1, false);
        }
        double[] loss = java.util.Arrays.copyOf(recorder.loss, (int) outcome.stepsDone() + 1);
        return recorder.diverged ? new QuadraticRun(loss, -1, true) : new QuadraticRun(loss, (int) outcome.stepsDone(), false);
    }

    /** Records mean_i ‖x_i‖² / ‖x_0‖² after every step; stops at divergence or at the target. */
    private static final class LossRecorder implements StepRunner.Observer {
        final double[] loss;
        final double target;
        boolean diverged;

        LossRecorder(int steps, double target) {
            this.loss = new double[steps + 1];
            this.loss[0] = 1; // ‖x_0‖ = 1
            this.target = target;
        }

        @Override
        public boolean afterStep(long t, WorkerMatrix x, double[] losses) {
            double sum = 0;
            for (double v : x.rowSquaredNorms()) {
                sum += v;
            }
            double l = sum / x.rows();
            loss[(int) t + 1] = l;
            if (!Double.isFinite(l) || l > DIVERGENCE) {
                diverged = true;
                return false;
            }
            return !(l < target);
        }
    }
}
