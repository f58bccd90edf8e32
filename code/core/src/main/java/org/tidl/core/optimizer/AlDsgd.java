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
 * AL-DSGD (He, Wang, Choromanska 2024) as the authors' code does it:
 * local step x^{½} = x − η d(x); gossip z = W(t) x^{½}; then, every {@code every}-th step, each worker with at
 * least one active neighbour is pulled toward its best neighbour b (lowest minibatch loss at the pre-step model,
 * itself included) and its highest-degree neighbour m (active degree in W(t)):
 * <pre>
 *   u = (1 − c1 − c2) z_i + c1 x^{½}_b + c2 x^{½}_m
 *   x_i ← u − p1 (u − x^{½}_b) − p2 (u − x^{½}_m)
 *       = (1−p1−p2)(1−c1−c2) z_i + [(1−p1−p2)c1 + p1] x^{½}_b + [(1−p1−p2)c2 + p2] x^{½}_m
 * </pre>
 * With the README values c1 = 0.3, c2 = 0.1, p1 = p2 = 0.2: 0.36 / 0.38 / 0.26. c1, p1 go with the best
 * performer and c2, p2 with the highest degree, as the code does (its help strings say the opposite). Ties go
 * to the worker itself, then to neighbours in increasing index (the code: matching order). The leader step is
 * only row-stochastic: the average over workers is not preserved. Run it on {@code matcha:…} for AL-DSGD on
 * MATCHA, on a static graph for AL-DSGD on D-PSGD.
 */
public final class AlDsgd implements OptimizerProvider {

    @Override public int apiVersion() { return PluginApi.VERSION; }

    @Override public String name() { return "al-dsgd"; }

    @Override
    public String description() {
        return "AL-DSGD: local step, gossip, then a pull toward the best-loss and the highest-degree neighbor";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(LocalSgd.LR, LocalSgd.MOMENTUM, LocalSgd.WEIGHT_DECAY,
                Parameter.real("c1", 0.3, 0, 1, false, "interpolation weight toward the best-loss neighbor"),
                Parameter.real("c2", 0.1, 0, 1, false, "interpolation weight toward the highest-degree neighbor"),
                Parameter.real("p1", 0.2, 0, 1, false, "pull toward the best-loss neighbor"),
                Parameter.real("p2", 0.2, 0, 1, false, "pull toward the highest-degree neighbor"),
                Parameter.integer("every", 1, 1, 1_000_000, "leader step every I steps (the authors' --iteration)"));
    }

    /** The collapsed coefficients on z_i, x_b and x_m. */
    public static double[] coefficients(double c1, double c2, double p1, double p2) {
        double keep = 1 - p1 - p2;
        return new double[] {keep * (1 - c1 - c2), keep * c1 + p1, keep * c2 + p2};
    }

    @Override
    public OptimizerConfig configure(Parameters p) {
        LocalSgd.Settings settings = LocalSgd.Settings.of(p);
        double c1 = p.real("c1"), c2 = p.real("c2"), p1 = p.real("p1"), p2 = p.real("p2");
        if (c1 + c2 > 1 || p1 + p2 > 1) {
            throw new IllegalArgumentException("needs c1 + c2 <= 1 and p1 + p2 <= 1");
        }
        double[] k = coefficients(c1, c2, p1, p2);
        int every = p.integer("every");
        return new OptimizerConfig() {
            @Override
            public StateSize stateSize(int workers, long parameters) {
                return StateSize.matrices(settings.matrices(false) + 1); // SGD's, and z = W x^{½}
            }

            @Override
            public DecentralizedOptimizer start(RunContext run) {
                return new Run(settings.start(run, false), run.newMatrix(), k, every);
            }
        };
    }

    /** One run: SGD's state and the gossip target z. */
    private record Run(LocalSgd sgd, WorkerMatrix z, double[] k, int every) implements DecentralizedOptimizer {

        @Override
        public void step(StepContext c, WorkerMatrix x) {
            WorkerMatrix d = sgd.direction(c, x); // the oracle also fills the losses at the pre-step model
            double[] loss = c.losses().clone();
            x.addScaled(-sgd.stepSize(c), d);
            GossipMatrix w = c.scheme().matrix(c.step());
            x.mix(w, z);
            if (c.step() % every != 0) {
                x.assign(z);
                return;
            }
            int n = x.rows(); // x holds x^{½} until the end of the step
            int[] degree = new int[n];
            for (int i = 0; i < n; i++) {
                int row = i;
                w.forEachInRow(i, (j, v) -> {
                    if (j != row && v != 0) {
                        degree[row]++;
                    }
                });
            }
            double[] scale = new double[n];
            int[] best = new int[n];
            int[] hub = new int[n];
            for (int i = 0; i < n; i++) {
                scale[i] = degree[i] == 0 ? 1 : k[0];
                int row = i;
                int[] b = {i};
                int[] m = {i};
                w.forEachInRow(i, (j, v) -> { // CSR rows are in column order: ties go to the lower index
                    if (j != row && v != 0) {
                        if (loss[j] < loss[b[0]]) {
                            b[0] = j;
                        }
                        if (degree[j] > degree[m[0]]) {
                            m[0] = j;
                        }
                    }
                });
                best[i] = b[0];
                hub[i] = m[0];
            }
            z.scaleRows(scale);
            for (int i = 0; i < n; i++) {
                if (degree[i] > 0) {
                    z.addScaledRow(i, k[1], x, best[i]);
                    z.addScaledRow(i, k[2], x, hub[i]);
                }
            }
            x.assign(z);
        }
    }
}
