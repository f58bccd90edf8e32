package org.tidl.core.theory;

import java.util.function.DoubleUnaryOperator;
import org.tidl.api.GossipScheme;

/**
 * Convergence rate r (E‖x‖² shrinks by 1−r per step) of D-SGD, local step then gossip (REF order, digest
 * B.1), on the isotropic quadratic with noise ζ and learning rate η. Empty (NaN) when D-SGD diverges.
 */
public final class QuadraticRate {

    private QuadraticRate() {
    }

    /**
     * Paper Eq. 7 solved by fixed-point iteration exactly as REF {@code random_quadratic_rate}: start r = 0,
     * γ = (1−η)²/(1−r), r ← 1 − (1−η)² − (ζ−1)η²/n_W(γ) with n_W in mode worst, stop when |Δr| < 1e-8
     * (at most 100 rounds, and early when γ ≥ 1); NaN when r ∉ [0, 1).
     *
     * @param neighbors n_W(γ) (worst mode for finite graphs)
     */
    public static double fixedPoint(DoubleUnaryOperator neighbors, double zeta, double lr) {
        double a = (1 - lr) * (1 - lr);
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
        return r >= 1 || r < 0 || Double.isNaN(r) ? Double.NaN : r;
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
