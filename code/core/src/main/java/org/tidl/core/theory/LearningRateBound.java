package org.tidl.core.theory;

import org.tidl.core.linalg.Dense;

/**
 * The largest learning rate Theorem 6 allows (paper Eq. 25), as printed, for a static symmetric W:
 * <pre>
 *   η ≤ min( β(γ)·ω / L ,  1 / (4[(n_W(γ)⁻¹ + ω)ζ + L]) ),   ω = n_W(γ)⁻¹ (as the paper's corollaries)
 * </pre>
 * with n_W(γ)⁻¹ = max_i M_ii (Assumption 5, or its replacement for a non-constant diagonal) and β from
 * Eq. 33. β ≤ 0 whenever W has an eigenvalue ≤ 0, so the theorem needs λ_min(W) ≥ ½; {@link #lazy} builds
 * W′ = (I+W)/2, which the figure uses (Sec. 4, Theorem 6; the figure's own values are larger, docs/theory.md).
 */
public final class LearningRateBound {

    /** One γ: the two constraints and their minimum. */
    public record Point(double gamma, double neighbors, double beta, double omega, double noise, double consensus) {
        /** min(noise, consensus), 0 when the consensus term allows nothing (β ≤ 0). */
        public double learningRate() {
            return Math.max(0, Math.min(noise, consensus));
        }
    }

    private final int n;
    private final double[] eigenvalues;
    private final double[] squaredVectors;
    private final double zeta;
    private final double smoothness;

    /**
     * @param w          symmetric gossip matrix, row-major n×n
     * @param zeta       noise level ζ
     * @param smoothness L
     */
    public LearningRateBound(double[] w, int n, double zeta, double smoothness) {
        if (!Dense.isSymmetric(w, n, 1e-12)) {
            throw new IllegalArgumentException("Theorem 6 bounds are implemented for symmetric W");
        }
        Dense.SymmetricEigen e = Dense.symmetricEigen(w, n);
        this.n = n;
        this.eigenvalues = e.values();
        this.squaredVectors = new double[n * n];
        for (int i = 0; i < n * n; i++) {
            squaredVectors[i] = e.vectors()[i] * e.vectors()[i];
        }
        this.zeta = zeta;
        this.smoothness = smoothness;
    }

    /** W′ = (I + W)/2. */
    public static double[] lazy(double[] w, int n) {
        double[] out = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[i * n + j] = 0.5 * w[i * n + j] + (i == j ? 0.5 : 0);
            }
        }
        return out;
    }

    /** Eq. 25's second term with ω = 1/n_W: 1/(4[(2/n_W)ζ + L]) = 1/(8ζ/n_W + 4L). */
    public static double noiseTerm(double neighbors, double zeta, double smoothness) {
        double omega = 1 / neighbors;
        return 1 / (4 * ((1 / neighbors + omega) * zeta + smoothness));
    }

    public Point at(double gamma) {
        // M_ii = (1−γ) Σ_k Q_ik² λ_k²/(1−γλ_k²)   (Eq. 21 in the eigenbasis)
        double[] f = new double[n];
        for (int k = 0; k < n; k++) {
            double l2 = eigenvalues[k] * eigenvalues[k];
            f[k] = (1 - gamma) * l2 / (1 - gamma * l2);
        }
        double maxDiag = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < n; k++) {
                s += squaredVectors[i * n + k] * f[k];
            }
            maxDiag = Math.max(maxDiag, s);
        }
        double nw = 1 / maxDiag;
        double beta = NeighborhoodMatrix.betaSymmetric(eigenvalues, gamma);
        double omega = 1 / nw;
        double noise = noiseTerm(nw, zeta, smoothness);
        double consensus = beta * omega / smoothness;
        return new Point(gamma, nw, beta, omega, noise, consensus);
    }
}
