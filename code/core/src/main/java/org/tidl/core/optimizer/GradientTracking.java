package org.tidl.core.optimizer;

import java.util.List;
import org.tidl.api.DecentralizedOptimizer;
import org.tidl.api.GossipMatrix;
import org.tidl.api.OptimizerConfig;
import org.tidl.api.OptimizerProvider;
import org.tidl.api.Parameter;
import org.tidl.api.Parameters;
import org.tidl.api.PluginApi;
import org.tidl.api.RunContext;
import org.tidl.api.StateSize;
import org.tidl.api.StepContext;
import org.tidl.api.WorkerMatrix;

/**
 * Gradient tracking, DIGing (Nedić, Olshevsky, Shi 2017):
 * <pre>
 *   x ← W x − η y
 *   y ← W y + g(x_new) − g(x_old),      y₀ = g(x₀)
 * </pre>
 * The tracker y keeps the workers' average gradient (mean_i y_i = mean_i g_i at every step, for doubly
 * stochastic W), so with a constant learning rate it converges to the exact optimum of (1/n) Σ f_i where D-SGD
 * stalls at a topology-dependent distance (the paper's Eq. 23). Two gossips per step.
 */
public final class GradientTracking implements OptimizerProvider {

    @Override public String name() { return "gradient-tracking"; }

    @Override
    public String description() {
        return "gradient tracking (DIGing): x <- W x - lr * y, y <- W y + g(x_new) - g(x_old), y0 = g(x0); two gossips per step";
    }

    @Override public int apiVersion() { return PluginApi.VERSION; }

    @Override public List<Parameter> parameters() { return List.of(LocalSgd.LR, LocalSgd.WEIGHT_DECAY); }

    @Override
    public OptimizerConfig configure(Parameters p) {
        double lr = p.real("lr");
        double weightDecay = p.real("weight-decay");
        return new OptimizerConfig() {
            @Override
            public StateSize stateSize(int workers, long parameters) {
                return StateSize.matrices(4); // y, g, g_old, the gossip scratch
            }

            @Override
            public DecentralizedOptimizer start(RunContext run) {
                return new Run(lr, weightDecay, run);
            }
        };
    }

    /** One run: the tracker and the two gradients. */
    private static final class Run implements DecentralizedOptimizer {
        private final double lr;
        private final double weightDecay;
        private final WorkerMatrix y;
        private final WorkerMatrix tmp;
        private WorkerMatrix g;    // the oracle writes here; g and gOld swap roles every step
        private WorkerMatrix gOld;
        private boolean tracking;  // y₀ = g(x₀) is set (at the first step: it is an oracle call)

        Run(double lr, double weightDecay, RunContext run) {
            this.lr = lr;
            this.weightDecay = weightDecay;
            this.y = run.newMatrix();
            this.g = run.newMatrix();
            this.gOld = run.newMatrix();
            this.tmp = run.newMatrix();
        }

        @Override
        public void step(StepContext c, WorkerMatrix x) {
            if (!tracking) {
                LocalSgd.gradient(c.oracle(), x, g, c.losses(), weightDecay);
                y.assign(g);
                gOld.assign(g);
                tracking = true;
            }
            GossipMatrix w = c.scheme().matrix(c.step());
            // each update is one pass where the backend fuses it: W x − η y, then (W y + g) − g_old
            x.mixCombine(w, x, 1, tmp, new double[] {-lr * c.learningRateScale()}, y);
            LocalSgd.gradient(c.oracle(), x, g, c.losses(), weightDecay);
            y.mixCombine(w, y, 1, tmp, new double[] {1, -1}, g, gOld);
            WorkerMatrix t = gOld; // the new gradient becomes the old one: swap, no copy
            gOld = g;
            g = t;
        }
    }
}
