package org.example.tidl;

import java.util.List;
import java.util.Locale;
import org.tidl.api.DecentralizedOptimizer;
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
 * Example optimizer plugin: CHOCO-SGD, decentralized SGD whose workers gossip compressed messages (Koloskova,
 * Stich, Jaggi, "Decentralized stochastic optimization and gossip algorithms with compressed communication", ICML
 * 2019, Algorithm 2). Every worker i keeps its iterate x_i and a public copy x̂_i that all its neighbours hold too;
 * only the compressed correction q_i travels:
 * <pre>
 *   x_i ← x_i − η g_i(x_i)                       (local SGD step: x^{t+½})
 *   q_i = Q(x_i − x̂_i)                           (compress what the neighbours do not know yet)
 *   x̂_j ← x̂_j + q_j   for every worker j        (each copy of x̂_j receives the same q_j)
 *   x_i ← x_i + γ Σ_j w_ij (x̂_j − x̂_i)          (consensus step on the public copies, γ the consensus step size)
 * </pre>
 * with x̂ = 0 at the start. Σ_j w_ij (x̂_j − x̂_i) = (W x̂)_i − x̂_i because the rows of W sum to 1. Compressors:
 * {@code top-k} keeps the k entries of largest magnitude of each worker's vector (k given, or ⌈ratio · P⌉);
 * {@code sign} sends (‖v‖₁ / P) · sign(v), one bit per entry and one scale (the scaled sign of Karimireddy et al.
 * 2019, which the CHOCO-SGD deep-learning experiments use). Without compression (top-k with ratio 1) and γ = 1,
 * x̂ = x^{t+½} after each step and the update is x ← W(x − η g): adapt-then-combine D-SGD.
 *
 * <p>Written against the plugin API alone: whole-block {@link WorkerMatrix} operations only, so the same object runs
 * on the quadratic simulator's doubles and on the deep-learning engine's ND4J matrix. State: x̂ and one scratch
 * matrix (the gradient, then the compressed difference, then W x̂): two n × P matrices.
 */
public final class ChocoSgd implements OptimizerProvider {

    @Override public int apiVersion() { return PluginApi.VERSION; }

    @Override public String name() { return "choco-sgd"; }

    @Override
    public String description() {
        return "example plugin: CHOCO-SGD (Koloskova et al. 2019), gossip of top-k or scaled-sign compressed differences";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.real("lr", 0.1, 0, Double.MAX_VALUE, false, "learning rate eta"),
                Parameter.real("gamma", 0.1, 0, 1, false, "consensus step size gamma"),
                Parameter.text("compressor", "top-k", "top-k (keep the k largest |entries| per worker) or sign "
                        + "(scaled sign: ||v||_1/P * sign(v))"),
                Parameter.real("ratio", 0.01, 0, 1, false, "top-k: share of the P entries kept, k = ceil(ratio * P) (at least 1)"),
                Parameter.integer("k", 0, 0, Integer.MAX_VALUE, "top-k: entries kept per worker; 0: from ratio"));
    }

    @Override
    public OptimizerConfig configure(Parameters p) {
        double lr = p.real("lr");
        double gamma = p.real("gamma");
        String compressor = p.text("compressor").toLowerCase(Locale.ROOT);
        double ratio = p.real("ratio");
        int k = p.integer("k");
        if (!compressor.equals("top-k") && !compressor.equals("sign")) {
            throw new IllegalArgumentException("compressor must be top-k or sign, got '" + p.text("compressor") + "'");
        }
        if (compressor.equals("top-k") && k == 0 && ratio == 0) {
            throw new IllegalArgumentException("top-k needs ratio > 0 or k >= 1");
        }
        boolean sign = compressor.equals("sign");
        return new OptimizerConfig() {
            @Override
            public StateSize stateSize(int workers, long parameters) {
                return StateSize.matrices(2); // x̂, and the scratch matrix
            }

            @Override
            public DecentralizedOptimizer start(RunContext run) {
                long columns = run.parameters();
                int kept = (int) Math.min(Integer.MAX_VALUE, k > 0 ? Math.min(k, columns)
                        : Math.max(1, (long) Math.ceil(ratio * columns)));
                return new Run(lr, gamma, sign, kept, run.newMatrix(), run.newMatrix());
            }
        };
    }

    /** One run: the public copies x̂ and the scratch matrix. */
    private record Run(double lr, double gamma, boolean sign, int kept, WorkerMatrix hat, WorkerMatrix scratch)
            implements DecentralizedOptimizer {

        @Override
        public void step(StepContext c, WorkerMatrix x) {
            c.oracle().gradients(x, scratch, c.losses());
            x.addScaled(-lr * c.learningRateScale(), scratch); // x^{t+½}
            scratch.assign(x);
            scratch.addScaled(-1, hat); // x^{t+½} − x̂
            compress(scratch);          // q = Q(x^{t+½} − x̂)
            hat.addScaled(1, scratch);  // x̂ ← x̂ + q
            hat.mix(c.scheme().matrix(c.step()), scratch); // W x̂
            x.addScaled(gamma, scratch, -gamma, hat); // x ← x + γ (W x̂ − x̂)
        }

        private void compress(WorkerMatrix v) {
            if (!sign) {
                v.keepLargest(kept);
                return;
            }
            double[] scale = v.rowAbsoluteSums();
            for (int i = 0; i < scale.length; i++) {
                scale[i] /= v.columns();
            }
            v.sign();
            v.scaleRows(scale);
        }
    }
}
