package org.tidl.core.theory;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.tidl.core.linalg.Dense;

/**
 * The neighbourhood matrix M(γ) of a static gossip matrix W (paper Eq. 21) and the constant β(γ) of Eq. 22,
 * which Theorem 6 needs.
 *
 * <p>M(γ) = (1−γ) Σ_{k≥0} γ^k W^{k+1}(W^{k+1})ᵀ = (1−γ)·Σ_rw(γ), which is (1−γ)W²(I−γW²)⁻¹ for symmetric W.
 * β(γ) is the largest β with β·L_M ≼ sym(L_W W) on 1⊥, L_W = I − W, L_M = I − M: the smallest eigenvalue of
 * that pencil. Two routes: {@link #beta} solves the pencil for any W (Cholesky of L_M on an orthonormal basis
 * of 1⊥, then a symmetric eigenproblem); {@link #betaSymmetric} is the closed form Eq. 33 for symmetric W,
 * min over λ_i ≠ 1 of λ_i(1−γλ_i²)/(1+λ_i).
 */
public final class NeighborhoodMatrix {

    private NeighborhoodMatrix() {
    }

    /** M(γ), row-major n×n (Smith doubling of the Stein equation; any W with ρ(W) ≤ 1). */
    public static double[] of(double[] w, int n, double gamma) {
        double[] wwt = Dense.multiplyTransposed(w, w, n);
        double[] sigma = gamma == 0 ? wwt : Dense.stein(w, gamma, wwt, n);
        double[] m = sigma.clone();
        for (int i = 0; i < m.length; i++) {
            m[i] *= 1 - gamma;
        }
        return m;
    }

    /** β(γ) of Eq. 22 for any static W, from the generalized eigenproblem on 1⊥. */
    public static double beta(double[] w, int n, double gamma) {
        double[] m = of(w, n, gamma);
        // A = sym((I − W) W), B = I − M
        double[] lw = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                lw[i * n + j] = (i == j ? 1 : 0) - w[i * n + j];
            }
        }
        double[] a = Dense.multiply(lw, w, n);
        double[] sym = new double[n * n];
        double[] b = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                sym[i * n + j] = 0.5 * (a[i * n + j] + a[j * n + i]);
                b[i * n + j] = (i == j ? 1 : 0) - 0.5 * (m[i * n + j] + m[j * n + i]);
            }
        }
        DMatrixRMaj q = orthonormalComplementOfOnes(n);
        DMatrixRMaj ar = restrict(sym, q, n);
        DMatrixRMaj br = restrict(b, q, n);
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n - 1, true);
        if (!chol.decompose(br)) {
            throw new ArithmeticException("L_M is not positive definite on 1⊥ (is the graph connected and aperiodic?)");
        }
        DMatrixRMaj lower = chol.getT(null);
        DMatrixRMaj inv = new DMatrixRMaj(n - 1, n - 1);
        CommonOps_DDRM.invert(lower, inv);
        DMatrixRMaj t = new DMatrixRMaj(n - 1, n - 1);
        DMatrixRMaj k = new DMatrixRMaj(n - 1, n - 1);
        CommonOps_DDRM.mult(inv, ar, t);
        CommonOps_DDRM.multTransB(t, inv, k);
        double[] vals = Dense.symmetricEigen(symmetrized(k), n - 1).values();
        double min = Double.POSITIVE_INFINITY;
        for (double v : vals) {
            min = Math.min(min, v);
        }
        return min;
    }

    /** Eq. 33: β(γ) = min over eigenvalues λ ≠ 1 of λ(1−γλ²)/(1+λ) (symmetric W; λ = −1 gives −∞). */
    public static double betaSymmetric(double[] eigenvalues, double gamma) {
        double min = Double.POSITIVE_INFINITY;
        boolean skippedOne = false;
        for (double l : eigenvalues) {
            if (!skippedOne && Math.abs(l - 1) < 1e-10) {
                skippedOne = true; // the consensus direction 1
                continue;
            }
            min = Math.min(min, l <= -1 + 1e-15 ? Double.NEGATIVE_INFINITY : l * (1 - gamma * l * l) / (1 + l));
        }
        return min;
    }

    /** Helmert basis: n−1 orthonormal columns orthogonal to the all-ones vector. */
    private static DMatrixRMaj orthonormalComplementOfOnes(int n) {
        DMatrixRMaj q = new DMatrixRMaj(n, n - 1);
        for (int k = 1; k < n; k++) {
            double norm = Math.sqrt((double) k * (k + 1));
            for (int i = 0; i < k; i++) {
                q.set(i, k - 1, 1 / norm);
            }
            q.set(k, k - 1, -k / norm);
        }
        return q;
    }

    private static DMatrixRMaj restrict(double[] a, DMatrixRMaj q, int n) {
        DMatrixRMaj am = new DMatrixRMaj(n, n, true, a);
        DMatrixRMaj t = new DMatrixRMaj(n, n - 1);
        DMatrixRMaj out = new DMatrixRMaj(n - 1, n - 1);
        CommonOps_DDRM.mult(am, q, t);
        CommonOps_DDRM.multTransA(q, t, out);
        return out;
    }

    private static double[] symmetrized(DMatrixRMaj k) {
        int n = k.numRows;
        double[] out = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[i * n + j] = 0.5 * (k.get(i, j) + k.get(j, i));
            }
        }
        return out;
    }
}
