package org.tidl.core.theory;

import org.tidl.api.GossipMatrix;
import org.tidl.api.GossipScheme;

/**
 * Exact second moments of D-SGD on the isotropic quadratic (digest B.3). With S_ij = E⟨x_i, x_j⟩ and the
 * oracle g_i = H_i x_i (E H = I, E‖H x‖² = ζ‖x‖², independent across workers and steps), one step maps
 * <ul>
 *   <li>adapt-then-combine, x ← W(x − ηg):  S ← W[(1−η)² S + (ζ−1)η² diag S]Wᵀ;</li>
 *   <li>Eq. 19, x ← Wx − ηg:                S ← (W−ηI) S (W−ηI)ᵀ + (ζ−1)η² diag S.</li>
 * </ul>
 * The map is linear and positive, so E‖x‖² decays at the rate of its top eigenvalue ("precise" rate), and the
 * whole expected loss curve follows by iterating it. Cost per step O(non-zeros(W) · n).
 */
public final class SecondMoments {

    /** Which D-SGD. */
    public enum Order {
        /** x ← W(x − ηg): the paper's code and Eq. 7 ({@code dsgd-atc}). */
        ADAPT_THEN_COMBINE,
        /** x ← Wx − ηg: the paper's Eq. 19 ({@code dsgd}). */
        PARALLEL
    }

    private final GossipScheme scheme;
    private final int n;
    private final double lr;
    private final double noise;
    private final Order order;
    private final double[] tmp;
    private final double[] tr;
    private final double[] diag;

    private SecondMoments(GossipScheme scheme, double zeta, double lr, Order order) {
        this.scheme = scheme;
        this.n = scheme.size();
        this.lr = lr;
        this.noise = (zeta - 1) * lr * lr;
        this.order = order;
        this.tmp = new double[n * n];
        this.tr = new double[n * n];
        this.diag = new double[n];
    }

    /**
     * E[mean_i ‖x_i(t)‖²] / ‖x_0‖² for t = 0..steps when every worker starts at the same x_0 (S(0) = 11ᵀ).
     */
    public static double[] expectedLoss(GossipScheme scheme, double zeta, double lr, Order order, int steps) {
        SecondMoments m = new SecondMoments(scheme, zeta, lr, order);
        int n = m.n;
        double[] s = new double[n * n];
        java.util.Arrays.fill(s, 1.0);
        double[] out = new double[steps + 1];
        out[0] = 1;
        for (int t = 0; t < steps; t++) {
            m.step(s, t);
            out[t + 1] = trace(s, n) / n;
        }
        return out;
    }

    /**
     * The exact expected time to target: the first (fractional, log-linearly interpolated) step at which
     * E[mean_i ‖x_i‖²]/‖x_0‖² from identical starts falls below {@code target}; NaN if not within
     * {@code maxSteps}. Unlike ln(target)/ln(1−r) it includes the transient.
     */
    public static double stepsToTarget(GossipScheme scheme, double zeta, double lr, Order order, double target,
                                       int maxSteps) {
        SecondMoments m = new SecondMoments(scheme, zeta, lr, order);
        int n = m.n;
        double[] s = new double[n * n];
        java.util.Arrays.fill(s, 1.0);
        double prev = 1;
        for (int t = 0; t < maxSteps; t++) {
            m.step(s, t);
            double loss = trace(s, n) / n;
            if (!(loss < 1e12)) {
                return Double.NaN;
            }
            if (loss < target) {
                double a = Math.log(prev);
                double b = Math.log(loss);
                return t + (a - Math.log(target)) / (a - b);
            }
            prev = loss;
        }
        return Double.NaN;
    }

    /**
     * The precise rate r = 1 − ρ^{1/P}, ρ the top eigenvalue of the map composed over one period P, by power
     * iteration (relative change below 1e-13 three times running). NaN when D-SGD does not converge (ρ ≥ 1).
     */
    public static double rate(GossipScheme scheme, double zeta, double lr, Order order) {
        SecondMoments m = new SecondMoments(scheme, zeta, lr, order);
        int n = m.n;
        int period = Math.max(scheme.period(), 1);
        double[] s = new double[n * n];
        for (int i = 0; i < n; i++) {
            s[i * n + i] = 1.0 / n;
        }
        double rho = Double.NaN;
        double prev = Double.NaN;
        int stable = 0;
        for (int iter = 0; iter < 200_000; iter++) {
            for (int t = 0; t < period; t++) {
                m.step(s, t);
            }
            double trace = trace(s, n);
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

    /** S ← one step of the map, in place. */
    private void step(double[] s, long t) {
        GossipMatrix w = scheme.matrix(t);
        if (order == Order.ADAPT_THEN_COMBINE) {
            double a = (1 - lr) * (1 - lr);
            for (int i = 0; i < s.length; i++) {
                tmp[i] = a * s[i];
            }
            for (int i = 0; i < n; i++) {
                tmp[i * n + i] += noise * s[i * n + i];
            }
            // S = W tmp Wᵀ = W (W tmp)ᵀ, tmp symmetric
            w.apply(tmp, tr, n);
            transpose(tr, tmp, n);
            w.apply(tmp, s, n);
        } else {
            for (int i = 0; i < n; i++) {
                diag[i] = s[i * n + i];
            }
            // U = (W − ηI) S; S' = (W − ηI) Uᵀ + (ζ−1)η² diag S
            w.apply(s, tr, n);
            for (int i = 0; i < s.length; i++) {
                tr[i] -= lr * s[i];
            }
            transpose(tr, tmp, n);
            w.apply(tmp, s, n);
            for (int i = 0; i < s.length; i++) {
                s[i] -= lr * tmp[i];
            }
            for (int i = 0; i < n; i++) {
                s[i * n + i] += noise * diag[i];
            }
        }
    }

    private static double trace(double[] s, int n) {
        double tr = 0;
        for (int i = 0; i < n; i++) {
            tr += s[i * n + i];
        }
        return tr;
    }

    private static void transpose(double[] src, double[] dst, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                dst[j * n + i] = src[i * n + j];
            }
        }
    }
}
