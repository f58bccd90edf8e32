package org.tidl.core.linalg;

import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.tidl.api.GossipMatrix;
import org.tidl.core.InvalidInputException;

/** Small dense helpers on row-major n×n arrays; eigenvalue work is delegated to EJML (pure Java). */
public final class Dense {

    private Dense() {
    }

    public static double[] of(GossipMatrix w) {
        int n = w.size();
        requireSize(n, Integer.MAX_VALUE, 1, "a dense copy of W");
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            final int row = i * n;
            w.forEachInRow(i, (j, v) -> a[row + j] = v);
        }
        return a;
    }

    /**
     * Refuses, with the numbers, a dense computation on n×n matrices that cannot finish or fit: n above
     * {@code maxN} (the route's limit), n² above Java's array limit, or {@code matrices} n×n doubles above the
     * free heap.
     *
     * @param what what needs the dense matrices (the message starts with it)
     */
    public static void requireSize(int n, int maxN, int matrices, String what) {
        long cells = (long) n * n;
        long bytes = 8 * cells * matrices;
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        String size = " (n = " + n + ": " + matrices + " matrices of n² = " + cells + " doubles, "
                + (bytes >> 20) + " MiB, and ~n³ = " + String.format(java.util.Locale.ROOT, "%.2g", (double) n * n * n)
                + " operations)";
        if (n > maxN) {
            throw new InvalidInputException(what + size + "; this route allows n <= " + maxN);
        }
        if (cells > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException(what + size + "; a Java array holds at most " + (Integer.MAX_VALUE - 8)
                    + " doubles (n <= 46340)");
        }
        if (bytes > free) {
            throw new InvalidInputException(what + size + "; only " + (free >> 20)
                    + " MiB of Java heap are free (raise TIDL_HEAP)");
        }
    }

    /** W = Wᵀ to {@code tol}, checked on the stored entries of both triangles. */
    public static boolean isSymmetric(GossipMatrix w, double tol) {
        int n = w.size();
        boolean[] ok = {true};
        for (int i = 0; i < n && ok[0]; i++) {
            final int row = i;
            w.forEachInRow(i, (j, v) -> {
                if (ok[0] && j != row && Math.abs(w.get(j, row) - v) > tol) {
                    ok[0] = false;
                }
            });
        }
        return ok[0];
    }

    public static double[] identity(int n) {
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            a[i * n + i] = 1;
        }
        return a;
    }

    /** C = A·B. */
    public static double[] multiply(double[] a, double[] b, int n) {
        double[] c = new double[n * n];
        for (int i = 0; i < n; i++) {
            int ci = i * n;
            for (int k = 0; k < n; k++) {
                double v = a[i * n + k];
                if (v == 0) {
                    continue;
                }
                int bk = k * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += v * b[bk + j];
                }
            }
        }
        return c;
    }

    /** C = A·Bᵀ. */
    public static double[] multiplyTransposed(double[] a, double[] b, int n) {
        double[] c = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                int ai = i * n;
                int bj = j * n;
                for (int k = 0; k < n; k++) {
                    s += a[ai + k] * b[bj + k];
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    /** diag(A·X·Aᵀ) without forming the product. */
    public static double[] diagonalOfSandwich(double[] a, double[] x, int n) {
        double[] ax = multiply(a, x, n);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < n; k++) {
                s += ax[i * n + k] * a[i * n + k];
            }
            d[i] = s;
        }
        return d;
    }

    public static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    public static boolean isSymmetric(double[] a, int n, double tol) {
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (Math.abs(a[i * n + j] - a[j * n + i]) > tol) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Eigen-decomposition of a symmetric matrix: values[k] and vectors (column k = eigenvector k, row-major). */
    public record SymmetricEigen(double[] values, double[] vectors) { }

    public static SymmetricEigen symmetricEigen(double[] a, int n) {
        DMatrixRMaj m = new DMatrixRMaj(n, n, true, a.clone());
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(m)) {
            throw new ArithmeticException("symmetric eigendecomposition did not converge");
        }
        double[] values = new double[n];
        double[] vectors = new double[n * n];
        for (int k = 0; k < n; k++) {
            values[k] = eig.getEigenvalue(k).real;
            DMatrixRMaj v = eig.getEigenVector(k);
            for (int i = 0; i < n; i++) {
                vectors[i * n + k] = v.get(i, 0);
            }
        }
        return new SymmetricEigen(values, vectors);
    }

    /** Moduli of the eigenvalues of a general square matrix. */
    public static double[] eigenvalueModuli(double[] a, int n, boolean symmetric) {
        DMatrixRMaj m = new DMatrixRMaj(n, n, true, a.clone());
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, symmetric);
        if (!eig.decompose(m)) {
            throw new ArithmeticException("eigenvalue computation did not converge");
        }
        double[] out = new double[n];
        for (int k = 0; k < n; k++) {
            Complex_F64 c = eig.getEigenvalue(k);
            out[k] = Math.hypot(c.real, c.imaginary);
        }
        return out;
    }

    /**
     * Solves the Stein (discrete Lyapunov) equation X = Q + s·T X Tᵀ by Smith's doubling:
     * X = Σ_m s^m T^m Q T^mᵀ, with 2^k terms after k squarings. Needs s·ρ(T)² < 1.
     */
    public static double[] stein(double[] t, double s, double[] q, int n) {
        double[] x = q.clone();
        double[] b = t.clone();
        double root = Math.sqrt(s);
        for (int i = 0; i < b.length; i++) {
            b[i] *= root;
        }
        for (int iter = 0; iter < 80; iter++) {
            double[] inc = multiplyTransposed(multiply(b, x, n), b, n);
            double incMax = maxAbs(inc);
            for (int i = 0; i < x.length; i++) {
                x[i] += inc[i];
            }
            if (incMax <= 1e-17 * maxAbs(x)) {
                return x;
            }
            b = multiply(b, b, n);
        }
        throw new ArithmeticException("Stein equation did not converge (is s·ρ(T)² < 1?)");
    }
}
