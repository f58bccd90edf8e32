package org.tidl.core.theory;

import org.tidl.api.ConvolutionSpectrum;
import org.tidl.api.GossipScheme;
import org.tidl.api.SymmetricSpectrum;
import org.tidl.core.InvalidInputException;
import org.tidl.core.linalg.Dense;

/**
 * Stationary covariance Σ(γ) of the gossiped random walk z ← W(t)(√γ z + ξ), ξ ~ N(0, I), read just after
 * W(−1) was applied, i.e. at t = 0 as the paper's code does ({@code random_walk_covariance(scheme, γ, t=0,
 * start_at=1)}). Prepared once per scheme; then cheap per γ.
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

    /** Largest n of the dense eigen-decomposition route (EJML; about 2 minutes and 0.7 GB at this size). */
    public static final int EIGEN_MAX_WORKERS = 4096;
    /** Largest n of the Lyapunov route (dense n×n products, ~50 per γ: about a minute per γ at this size). */
    public static final int LYAPUNOV_MAX_WORKERS = 1024;

    /** The fastest exact route for this scheme. */
    public static RandomWalkCovariance of(GossipScheme scheme) {
        if (scheme instanceof ConvolutionSpectrum cs) {
            return new Spectrum(scheme, cs);
        }
        if (scheme instanceof SymmetricSpectrum ss && scheme.period() == 1) {
            return new ClosedForm(scheme.size(), ss);
        }
        return dense(scheme);
    }

    /** Ignores any known spectrum: eigendecomposition when static and symmetric, else Lyapunov. */
    public static RandomWalkCovariance dense(GossipScheme scheme) {
        requirePeriodic(scheme);
        int n = scheme.size();
        if (scheme.period() == 1 && Dense.isSymmetric(scheme.matrix(0), 1e-14)) {
            Dense.requireSize(n, EIGEN_MAX_WORKERS, 5, "n_W of a static symmetric W without a closed-form spectrum"
                    + " needs a dense eigen-decomposition");
            return new Eigen(n, Dense.of(scheme.matrix(0)));
        }
        return lyapunov(scheme);
    }

    /** Always the Stein/Lyapunov route (an independent check of the others). */
    public static RandomWalkCovariance lyapunov(GossipScheme scheme) {
        requirePeriodic(scheme);
        Dense.requireSize(scheme.size(), LYAPUNOV_MAX_WORKERS, 2 * scheme.period() + 6, "n_W of a non-symmetric or"
                + " time-varying W without a group spectrum needs dense n×n Lyapunov (Stein) solves");
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
            throw InvalidInputException.of("method", "exact needs a periodic scheme; this one is random or not periodic"
                    + " (use {method} simulate)");
        }
    }

    static void checkGamma(double gamma) {
        if (!(gamma >= 0 && gamma < 1)) {
            throw InvalidInputException.of("gamma", "must be in [0, 1), got " + gamma);
        }
    }

    // ------------------------------------------------------------------ group spectrum

    /**
     * All W(t) diagonal in one flat basis: per character k, with a_ℓ(k) = λ_{−1}(k)⋯λ_{−ℓ−1}(k) and
     * τ(k) the product over a period, Σ_kk = Σ_ℓ γ^ℓ |a_ℓ(k)|² / (1 − γ^P |τ(k)|²), and every Σ_ii is the
     * mean of those (basis entries have modulus 1/√n).
     */
    static final class Spectrum extends RandomWalkCovariance {
        /** Above this many |a_ℓ(k)|² values (32 MB) they are recomputed per γ instead of stored. */
        static final long STORED_MAX = 4L << 20;
        private final int period;
        private final ConvolutionSpectrum cs;
        private final double[][] partial; // partial[ℓ][k] = |a_ℓ(k)|², or null when streamed
        private final double[] full;      // |τ(k)|²

        Spectrum(GossipScheme scheme, ConvolutionSpectrum cs) {
            super(scheme.size());
            this.period = scheme.period();
            this.cs = cs;
            requirePeriodic(scheme);
            if ((long) period * n <= STORED_MAX) {
                partial = new double[period][];
                full = sweep(0, null, partial);
            } else {
                // 2^20 workers × a 20-step period would hold 160 MB; recomputing the spectra per γ costs about as
                // much as reading them back
                partial = null;
                full = sweep(0, null, null);
            }
        }

        /**
         * One pass over the period: adds Σ_ℓ γ^ℓ |a_ℓ(k)|² to {@code sum} and stores |a_ℓ(k)|² in {@code store[ℓ]}
         * (either may be null); returns |τ(k)|² = |a_{P−1}(k)|².
         */
        private double[] sweep(double gamma, double[] sum, double[][] store) {
            double[] ar = new double[n];
            double[] ai = new double[n];
            java.util.Arrays.fill(ar, 1.0);
            double[] re = new double[n];
            double[] im = new double[n];
            double[] row = null;
            double g = 1;
            for (int l = 0; l < period; l++) {
                cs.eigenvalues(-1 - l, re, im);
                row = store != null || l == period - 1 ? new double[n] : null;
                for (int k = 0; k < n; k++) {
                    double r = ar[k] * re[k] - ai[k] * im[k];
                    double i = ar[k] * im[k] + ai[k] * re[k];
                    ar[k] = r;
                    ai[k] = i;
                    double v = r * r + i * i;
                    if (row != null) {
                        row[k] = v;
                    }
                    if (sum != null) {
                        sum[k] += g * v;
                    }
                }
                if (store != null) {
                    store[l] = row;
                }
                g *= gamma;
            }
            return row;
        }

        @Override public String method() { return "spectrum"; }

        @Override
        public double meanDiagonal(double gamma) {
            checkGamma(gamma);
            double gp = Math.pow(gamma, period);
            double total = 0;
            if (partial == null) {
                double[] s = new double[n];
                sweep(gamma, s, null);
                for (int k = 0; k < n; k++) {
                    total += s[k] / (1 - gp * full[k]);
                }
                return total / n;
            }
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

    // ------------------------------------------------------------------ closed-form spectrum

    /**
     * Eq. 6 with a known spectrum: Σ_ii = Σ_g (P_g)_ii λ_g²/(1 − γλ_g²); the mean over workers is
     * Σ_g m_g λ_g²/(1 − γλ_g²)/n (trace of P_g = m_g). O(groups) per γ for the mean; the worst evaluates
     * {@link SymmetricSpectrum#distinctWorkers()}.
     */
    static final class ClosedForm extends RandomWalkCovariance {
        /** Per-γ work allowed for mode worst (distinct workers × groups). */
        static final long MAX_WORST_TERMS = 100_000_000L;
        private final SymmetricSpectrum spectrum;
        private final double[] lambda2;
        private final double[] multiplicity;

        ClosedForm(int n, SymmetricSpectrum spectrum) {
            super(n);
            this.spectrum = spectrum;
            int g = spectrum.groups();
            lambda2 = new double[g];
            multiplicity = new double[g];
            for (int k = 0; k < g; k++) {
                double l = spectrum.eigenvalue(k);
                lambda2[k] = l * l;
                multiplicity[k] = spectrum.multiplicity(k);
            }
        }

        @Override public String method() { return "closed-form"; }

        private double[] modes(double gamma) {
            checkGamma(gamma);
            double[] m = new double[lambda2.length];
            for (int k = 0; k < m.length; k++) {
                m[k] = lambda2[k] / (1 - gamma * lambda2[k]);
            }
            return m;
        }

        private double of(int worker, double[] modes, double[] weights) {
            spectrum.weights(worker, weights);
            double s = 0;
            for (int k = 0; k < modes.length; k++) {
                s += weights[k] * modes[k];
            }
            return s;
        }

        @Override
        public double meanDiagonal(double gamma) {
            double[] m = modes(gamma);
            double s = 0;
            for (int k = 0; k < m.length; k++) {
                s += multiplicity[k] * m[k];
            }
            return s / n;
        }

        @Override
        public double maxDiagonal(double gamma) {
            int[] workers = spectrum.distinctWorkers();
            long terms = (long) workers.length * lambda2.length;
            if (terms > MAX_WORST_TERMS) {
                throw new InvalidInputException("mode worst at n = " + n + " needs Σ_ii of " + workers.length
                        + " distinct workers × " + lambda2.length + " eigenvalues = " + terms + " terms per gamma;"
                        + " at most " + MAX_WORST_TERMS + " are allowed (mode mean costs " + lambda2.length + ")");
            }
            double[] m = modes(gamma);
            double[] w = new double[m.length];
            double max = 0;
            for (int i : workers) {
                max = Math.max(max, of(i, m, w));
            }
            return max;
        }

        @Override
        public double[] diagonal(double gamma) {
            Dense.requireSize(n, EIGEN_MAX_WORKERS, 1, "every worker's Σ_ii (n × groups terms)");
            double[] m = modes(gamma);
            double[] w = new double[m.length];
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = of(i, m, w);
            }
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
     * C_ℓ = Σ_m γ^{Pm} T_ℓ^m T_ℓ^mᵀ, the solution of the Stein equation C = I + γ^P T_ℓ C T_ℓᵀ.
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
