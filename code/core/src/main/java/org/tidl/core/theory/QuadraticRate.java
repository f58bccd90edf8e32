package org.tidl.core.theory;

import java.util.function.DoubleUnaryOperator;
import org.tidl.api.GossipMatrix;
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

    /**
     * The exact rate: with S_ij = E⟨x_i, x_j⟩, one step maps S to W(t)[(1−η)² S + (ζ−1)η² diag(S)]W(t)ᵀ
     * (digest B.3); r = 1 − ρ^{1/P} for ρ the top eigenvalue of that map composed over one period, found by
     * power iteration on the (positive) map. Cost per step O(non-zeros · n).
     */
    public static double precise(GossipScheme scheme, double zeta, double lr) {
        int n = scheme.size();
        int period = Math.max(scheme.period(), 1);
        double a = (1 - lr) * (1 - lr);
        double b = (zeta - 1) * lr * lr;
        double[] s = new double[n * n];
        for (int i = 0; i < n; i++) {
            s[i * n + i] = 1.0 / n;
        }
        double[] tmp = new double[n * n];
        double[] tr = new double[n * n];
        double rho = Double.NaN;
        double prev = Double.NaN;
        int stable = 0;
        for (int iter = 0; iter < 200_000; iter++) {
            for (int t = 0; t < period; t++) {
                GossipMatrix w = scheme.matrix(t);
                // tmp = (1−η)² S + (ζ−1)η² diag(S)
                for (int i = 0; i < s.length; i++) {
                    tmp[i] = a * s[i];
                }
                for (int i = 0; i < n; i++) {
                    tmp[i * n + i] += b * s[i * n + i];
                }
                // S = W tmp Wᵀ = W (W tmp)ᵀ, tmp symmetric
                w.apply(tmp, tr, n);
                transpose(tr, tmp, n);
                w.apply(tmp, s, n);
            }
            double trace = 0;
            for (int i = 0; i < n; i++) {
                trace += s[i * n + i];
            }
            if (!(trace > 0) || !Double.isFinite(trace)) {
                return Double.NaN;
            }
            rho = trace; // the previous iterate had trace 1
            for (int i = 0; i < s.length; i++) {
                s[i] /= trace;
            }
            if (Math.abs(rho - prev) <= 1e-13 * rho) {
                if (++stable >= 3) {
                    break;
                }
            } else {
                stable = 0;
            }
            prev = rho;
        }
        if (!(rho < 1) || !(rho > 0)) {
            return Double.NaN;
        }
        return 1 - Math.pow(rho, 1.0 / period);
    }

    private static void transpose(double[] src, double[] dst, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                dst[j * n + i] = src[i * n + j];
            }
        }
    }
}
