package org.tidl.core.theory;

import java.util.function.DoubleUnaryOperator;
import org.tidl.api.GossipScheme;

/**
 * Convergence rate r (E‖x‖² shrinks by 1−r per step) of D-SGD, local step then gossip (the order of the
 * paper's code), on the isotropic quadratic with noise ζ and learning rate η. Empty (NaN) when D-SGD diverges.
 */
public final class QuadraticRate {

    private QuadraticRate() {
    }

    /**
     * Paper Eq. 7 solved by fixed-point iteration exactly as the authors' {@code random_quadratic_rate}: start r = 0,
     * γ = (1−η)²/(1−r), r ← 1 − (1−η)² − (ζ−1)η²/n_W(γ) with n_W in mode worst, stop when |Δr| < 1e-8
     * (at most 100 rounds); NaN when D-SGD does not converge (r ≤ 0).
     *
     * <p>Why the answer says "diverges" exactly when D-SGD does: with a = (1−η)², c = (ζ−1)η² and
     * f(r) = 1 − a − c/n_W(a/(1−r)), f is increasing in r (n_W grows with γ) and f(r) &lt; 1 − a, so the iteration
     * from r = 0 climbs monotonically to the unique root when f(0) &gt; 0, and falls below 0 when f(0) ≤ 0 (then
     * the root, and the rate, is ≤ 0). When a ≥ 1 (η ≥ 2) γ would start at ≥ 1, outside n_W's domain; there the
     * consensus mean alone grows by (1−η)² ≥ 1 per step, so no rate exists. The authors' loop stops at γ ≥ 1 and
     * reports r = 0; we report divergence.
     *
     * @param neighbors n_W(γ) (worst mode for finite graphs)
     */
    public static double fixedPoint(DoubleUnaryOperator neighbors, double zeta, double lr) {
        double a = (1 - lr) * (1 - lr);
        if (!(a < 1)) {
            return Double.NaN; // E[mean x] shrinks by (1−η)² ≥ 1: no convergence whatever the topology
        }
        double r = 0;
        for (int iter = 0; iter < 100; iter++) {
            double gamma = a / (1 - r);
            if (gamma > 1 || Math.abs(gamma - 1) < 1e-16) {
                break;
            }
            double nw = neighbors.applyAsDouble(gamma);
            double next = 1 - a - (zeta - 1) * lr * lr / nw;
            double delta = Math.abs(next - r);
            r = next;
            if (delta < 1e-8) {
                break;
            }
            if (r >= 1 || Double.isNaN(r)) {
                break;
            }
        }
        return r > 1 || !(r > 0) ? Double.NaN : r; // r = 1: η = 1 and ζ = 1, exact in one step
    }

    /** {@link #fixedPoint} for a finite scheme, with n_W in mode worst. */
    public static double fixedPoint(GossipScheme scheme, double zeta, double lr) {
        EffectiveNeighbors nw = EffectiveNeighbors.of(scheme);
        return fixedPoint(g -> nw.at(g, NeighborsMode.WORST), zeta, lr);
    }

    /** The exact ("precise") rate of adapt-then-combine D-SGD: {@link SecondMoments#rate}. */
    public static double precise(GossipScheme scheme, double zeta, double lr) {
        return SecondMoments.rate(scheme, zeta, lr, SecondMoments.Order.ADAPT_THEN_COMBINE);
    }
}
