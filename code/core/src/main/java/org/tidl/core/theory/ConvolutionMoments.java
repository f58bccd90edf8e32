package org.tidl.core.theory;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.tidl.api.ConvolutionSpectrum;
import org.tidl.core.InvalidInputException;
import org.tidl.core.linalg.Brent;

/**
 * The top eigenvalue of D-SGD's second-moment map ({@link SecondMoments}) for a convolution scheme, exactly and in
 * O(n) memory. Every W(t) is diagonal in the group's Fourier basis F (entries of modulus 1/√n), so the map
 * commutes with the group's translations; its Perron eigenvector (the top eigenvalue of a positive map has a
 * positive semi-definite eigenvector, and averaging it over the group keeps it one) is then a convolution
 * S = F diag(σ) F*, whose diagonal is (Σσ/n)·I. On such S one step is
 * <pre>  σ ← A_t σ + b_t (1ᵀσ)</pre>
 * with A_t = (1−η)²|λ_t|², b_t = (ζ−1)η²|λ_t|²/n (adapt-then-combine) or A_t = |λ_t − η|², b_t = (ζ−1)η²/n
 * (Eq. 19 order). With s_u = 1ᵀσ_u the eigen-equation over one period reduces to s = B(ρ) s for a non-negative
 * P×P matrix B(ρ) that decreases in ρ, so ρ is the unique root of perron(B(ρ)) = 1 above max_k Π_t A_t(k);
 * Brent's method finds it to the last bits of a double. For P = 1 this is 1 = Σ_k b_k/(ρ − A_k), i.e. Eq. 7 with
 * the exact n_W of a vertex-transitive graph.
 *
 * <p>Long periods (P &gt; {@value #SECULAR_MAX_PERIOD}) instead multiply out the n×n period matrix on the classes of
 * characters whose eigenvalues agree at every step (local steps have two such classes), when there are at most
 * {@value #EXPLICIT_MAX_CLASSES}.
 */
final class ConvolutionMoments {

    static final int SECULAR_MAX_PERIOD = 64;
    static final int EXPLICIT_MAX_CLASSES = 512;

    private final int n;
    private final int period;
    private final double[][] a;   // a[t][k] = A_t(k) / s_t
    private final double[][] b;   // b[t][k] = b_t(k) / s_t
    private final double logScale; // Σ_t ln s_t: each step is divided by s_t = max_k (A_t(k) + n b_t(k))

    private ConvolutionMoments(int n, int period, double[][] a, double[][] b, double logScale) {
        this.n = n;
        this.period = period;
        this.a = a;
        this.b = b;
        this.logScale = logScale;
    }

    /** ρ^{1/P}: the per-step growth factor of E‖x‖² (≥ 1: D-SGD does not converge). */
    static double growth(ConvolutionSpectrum cs, int n, int period, double zeta, double lr,
                         SecondMoments.Order order) {
        long cells = (long) period * n;
        if (period > SECULAR_MAX_PERIOD) {
            return explicitProduct(cs, n, period, zeta, lr, order);
        }
        SecondMoments.requireMemory(2 * cells, "the exact rate of a convolution scheme (2·period·n doubles)");
        double[][] a = new double[period][n];
        double[][] b = new double[period][n];
        double log = 0;
        double[] re = new double[n];
        double[] im = new double[n];
        for (int t = 0; t < period; t++) {
            cs.eigenvalues(t, re, im);
            double scale = coefficients(re, im, n, zeta, lr, order, a[t], b[t]);
            log += Math.log(scale);
        }
        return new ConvolutionMoments(n, period, a, b, log).secularGrowth();
    }

    /** Fills A_t(k), b_t(k), divides both by s_t = max_k (A_t(k) + n·b_t(k)) and returns s_t. */
    private static double coefficients(double[] re, double[] im, int n, double zeta, double lr,
                                       SecondMoments.Order order, double[] at, double[] bt) {
        double sq = (1 - lr) * (1 - lr);
        double noise = (zeta - 1) * lr * lr;
        double scale = 0;
        for (int k = 0; k < n; k++) {
            if (order == SecondMoments.Order.ADAPT_THEN_COMBINE) {
                double m = re[k] * re[k] + im[k] * im[k];
                at[k] = sq * m;
                bt[k] = noise * m / n;
            } else {
                double dr = re[k] - lr;
                at[k] = dr * dr + im[k] * im[k];
                bt[k] = noise / n;
            }
            scale = Math.max(scale, at[k] + n * bt[k]);
        }
        if (!(scale > 0) || !Double.isFinite(scale)) {
            scale = 1; // the zero map (or a broken spectrum, caught by the validation of W): leave unscaled
        }
        for (int k = 0; k < n; k++) {
            at[k] /= scale;
            bt[k] /= scale;
        }
        return scale;
    }

    /** The secular route: ρ with perron(B(ρ)) = 1, then ρ^{1/P} with the step scales put back. */
    private double secularGrowth() {
        int p = period;
        // z_k = Φ(0→P)_k, the period's product of A; lo = max z_k is a lower bound of ρ, and Π_t Σ_k b_t(k) another
        double[] z = new double[n];
        double lo = 0;
        for (int k = 0; k < n; k++) {
            double prod = 1;
            for (int t = 0; t < p; t++) {
                prod *= a[t][k];
            }
            z[k] = prod;
            lo = Math.max(lo, prod);
        }
        double noiseBound = 1;
        for (int t = 0; t < p; t++) {
            double s = 0;
            for (int k = 0; k < n; k++) {
                s += b[t][k];
            }
            noiseBound *= s;
        }
        if (!(noiseBound > 0)) {
            return Math.pow(lo, 1.0 / p) * Math.exp(logScale / p); // no noise: the largest mode of the product
        }
        double rhoMin = Math.max(lo, noiseBound);
        // Characters with z_k ≤ 1e-9·ρ contribute x yᵀ/(ρ − z) = x yᵀ (1/ρ + z/ρ² + O((z/ρ)²/ρ)): two P×P sums.
        // The rest are kept and summed per ρ. (The one-peer exponential graph has a single such character.)
        double threshold = 1e-9 * rhoMin;
        double[] constant = new double[p * p]; // Σ_k [t < u] Φ(t+1→u)_k b_t(k)
        double[] c0 = new double[p * p];
        double[] c1 = new double[p * p];
        int[] large = new int[n];
        int largeCount = 0;
        double[] x = new double[p];
        double[] y = new double[p];
        for (int k = 0; k < n; k++) {
            products(k, x, y);
            for (int u = 0; u < p; u++) {
                double prod = 1; // Φ(t+1→u) for t = u−1, u−2, …
                for (int t = u - 1; t >= 0; t--) {
                    constant[u * p + t] += prod * b[t][k];
                    prod *= a[t][k];
                }
            }
            if (z[k] <= threshold) {
                for (int u = 0; u < p; u++) {
                    for (int t = 0; t < p; t++) {
                        double xy = x[u] * y[t];
                        c0[u * p + t] += xy;
                        c1[u * p + t] += xy * z[k];
                    }
                }
            } else {
                large[largeCount++] = k;
            }
        }
        int[] kept = Arrays.copyOf(large, largeCount);
        double[] bm = new double[p * p];
        java.util.function.DoubleUnaryOperator g = rho -> {
            if (!(rho > 0)) {
                return -1;
            }
            for (int i = 0; i < bm.length; i++) {
                bm[i] = constant[i] + c0[i] / rho + c1[i] / (rho * rho);
            }
            double[] xs = new double[p];
            double[] ys = new double[p];
            for (int k : kept) {
                products(k, xs, ys);
                double gap = rho - z[k];
                for (int u = 0; u < p; u++) {
                    for (int t = 0; t < p; t++) {
                        double num = xs[u] * ys[t];
                        if (num == 0) {
                            continue;
                        }
                        if (!(gap > 0)) {
                            return -1; // ρ at or below a pole: perron(B) = ∞
                        }
                        bm[u * p + t] += num / gap;
                    }
                }
            }
            return 1 / perron(bm, p) - 1;
        };
        double glo = g.applyAsDouble(lo);
        double root;
        if (glo >= 0) {
            root = lo;
        } else {
            double hi = Math.max(1, rhoMin); // each scaled step has row sums ≤ 1, so ρ ≤ 1
            double ghi = g.applyAsDouble(hi);
            for (int i = 0; i < 60 && ghi < 0; i++) {
                hi *= 2;
                ghi = g.applyAsDouble(hi);
            }
            root = Brent.root(g, lo, hi, glo, ghi);
        }
        return Math.pow(root, 1.0 / p) * Math.exp(logScale / p);
    }

    /** x_u = Φ(0→u)_k (u < P) and y_t = Φ(t+1→P)_k · b_t(k) for character k. */
    private void products(int k, double[] x, double[] y) {
        int p = period;
        double prod = 1;
        for (int u = 0; u < p; u++) {
            x[u] = prod;
            prod *= a[u][k];
        }
        prod = 1;
        for (int t = p - 1; t >= 0; t--) {
            y[t] = prod * b[t][k];
            prod *= a[t][k];
        }
    }

    /** Perron root (spectral radius) of a non-negative p×p matrix. */
    private static double perron(double[] m, int p) {
        if (p == 1) {
            return m[0];
        }
        DMatrixRMaj d = new DMatrixRMaj(p, p, true, m.clone());
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(p, false, false);
        if (!eig.decompose(d)) {
            throw new ArithmeticException("eigenvalues of a " + p + "×" + p + " matrix did not converge");
        }
        double best = 0;
        for (int i = 0; i < p; i++) {
            best = Math.max(best, eig.getEigenvalue(i).real);
        }
        return best;
    }

    /**
     * Long periods: group characters whose A_t, b_t agree at every t (their σ are equal in the Perron vector),
     * multiply out the period on the C classes (O(P·C²), rescaled every step) and take the Perron root.
     */
    private static double explicitProduct(ConvolutionSpectrum cs, int n, int period, double zeta, double lr,
                                          SecondMoments.Order order) {
        double[] re = new double[n];
        double[] im = new double[n];
        double[] at = new double[n];
        double[] bt = new double[n];
        long[] h1 = new long[n];
        long[] h2 = new long[n];
        for (int t = 0; t < period; t++) {
            cs.eigenvalues(t, re, im);
            coefficients(re, im, n, zeta, lr, order, at, bt);
            for (int k = 0; k < n; k++) {
                long bits = Double.doubleToLongBits(at[k]) * 31 + Double.doubleToLongBits(bt[k]);
                h1[k] = org.tidl.api.Seeds.mix64(h1[k] ^ bits);
                h2[k] = org.tidl.api.Seeds.mix64(h2[k] + org.tidl.api.Seeds.mix64(bits ^ (t + 1L)));
            }
        }
        long[][] keys = new long[n][];
        for (int k = 0; k < n; k++) {
            keys[k] = new long[] {h1[k], h2[k], k};
        }
        Arrays.sort(keys, (p, q) -> p[0] != q[0] ? Long.compare(p[0], q[0]) : Long.compare(p[1], q[1]));
        int[] rep = new int[n];
        double[] mult = new double[n];
        int classes = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0 && keys[i][0] == keys[i - 1][0] && keys[i][1] == keys[i - 1][1]) {
                mult[classes - 1]++;
            } else {
                if (classes == EXPLICIT_MAX_CLASSES) {
                    throw new InvalidInputException("the exact rate of this scheme (period " + period + " > "
                            + SECULAR_MAX_PERIOD + ") needs its characters in at most " + EXPLICIT_MAX_CLASSES
                            + " classes of equal eigenvalues; it has more (n = " + n + ")");
                }
                rep[classes] = (int) keys[i][2];
                mult[classes] = 1;
                classes++;
            }
        }
        int c = classes;
        double[] m = new double[c * c];
        for (int i = 0; i < c; i++) {
            m[i * c + i] = 1;
        }
        double log = 0;
        double[] col = new double[c];
        for (int t = 0; t < period; t++) {
            cs.eigenvalues(t, re, im);
            log += Math.log(coefficients(re, im, n, zeta, lr, order, at, bt));
            // M ← (A_t + b_t multᵀ) M
            Arrays.fill(col, 0);
            for (int i = 0; i < c; i++) {
                for (int j = 0; j < c; j++) {
                    col[j] += mult[i] * m[i * c + j];
                }
            }
            double max = 0;
            for (int i = 0; i < c; i++) {
                double ai = at[rep[i]];
                double bi = bt[rep[i]];
                for (int j = 0; j < c; j++) {
                    double v = ai * m[i * c + j] + bi * col[j];
                    m[i * c + j] = v;
                    max = Math.max(max, v);
                }
            }
            if (max > 0) {
                for (int i = 0; i < m.length; i++) {
                    m[i] /= max;
                }
                log += Math.log(max);
            }
        }
        double rho = perron(m, c);
        return rho > 0 ? Math.exp((Math.log(rho) + log) / period) : 0;
    }
}
