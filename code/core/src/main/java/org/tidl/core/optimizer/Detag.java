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
import org.tidl.api.SchemeInfo;
import org.tidl.api.StateSize;
import org.tidl.api.StepContext;
import org.tidl.api.WorkerMatrix;

/**
 * DeTAG (Lu &amp; De Sa, ICML 2021), by phases of R iterations (docs/optimizers.md; the authors' "pcode" form).
 * One call of {@link DecentralizedOptimizer#step} is
 * one iteration: one minibatch gradient per worker, accumulated at the phase's fixed x, and one accelerated
 * gossip round on the copies Z_x and Z_y. At the end of the phase:
 * <pre>
 *   X ← AG_R(X) − α·AG_R(Y)          Y ← AG_R(Y) + G̃_k − G̃_{k−1}
 *   AG: Z⁽ʳ⁺¹⁾ = (1+η) W Z⁽ʳ⁾ − η Z⁽ʳ⁻¹⁾,  Z⁽⁻¹⁾ = Z⁽⁰⁾,  η = (1 − √(1−λ²)) / (1 + √(1−λ²)), λ = 1 − spectral gap
 * </pre>
 * λ comes from the run's {@link SchemeInfo} (the harness's eigenvalue code), not from theory code of its own.
 * Initialisation Y₀ = 0, G̃₋₁ = 0 (the notebook's; the pcode's Y₀ = first gradient leaves a permanent offset in
 * mean(Y)), so phase 0 only gossips. G̃ is the sum of the phase's R minibatch gradients divided by
 * {@code accumulation} = B (default B = R: their mean; B ≠ R rescales the gradient, as the third-party code).
 */
public final class Detag implements OptimizerProvider {

    static final Parameter ROUNDS = Parameter.integer("rounds", 0, 0, 1_000_000,
            "R, accelerated-gossip rounds (= iterations) per phase; 0: the heuristic max(1, floor(0.5 ln n / sqrt(1 - lambda)))");
    static final Parameter ACCUMULATION = Parameter.integer("accumulation", 0, 0, 1_000_000,
            "B, the divisor of the phase's gradient buffer; 0: B = R (the buffer is the mean of the phase's R minibatch gradients)");
    static final Parameter ETA = Parameter.real("gossip-eta", -1.0, -1, 1, true,
            "accelerated-gossip momentum eta; -1: from lambda = 1 - spectral gap of W (0 gives plain gossip)");

    @Override public int apiVersion() { return PluginApi.VERSION; }

    @Override public String name() { return "detag"; }

    @Override
    public String description() {
        return "DeTAG: phases of R accelerated-gossip rounds, gradient tracking, gradients accumulated over the phase";
    }

    @Override public List<Parameter> parameters() { return List.of(LocalSgd.LR, ROUNDS, ACCUMULATION, ETA, LocalSgd.WEIGHT_DECAY); }

    /** η of the accelerated gossip for second-largest eigenvalue modulus λ. */
    public static double eta(double lambda) {
        double s = Math.sqrt(1 - lambda * lambda);
        return (1 - s) / (1 + s);
    }

    /** The heuristic R = max(1, ⌊0.5 ln n / √(1 − λ)⌋) of the third-party implementation. */
    public static int rounds(int n, double lambda) {
        return Math.max(1, (int) (0.5 * Math.log(n) / Math.sqrt(1 - lambda)));
    }

    @Override
    public OptimizerConfig configure(Parameters p) {
        double lr = p.real("lr");
        double weightDecay = p.real("weight-decay");
        int roundsGiven = p.integer("rounds");
        int accumulationGiven = p.integer("accumulation");
        double etaGiven = p.real("gossip-eta");
        if (etaGiven < 0 && etaGiven != -1) {
            throw new IllegalArgumentException("gossip-eta must be -1 (from the spectral gap) or in [0, 1), got " + etaGiven);
        }
        return new OptimizerConfig() {
            @Override
            public StateSize stateSize(int workers, long parameters) {
                return StateSize.matrices(MATRICES);
            }

            @Override
            public DecentralizedOptimizer start(RunContext run) {
                SchemeInfo s = run.scheme();
                double lambda;
                if (etaGiven >= 0 && roundsGiven > 0) {
                    lambda = Double.NaN;
                } else if (s.period() != 1) {
                    throw new IllegalArgumentException("the accelerated gossip is tuned to a static W; for a time-varying "
                            + "topology give rounds=R and gossip-eta=E (0: plain gossip)");
                } else {
                    lambda = 1 - s.spectralGap();
                }
                int rounds = roundsGiven > 0 ? roundsGiven : rounds(s.size(), lambda);
                return new Run(lr, weightDecay, rounds, accumulationGiven > 0 ? accumulationGiven : rounds,
                        etaGiven >= 0 ? etaGiven : eta(lambda), run);
            }
        };
    }

    /** The n × P matrices of a run: Y, the two pairs of accelerated-gossip copies, two gradient buffers, g, scratch. */
    static final int MATRICES = 9;

    /** One run of DeTAG. */
    private static final class Run implements DecentralizedOptimizer {
        private final double lr;
        private final double weightDecay;
        private final int rounds;
        private final int accumulation;
        private final double eta;
        private final WorkerMatrix y;
        private final WorkerMatrix g;
        private final WorkerMatrix tmp; // working space of backends that do not fuse the gossip with its update
        private WorkerMatrix zx, zxPrev, zy, zyPrev, acc, accPrev;
        private int r; // iteration within the phase, 0 … R−1

        Run(double lr, double weightDecay, int rounds, int accumulation, double eta, RunContext run) {
            this.lr = lr;
            this.weightDecay = weightDecay;
            this.rounds = rounds;
            this.accumulation = accumulation;
            this.eta = eta;
            y = run.newMatrix();
            zx = run.newMatrix();
            zxPrev = run.newMatrix();
            zy = run.newMatrix();
            zyPrev = run.newMatrix();
            acc = run.newMatrix();
            accPrev = run.newMatrix();
            g = run.newMatrix();
            tmp = run.newMatrix();
        }

        @Override
        public void step(StepContext c, WorkerMatrix x) {
            if (r == 0) { // phase start: Z⁽⁻¹⁾ = Z⁽⁰⁾
                zx.assign(x);
                zxPrev.assign(x);
                zy.assign(y);
                zyPrev.assign(y);
                acc.setZero();
            }
            if (weightDecay == 0) { // at the phase's fixed x, added into G̃ (by the oracle itself where it can)
                c.oracle().addGradients(x, 1.0 / accumulation, acc, g, c.losses());
            } else {
                LocalSgd.gradient(c.oracle(), x, g, c.losses(), weightDecay);
                acc.addScaled(1.0 / accumulation, g);
            }
            GossipMatrix w = c.scheme().matrix(c.step());
            accelerated(w, eta, true);
            accelerated(w, eta, false);
            if (++r == rounds) {
                r = 0;
                x.combine(new double[] {1, -lr * c.learningRateScale()}, zx, zy); // X ← AG_R(X) − α AG_R(Y)
                y.combine(new double[] {1, 1, -1}, zy, acc, accPrev); // Y ← AG_R(Y) + G̃_k − G̃_{k−1}
                WorkerMatrix t = accPrev;
                accPrev = acc;
                acc = t;
            }
        }

        /**
         * One round Z ← (1+η) W Z − η Z_prev on the x copies or the y copies, written over Z_prev (which is read
         * only there): the roles swap, nothing is copied, and a fusing backend reads Z and Z_prev and writes Z_prev
         * once. η = 0 is plain gossip, W Z.
         */
        private void accelerated(GossipMatrix w, double e, boolean onX) {
            WorkerMatrix z = onX ? zx : zy;
            WorkerMatrix prev = onX ? zxPrev : zyPrev;
            if (e != 0) {
                prev.mixCombine(w, z, 1 + e, tmp, new double[] {-e}, prev);
            } else {
                prev.mixCombine(w, z, 1, tmp, new double[0]);
            }
            if (onX) {
                zxPrev = z;
                zx = prev;
            } else {
                zyPrev = z;
                zy = prev;
            }
        }
    }
}
