package org.tidl.core.theory;

import org.tidl.api.ConvolutionSpectrum;
import org.tidl.api.GossipScheme;
import org.tidl.core.InvalidInputException;
import org.tidl.core.linalg.Dense;

/**
 * Stationary covariance Σ(γ) of the gossiped random walk z ← W(t)(√γ z + ξ), ξ ~ N(0, I), read just after
 * W(−1) was applied, i.e. at t = 0 as the paper's code does ({@code random_walk_covariance(scheme, γ, t=0,
 * start_at=1)}, digest B.4). Prepared once per scheme; then cheap per γ.
 *
 * <p>Three routes, chosen by {@link #of}: the group spectrum for convolution schemes (O(n·period) per γ),
 * the eigendecomposition Σ = W²(I − γW²)⁻¹ for static symmetric W (paper Eq. 6; O(n) per γ for the mean),
 * and Smith's doubling on the Stein equations of the period decomposition for everything else.
 */
public abstract class RandomWalkCovariance {

    final int n;

    RandomWalkCovariance(int n) {
        this.n = n;
    }

    public int size() {
        return n;
    }

    /** Name of the route: "spectrum", "eigen" or "lyapunov". */
    public abstract String method();

    /** Σ_ii(γ) for every worker. */
    public abstract double[] diagonal(double gamma);

    /** mean_i Σ_ii(γ). */
    public double meanDiagonal(double gamma) {
        double s = 0;
        for (double v : diagonal(gamma)) {
            s += v;
        }
        return s / n;
    }

    /** max_i Σ_ii(γ). */
    public double maxDiagonal(double gamma) {
        double m = 0;
        for (double v : diagonal(gamma)) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** The fastest exact route for this scheme. */
    public static RandomWalkCovariance of(GossipScheme scheme) {
        if (scheme instanceof ConvolutionSpectrum cs) {
            return new Spectrum(scheme, cs);
        }
        return dense(scheme);
    }

    /** Ignores any known group spectrum: eigendecomposition when static and symmetric, else Lyapunov. */
    public static RandomWalkCovariance dense(GossipScheme scheme) {
        requirePeriodic(scheme);
        if (scheme.period() == 1) {
            int n = scheme.size();
            double[] w = Dense.of(scheme.matrix(0));
            if (Dense.isSymmetric(w, n, 1e-14)) {
                return new Eigen(n, w);
            }
        }
        return new Lyapunov(scheme);
    }

    /** Always the Stein/Lyapunov route (an independent check of the others). */
    public static RandomWalkCovariance lyapunov(GossipScheme scheme) {
        requirePeriodic(scheme);
        return new Lyapunov(scheme);
    }

    /**
     * The whole covariance matrix Σ(γ) (n × n, row-major) of a periodic scheme, by the period decomposition.
     * Prepare once with {@link #lyapunov} and call {@link #matrixOf} per γ when fitting γ.
     */
    public static double[] matrix(GossipScheme scheme, double gamma) {
        return matrixOf(lyapunov(scheme), gamma);
    }

    /** Σ(γ) of a covariance prepared by {@link #lyapunov}. */
    public static double[] matrixOf(RandomWalkCovariance prepared, double gamma) {
        if (!(prepared instanceof Lyapunov l)) {
            throw new IllegalArgumentException("the whole matrix needs the Lyapunov route (RandomWalkCovariance.lyapunov)");
        }
        return l.matrix(gamma);
    }

    static void requirePeriodic(GossipScheme scheme) {
        if (scheme.period() == GossipScheme.APERIODIC) {
            throw new InvalidInputException("--method exact needs a periodic scheme; this one is random or not periodic"
                    + " (use --method simulate)");
        }
    }

    static void checkGamma(double gamma) {
        if (!(gamma >= 0 && gamma < 1)) {
            throw new InvalidInputException("--gamma must be in [0, 1), got " + gamma);
        }
    }

    // ------------------------------------------------------------------ group spectrum

    /**
     * All W(t) diagonal in one flat basis: per character k, with a_ℓ(k) = λ_{−1}(k)⋯λ_{−ℓ−1}(k) and
     * τ(k) the product over a period, Σ_kk = Σ_ℓ γ^ℓ |a_ℓ(k)|² / (1 − γ^P |τ(k)|²), and every Σ_ii is the
     * mean of those (basis entries have modulus 1/√n).
     */
    static final class Spectrum extends RandomWalkCovariance {
        private final int period;
        private final double[][] partial; // partial[ℓ][k] = |a_ℓ(k)|²
        private final double[] full;      // |τ(k)|²

        Spectrum(GossipScheme scheme, ConvolutionSpectrum cs) {
            super(scheme.size());
            this.period = scheme.period();
            requirePeriodic(scheme);
            double[] ar = new double[n];
            double[] ai = new double[n];
            java.util.Arrays.fill(ar, 1.0);
            double[] re = new double[n];
            double[] im = new double[n];
            partial = new double[period][n];
            for (int l = 0; l < period; l++) {
                cs.eigenvalues(-1 - l, re, im);
                for (int k = 0; k < n; k++) {
                    double r = ar[k] * re[k] - ai[k] * im[k];
                    double i = ar[k] * im[k] + ai[k] * re[k];
                    ar[k] = r;
                    ai[k] = i;
                    partial[l][k] = r * r + i * i;
                }
            }
            full = partial[period - 1];
        }

        @Override public String method() { return "spectrum"; }

        @Override
        public double meanDiagonal(double gamma) {
            checkGamma(gamma);
            double gp = Math.pow(gamma, period);
            double total = 0;
            for (int k = 0; k < n; k++) {
                double s = 0;
                double g = 1;
                for (int l = 0; l < period; l++) {
                    s += g * partial[l][k];
                    g *= gamma;
                }
                total += s / (1 - gp * full[k]);
            }
            return total / n;
        }

        @Override public double maxDiagonal(double gamma) { return meanDiagonal(gamma); }

        @Override
        public double[] diagonal(double gamma) {
            double[] d = new double[n];
            java.util.Arrays.fill(d, meanDiagonal(gamma));
            return d;
        }
    }

    // ------------------------------------------------------------------ symmetric eigendecomposition

    /** Paper Eq. 6: Σ = Q diag(λ²/(1 − γλ²)) Qᵀ. */
    static final class Eigen extends RandomWalkCovariance {
        private final double[] lambda2;
        private final double[] q2; // q2[i*n+k] = Q_ik²

        Eigen(int n, double[] w) {
            super(n);
            Dense.SymmetricEigen e = Dense.symmetricEigen(w, n);
            lambda2 = new double[n];
            for (int k = 0; k < n; k++) {
                lambda2[k] = e.values()[k] * e.values()[k];
            }
            q2 = new double[n * n];
            for (int i = 0; i < q2.length; i++) {
                q2[i] = e.vectors()[i] * e.vectors()[i];
            }
        }

        @Override public String method() { return "eigen"; }

        private double[] modes(double gamma) {
            checkGamma(gamma);
            double[] m = new double[n];
            for (int k = 0; k < n; k++) {
                m[k] = lambda2[k] / (1 - gamma * lambda2[k]);
            }
            return m;
        }

        @Override
        public double meanDiagonal(double gamma) {
            double s = 0;
            for (double v : modes(gamma)) {
                s += v;
            }
            return s / n;
        }

        @Override
        public double[] diagonal(double gamma) {
            double[] m = modes(gamma);
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += q2[i * n + k] * m[k];
                }
                d[i] = s;
            }
            return d;
        }
    }

    // ------------------------------------------------------------------ Lyapunov / period decomposition

    /**
     * Σ = Σ_{ℓ<P} γ^ℓ A_ℓ C_ℓ A_ℓᵀ with A_ℓ = W_{−1}⋯W_{−ℓ−1}, T_ℓ = W_{−ℓ−2}⋯W_{−ℓ−1−P} and
     * C_ℓ = Σ_m γ^{Pm} T_ℓ^m T_ℓ^mᵀ, the solution of the Stein equation C = I + γ^P T_ℓ C T_ℓᵀ (digest B.4).
     */
    static final class Lyapunov extends RandomWalkCovariance {
        private final int period;
        private final double[][] a;
        private final double[][] t;

        Lyapunov(GossipScheme scheme) {
            super(scheme.size());
            period = scheme.period();
            double[][] w = new double[period][];
            for (int s = 0; s < period; s++) {
                w[s] = Dense.of(scheme.matrix(s));
            }
            a = new double[period][];
            t = new double[period][];
            double[] acc = Dense.identity(n);
            for (int l = 0; l < period; l++) {
                acc = Dense.multiply(acc, w[Math.floorMod(-1 - l, period)], n);
                a[l] = acc;
                double[] tl = Dense.identity(n);
                for (int m = 0; m < period; m++) {
                    tl = Dense.multiply(tl, w[Math.floorMod(-l - 2 - m, period)], n);
                }
                t[l] = tl;
            }
        }

        @Override public String method() { return "lyapunov"; }

        /** The whole n × n Σ(γ), row-major (Fig. 5's "random-walk covariance"). */
        double[] matrix(double gamma) {
            checkGamma(gamma);
            double gp = Math.pow(gamma, period);
            double[] id = Dense.identity(n);
            double[] sigma = new double[n * n];
            double g = 1;
            for (int l = 0; l < period; l++) {
                double[] c = Dense.stein(t[l], gp, id, n);
                double[] acat = Dense.multiplyTransposed(Dense.multiply(a[l], c, n), a[l], n);
                for (int i = 0; i < sigma.length; i++) {
                    sigma[i] += g * acat[i];
                }
                g *= gamma;
            }
            return sigma;
        }

        @Override
        public double[] diagonal(double gamma) {
            checkGamma(gamma);
            double gp = Math.pow(gamma, period);
            double[] id = Dense.identity(n);
            double[] d = new double[n];
            double g = 1;
            for (int l = 0; l < period; l++) {
                double[] c = Dense.stein(t[l], gp, id, n);
                double[] dl = Dense.diagonalOfSandwich(a[l], c, n);
                for (int i = 0; i < n; i++) {
                    d[i] += g * dl[i];
                }
                g *= gamma;
            }
            return d;
        }
    }
}
