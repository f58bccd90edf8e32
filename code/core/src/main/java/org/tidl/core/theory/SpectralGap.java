package org.tidl.core.theory;

import java.util.Arrays;
import org.tidl.api.ConvolutionSpectrum;
import org.tidl.api.GossipScheme;
import org.tidl.api.SymmetricSpectrum;
import org.tidl.core.linalg.Dense;

/**
 * Spectral gap 1 − |λ₂|, with |λ₂| the second-largest eigenvalue modulus of W; for a period-P scheme,
 * 1 − |λ₂(W_{P−1}⋯W_0)|^{1/P}. One worker has gap 1 (the paper's "1-ring"); non-periodic schemes have none (NaN).
 */
public final class SpectralGap {

    private SpectralGap() {
    }

    /** Largest n for a dense symmetric eigenvalue computation (EJML: ~45 s at this size). */
    public static final int SYMMETRIC_MAX_WORKERS = 4096;
    /** Largest n for a dense general one (EJML: ~2 minutes at this size). */
    public static final int GENERAL_MAX_WORKERS = 2048;

    public static double of(GossipScheme scheme) {
        int n = scheme.size();
        int p = scheme.period();
        if (p == GossipScheme.APERIODIC) {
            return Double.NaN;
        }
        if (n == 1) {
            return 1.0;
        }
        double[] moduli;
        if (scheme instanceof ConvolutionSpectrum cs) {
            double[] pr = new double[n];
            double[] pi = new double[n];
            Arrays.fill(pr, 1.0);
            double[] re = new double[n];
            double[] im = new double[n];
            for (int t = 0; t < p; t++) {
                cs.eigenvalues(t, re, im);
                for (int k = 0; k < n; k++) {
                    double r = pr[k] * re[k] - pi[k] * im[k];
                    double i = pr[k] * im[k] + pi[k] * re[k];
                    pr[k] = r;
                    pi[k] = i;
                }
            }
            moduli = new double[n];
            for (int k = 0; k < n; k++) {
                moduli[k] = Math.hypot(pr[k], pi[k]);
            }
        } else if (scheme instanceof SymmetricSpectrum ss && p == 1) {
            return closedForm(ss);
        } else {
            boolean symmetric = p == 1 && Dense.isSymmetric(scheme.matrix(0), 1e-14);
            Dense.requireSize(n, symmetric ? SYMMETRIC_MAX_WORKERS : GENERAL_MAX_WORKERS, p == 1 ? 2 : 4,
                    "the spectral gap of a W without a closed-form or group spectrum needs a dense "
                            + (symmetric ? "symmetric" : "general") + " eigenvalue computation");
            double[] prod = Dense.identity(n);
            for (int t = 0; t < p; t++) {
                prod = Dense.multiply(Dense.of(scheme.matrix(t)), prod, n);
            }
            moduli = Dense.eigenvalueModuli(prod, n, Dense.isSymmetric(prod, n, 1e-14));
        }
        Arrays.sort(moduli);
        return fromSecondModulus(moduli[n - 2], p);
    }

    /** The second-largest modulus among the eigenvalue groups, counted with multiplicity. */
    private static double closedForm(SymmetricSpectrum ss) {
        double first = -1;
        double second = -1;
        for (int g = 0; g < ss.groups(); g++) {
            long m = ss.multiplicity(g);
            if (m <= 0) {
                continue;
            }
            double v = Math.abs(ss.eigenvalue(g));
            if (v > first) {
                second = m > 1 ? v : first;
                first = v;
            } else if (v > second) {
                second = v;
            }
        }
        return fromSecondModulus(Math.max(second, 0), 1);
    }

    private static double fromSecondModulus(double secondModulus, int p) {
        double second = Math.min(secondModulus, 1.0);
        if (second < 1e-13) {
            // an exact zero (e.g. the one-peer exponential graph's period product J/n) computed with
            // round-off; the 1/P-th root would blow 1e-16 up to a visible 6e-4
            second = 0;
        }
        // round-off can leave |λ₂| a hair off an exact 0 or 1; keep the gap in [0, 1]
        return Math.max(0.0, 1 - Math.pow(second, 1.0 / p));
    }
}
