package org.tidl.core.theory;

import java.util.Arrays;
import org.tidl.api.ConvolutionSpectrum;
import org.tidl.api.GossipScheme;
import org.tidl.core.linalg.Dense;

/**
 * Spectral gap 1 − |λ₂|, with |λ₂| the second-largest eigenvalue modulus of W; for a period-P scheme,
 * 1 − |λ₂(W_{P−1}⋯W_0)|^{1/P}. One worker has gap 1 (the paper's "1-ring"); non-periodic schemes have none (NaN).
 */
public final class SpectralGap {

    private SpectralGap() {
    }

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
        } else {
            double[] prod = Dense.identity(n);
            for (int t = 0; t < p; t++) {
                prod = Dense.multiply(Dense.of(scheme.matrix(t)), prod, n);
            }
            moduli = Dense.eigenvalueModuli(prod, n, Dense.isSymmetric(prod, n, 1e-14));
        }
        Arrays.sort(moduli);
        double second = Math.min(moduli[n - 2], 1.0);
        if (second < 1e-13) {
            // an exact zero (e.g. the one-peer exponential graph's period product J/n) computed with
            // round-off; the 1/P-th root would blow 1e-16 up to a visible 6e-4
            second = 0;
        }
        // round-off can leave |λ₂| a hair off an exact 0 or 1; keep the gap in [0, 1]
        return Math.max(0.0, 1 - Math.pow(second, 1.0 / p));
    }
}
