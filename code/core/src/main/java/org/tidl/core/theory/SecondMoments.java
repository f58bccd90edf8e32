package org.tidl.core.theory;

import org.tidl.api.ConvolutionSpectrum;
import org.tidl.api.GossipMatrix;
import org.tidl.api.GossipScheme;
import org.tidl.core.InvalidInputException;
import org.tidl.core.linalg.Dense;
import org.tidl.core.linalg.KrylovEigen;

/**
 * Exact second moments of D-SGD on the isotropic quadratic (paper Section 3.1, Eq. 7's derivation). With S_ij = E⟨x_i, x_j⟩ and the
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
        if ((long) n * n > Integer.MAX_VALUE - 8) {
            throw InvalidInputException.mentioning(tooLarge(n, "the second-moment map needs n×n matrices"), "method");
        }
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
     * The precise rate r = 1 − ρ^{1/P}, ρ the top eigenvalue of the map composed over one period P; NaN when D-SGD
     * does not converge (ρ ≥ 1). See {@link #growth} for how ρ is found and how accurate it is.
     */
    public static double rate(GossipScheme scheme, double zeta, double lr, Order order) {
        double g = growth(scheme, zeta, lr, order);
        return g >= 0 && g < 1 ? 1 - g : Double.NaN;
    }

    /** Basis vectors of n² doubles the Krylov route keeps (twice: the vectors and their images). */
    static final int KRYLOV_BASIS = 30;
    /** Relative residual the Krylov route reaches; for symmetric maps it bounds the relative error of ρ. */
    static final double KRYLOV_TOLERANCE = 1e-12;
    static final int KRYLOV_MAX_PRODUCTS = 20_000;

    /**
     * ρ^{1/P}, the per-step growth of E‖x‖² in the slowest mode. Two routes, both converging whatever the gap
     * between the top eigenvalues:
     * <ul>
     *   <li>convolution schemes ({@link ConvolutionSpectrum}): {@link ConvolutionMoments}, exact to the last
     *       bits (a scalar root on O(n·P) numbers; n up to 2^20 and beyond);</li>
     *   <li>everything else: the rightmost eigenvalue of the map on n×n matrices by thick-restart Krylov
     *       ({@link KrylovEigen}) to a relative residual of 1e-12 (at most 1e-10 where rounding in the n²
     *       products stops it earlier). A static symmetric W makes the map
     *       self-adjoint after a similarity (adapt-then-combine: L = 𝒲𝒜 with 𝒲(S) = WSW and 𝒜(S) = (1−η)²S +
     *       (ζ−1)η² diag S positive, so L ~ 𝒜^{1/2}𝒲𝒜^{1/2}; Eq. 19 order: L = 𝒱 + (ζ−1)η²·diag, 𝒱(S) = VSV,
     *       V = W − ηI), and then the residual bounds the error of ρ: relative error ≤ 1e-10. Otherwise
     *       (non-symmetric or periodic) the error is the residual times ρ's condition number.</li>
     * </ul>
     *
     * @throws InvalidInputException for a non-periodic scheme, when the n×n matrices do not fit in memory, or
     *     when the Krylov route does not converge
     */
    public static double growth(GossipScheme scheme, double zeta, double lr, Order order) {
        int n = scheme.size();
        int period = scheme.period();
        if (period == GossipScheme.APERIODIC) {
            throw new InvalidInputException("the precise rate needs a periodic scheme; this one is random or not"
                    + " periodic (simulate it instead)");
        }
        if (scheme instanceof ConvolutionSpectrum cs) {
            return ConvolutionMoments.growth(cs, n, period, zeta, lr, order);
        }
        long cells = (long) n * n;
        if (cells > Integer.MAX_VALUE - 8) {
            throw InvalidInputException.mentioning(tooLarge(n, "the precise rate needs n×n second-moment matrices"), "method");
        }
        int basis = krylovBasis(n);
        SecondMoments m = new SecondMoments(scheme, zeta, lr, order);
        boolean selfAdjoint = period == 1 && Dense.isSymmetric(scheme.matrix(0), 1e-15);
        KrylovEigen.Operator op;
        if (selfAdjoint && order == Order.ADAPT_THEN_COMBINE) {
            // 𝒜^{1/2} 𝒲 𝒜^{1/2}: scale off-diagonal entries by (1−η), diagonal ones by √((1−η)² + (ζ−1)η²)
            double off = Math.abs(1 - lr);
            double on = Math.sqrt((1 - lr) * (1 - lr) + m.noise);
            op = (x, y) -> {
                scale(x, m.tmp, n, off, on);
                m.sandwich(m.tmp, y);
                scale(y, y, n, off, on);
            };
        } else {
            op = (x, y) -> {
                System.arraycopy(x, 0, y, 0, x.length);
                for (int t = 0; t < period; t++) {
                    m.step(y, t);
                }
            };
        }
        double[] start = new double[(int) cells];
        for (int i = 0; i < n; i++) {
            start[i * n + i] = 1;
        }
        KrylovEigen.Result r;
        try {
            r = KrylovEigen.rightmost(op, (int) cells, start, selfAdjoint, basis, KRYLOV_TOLERANCE,
                    KRYLOV_MAX_PRODUCTS);
        } catch (KrylovEigen.NotConverged e) {
            throw new InvalidInputException("the precise rate (lr " + lr + ", zeta " + zeta + ", " + n
                    + " workers) did not converge: " + e.getMessage());
        }
        double rho = r.value();
        return rho > 0 ? Math.pow(rho, 1.0 / period) : 0;
    }

    /** How many basis vectors fit: at most {@link #KRYLOV_BASIS}, at least 6, else a refusal with the numbers. */
    private static int krylovBasis(int n) {
        long bytes = 8L * n * n;
        long budget = freeHeap() * 7 / 10;
        long fit = budget / bytes - 4; // 4 work matrices besides the basis
        int basis = (int) Math.min(KRYLOV_BASIS, fit / 2);
        if (basis < 6) {
            throw InvalidInputException.mentioning(tooLarge(n, "the precise rate needs n×n second-moment matrices"), "method");
        }
        return basis;
    }

    static String tooLarge(int n, String why) {
        long bytes = 8L * n * n;
        long perMatrixMax = (long) Math.sqrt((freeHeap() * 7 / 10) / (8.0 * 16));
        return why + " at n = " + n + " (n² = " + (long) n * n + " doubles = " + mib(bytes) + " MiB each, about 16"
                + " of them; with " + mib(freeHeap()) + " MiB of Java heap free that allows n <= "
                + Math.min(perMatrixMax, 46340) + "). Convolution topologies (ring, circulant, torus, hypercube,"
                + " time-varying-exponential, ...) have an exact O(n) route; otherwise use {method} fixed-point";
    }

    /** Refuses when {@code doubles} doubles would not fit in the free heap. */
    static void requireMemory(long doubles, String what) {
        long need = 8 * doubles;
        if (need > freeHeap() * 9 / 10) {
            throw new InvalidInputException(what + " needs " + mib(need) + " MiB; " + mib(freeHeap())
                    + " MiB of Java heap are free (raise TIDL_HEAP)");
        }
    }

    private static long freeHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    private static long mib(long bytes) {
        return bytes >> 20;
    }

    /** y_ij = x_ij · (i == j ? on : off); y may be x. */
    private static void scale(double[] x, double[] y, int n, double off, double on) {
        for (int i = 0; i < n; i++) {
            int row = i * n;
            for (int j = 0; j < n; j++) {
                y[row + j] = x[row + j] * (i == j ? on : off);
            }
        }
    }

    /** out = W s Wᵀ for symmetric s (s is overwritten). */
    private void sandwich(double[] s, double[] out) {
        GossipMatrix w = scheme.matrix(0);
        w.apply(s, tr, n);
        transpose(tr, s, n);
        w.apply(s, out, n);
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
