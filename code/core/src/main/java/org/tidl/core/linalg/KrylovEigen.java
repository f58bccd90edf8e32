package org.tidl.core.linalg;

import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The rightmost (largest real part) real eigenvalue of a linear operator known only by its action, by a
 * thick-restarted Krylov method: Rayleigh–Ritz on an orthonormal Krylov basis that grows by the residual of
 * the chosen Ritz pair and, when full, restarts from its best Ritz vectors (mathematically Krylov–Schur,
 * Stewart 2001; for a symmetric operator it is thick-restart Lanczos with full reorthogonalisation). Unlike power
 * iteration its speed does not collapse when the top two eigenvalues are close.
 *
 * <p>Stops when the residual ‖A y − θ y‖ of the unit Ritz vector y is at most {@code tolerance}·|θ|, or at most
 * {@value #FLOOR_FACTOR}× that once it has stopped improving (rounding in the products sets a floor). For a
 * symmetric operator that residual bounds the eigenvalue error: some eigenvalue lies within it (and θ, a
 * Rayleigh quotient, never exceeds the largest). For a non-symmetric one the error is the residual times the
 * eigenvalue's condition number.
 */
public final class KrylovEigen {

    /** y = A x ({@code x} and {@code y} are distinct arrays of the operator's dimension). */
    @FunctionalInterface
    public interface Operator {
        void apply(double[] x, double[] y);
    }

    /**
     * @param value    the Ritz value
     * @param residual ‖A y − θ y‖ of its unit Ritz vector y
     * @param products operator applications used
     */
    public record Result(double value, double residual, int products) { }

    /** Raised when the residual did not reach the tolerance within the allowed products. */
    public static final class NotConverged extends ArithmeticException {
        private final transient Result best;

        NotConverged(Result best, double tolerance) {
            super("Krylov eigen-solver did not converge: relative residual "
                    + String.format(java.util.Locale.ROOT, "%.2g", best.residual() / Math.abs(best.value()))
                    + " > " + String.format(java.util.Locale.ROOT, "%.0e", tolerance) + " after " + best.products()
                    + " operator products");
            this.best = best;
        }

        public Result best() {
            return best;
        }
    }

    /** Products without the residual halving after which the rounding floor is assumed reached. */
    static final int STALL = 10;
    /** How far above the tolerance a residual stuck at the rounding floor may be and still be accepted. */
    public static final double FLOOR_FACTOR = 100;

    private KrylovEigen() {
    }

    /**
     * @param dim         operator dimension
     * @param start       start vector (not modified; must not be orthogonal to the wanted eigenvector)
     * @param symmetric   the operator is symmetric in the Euclidean inner product (Ritz values then real)
     * @param basisSize   largest basis (memory: 2·basisSize vectors of {@code dim} doubles)
     * @param tolerance   relative residual to reach
     * @param maxProducts give up after this many operator products
     */
    public static Result rightmost(Operator op, int dim, double[] start, boolean symmetric, int basisSize,
                                   double tolerance, int maxProducts) {
        int m = Math.max(1, Math.min(basisSize, dim));
        int keep = Math.max(1, Math.min(m - 2, Math.max(m / 3, 1)));
        double[][] v = new double[m][];
        double[][] av = new double[m][];
        double[][] h = new double[m][m];
        int products = 0;
        double[] first = start.clone();
        if (!(normalize(first) > 0)) {
            throw new IllegalArgumentException("start vector is zero");
        }
        int j = 0;
        Result best = null;
        int bestAt = 0;
        double[] w = first;
        while (true) {
            // extend the basis by w (orthonormal to the basis already)
            v[j] = w;
            av[j] = new double[dim];
            op.apply(w, av[j]);
            products++;
            for (int p = 0; p <= j; p++) {
                h[p][j] = dot(v[p], av[j]);
            }
            for (int q = 0; q < j; q++) {
                h[j][q] = dot(v[j], av[q]);
            }
            j++;

            Ritz[] ritz = ritz(h, j, symmetric);
            Ritz top = null;
            for (Ritz r : ritz) {
                if (r.vector != null && (top == null || r.value > top.value)) {
                    top = r;
                }
            }
            double[] residual = null;
            if (top != null) {
                residual = combination(av, top.vector, j);
                double[] y = combination(v, top.vector, j);
                for (int i = 0; i < dim; i++) {
                    residual[i] -= top.value * y[i];
                }
                double res = Math.sqrt(dot(residual, residual));
                Result now = new Result(top.value, res, products);
                if (best == null || res / Math.abs(top.value) < 0.5 * best.residual() / Math.abs(best.value())) {
                    best = now;
                    bestAt = products;
                }
                if (res <= tolerance * Math.abs(top.value) || j == dim) {
                    return now;
                }
                // The residual is computed from the products, so rounding puts a floor under it that grows with
                // the dimension (about 1e-12 relative for 10^6 unknowns). Once it has stopped halving for
                // STALL products, accept it if it is within FLOOR_FACTOR of the tolerance.
                if (products - bestAt >= STALL && best.residual() <= FLOOR_FACTOR * tolerance * Math.abs(best.value())) {
                    return best;
                }
            }
            if (products >= maxProducts) {
                throw new NotConverged(best != null ? best : new Result(Double.NaN, Double.NaN, products), tolerance);
            }
            if (j == m) {
                // thick restart: keep the best real Ritz vectors (an invariant subspace of h, so the span stays a
                // Krylov space), orthonormalised; the residual is orthogonal to all of them
                int k = 0;
                double[][] kept = new double[keep][];
                java.util.Arrays.sort(ritz, (x, y) -> Double.compare(y.value, x.value));
                for (Ritz r : ritz) {
                    if (r.vector != null && k < keep) {
                        kept[k++] = r.vector.clone();
                    }
                }
                double[][] q = orthonormalColumns(kept, k, j);
                double[][] nv = new double[m][];
                double[][] nav = new double[m][];
                for (int c = 0; c < q.length; c++) {
                    nv[c] = combination(v, q[c], j);
                    nav[c] = combination(av, q[c], j);
                }
                double[][] nh = new double[m][m];
                for (int p = 0; p < q.length; p++) {
                    for (int c = 0; c < q.length; c++) {
                        nh[p][c] = dot(nv[p], nav[c]);
                    }
                }
                v = nv;
                av = nav;
                h = nh;
                j = q.length;
            }
            // the next direction: the residual of the top Ritz pair (the next Krylov direction), or A·v_last
            w = residual != null ? residual : av[j - 1].clone();
            for (int pass = 0; pass < 2; pass++) {
                for (int p = 0; p < j; p++) {
                    double c = dot(v[p], w);
                    for (int i = 0; i < dim; i++) {
                        w[i] -= c * v[p][i];
                    }
                }
            }
            if (!(normalize(w) > 0)) {
                // an invariant subspace: the Ritz values are exact
                return best;
            }
        }
    }

    private record Ritz(double value, double[] vector) { }

    /** Eigenpairs of the leading j×j block of h; vector null for complex eigenvalues. */
    private static Ritz[] ritz(double[][] h, int j, boolean symmetric) {
        DMatrixRMaj a = new DMatrixRMaj(j, j);
        for (int p = 0; p < j; p++) {
            for (int q = 0; q < j; q++) {
                a.set(p, q, symmetric ? 0.5 * (h[p][q] + h[q][p]) : h[p][q]);
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(j, true, symmetric);
        if (!eig.decompose(a)) {
            throw new ArithmeticException("eigen-decomposition of the " + j + "×" + j + " projected matrix failed");
        }
        Ritz[] out = new Ritz[j];
        for (int k = 0; k < j; k++) {
            Complex_F64 z = eig.getEigenvalue(k);
            DMatrixRMaj vec = eig.getEigenVector(k);
            boolean real = symmetric || Math.abs(z.imaginary) <= 1e-14 * Math.max(Math.abs(z.real), 1e-300);
            double[] s = null;
            if (real && vec != null) {
                s = new double[j];
                double norm = 0;
                for (int p = 0; p < j; p++) {
                    s[p] = vec.get(p, 0);
                    norm += s[p] * s[p];
                }
                norm = Math.sqrt(norm);
                if (norm > 0) {
                    for (int p = 0; p < j; p++) {
                        s[p] /= norm;
                    }
                } else {
                    s = null;
                }
            }
            out[k] = new Ritz(z.real, s);
        }
        return out;
    }

    /** Orthonormal columns spanning the given j-vectors (modified Gram–Schmidt, twice; drops dependent ones). */
    private static double[][] orthonormalColumns(double[][] cols, int k, int j) {
        double[][] out = new double[k][];
        int r = 0;
        for (int c = 0; c < k; c++) {
            double[] x = cols[c];
            double before = Math.sqrt(dot(x, x));
            for (int pass = 0; pass < 2; pass++) {
                for (int p = 0; p < r; p++) {
                    double d = dot(out[p], x);
                    for (int i = 0; i < j; i++) {
                        x[i] -= d * out[p][i];
                    }
                }
            }
            double norm = Math.sqrt(dot(x, x));
            if (norm > 1e-10 * before) {
                for (int i = 0; i < j; i++) {
                    x[i] /= norm;
                }
                out[r++] = x;
            }
        }
        return java.util.Arrays.copyOf(out, r);
    }

    /** Σ_p s_p · basis[p] over the first j basis vectors. */
    private static double[] combination(double[][] basis, double[] s, int j) {
        int dim = basis[0].length;
        double[] y = new double[dim];
        for (int p = 0; p < j; p++) {
            double c = s[p];
            if (c == 0) {
                continue;
            }
            double[] b = basis[p];
            for (int i = 0; i < dim; i++) {
                y[i] += c * b[i];
            }
        }
        return y;
    }

    static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    private static double normalize(double[] x) {
        double norm = Math.sqrt(dot(x, x));
        if (norm > 0 && Double.isFinite(norm)) {
            for (int i = 0; i < x.length; i++) {
                x[i] /= norm;
            }
        }
        return norm;
    }
}
