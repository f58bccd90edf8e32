package org.tidl.api;

import java.util.Arrays;

/**
 * An n×n gossip matrix W, stored so that applying it costs O(non-zeros · d): sparse rows for graphs,
 * and closed forms for exact averaging (J/n) and its mixtures with the identity.
 *
 * <p>Immutable. Instances come from the static factories or {@link Builder}.
 *
 * @since 1
 */
public abstract class GossipMatrix {

    /** Receives one non-zero entry w_ij of a row. */
    @FunctionalInterface
    public interface Entry {
        void accept(int column, double weight);
    }

    GossipMatrix() {
    }

    /** n. */
    public abstract int size();

    /** w_ij. */
    public abstract double get(int i, int j);

    /** Calls {@code entry} for each non-zero w_ij of row i, in increasing j. */
    public abstract void forEachInRow(int i, Entry entry);

    /** Number of non-zero entries (the diagonal included). */
    public abstract long nonZeros();

    /**
     * y = W x for an n×d block stored row-major (worker i owns x[i·d .. i·d+d)): y_i = Σ_j w_ij x_j.
     * {@code x} and {@code y} must be different arrays.
     */
    public abstract void apply(double[] x, double[] y, int d);

    /**
     * For α·J/n + (1−α)·I made by {@link #averaging}, {@link #identity} or {@link #mixture}: α; otherwise empty.
     * Such matrices are symmetric and doubly stochastic by construction.
     */
    public java.util.OptionalDouble mixtureWeight() {
        return java.util.OptionalDouble.empty();
    }

    /** The dense matrix (n² doubles: only for moderate n). */
    public double[][] toDense() {
        int n = size();
        double[][] w = new double[n][n];
        for (int i = 0; i < n; i++) {
            double[] row = w[i];
            forEachInRow(i, (j, v) -> row[j] = v);
        }
        return w;
    }

    // ---------------------------------------------------------------- factories

    /** Exact averaging, J/n (every entry 1/n). */
    public static GossipMatrix averaging(int n) {
        return new Mixture(n, 1.0);
    }

    /** The identity: no communication. */
    public static GossipMatrix identity(int n) {
        return new Mixture(n, 0.0);
    }

    /** α·J/n + (1−α)·I, the matrix whose non-trivial eigenvalues all equal 1−α. */
    public static GossipMatrix mixture(int n, double alpha) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("mixture weight must be in [0, 1], got " + alpha);
        }
        return new Mixture(n, alpha);
    }

    /** A copy of a dense square matrix; zeros are not stored. */
    public static GossipMatrix fromDense(double[][] w) {
        int n = w.length;
        Builder b = builder(n);
        for (int i = 0; i < n; i++) {
            if (w[i].length != n) {
                throw new IllegalArgumentException("matrix is not square: row " + i + " has " + w[i].length
                        + " entries, expected " + n);
            }
            for (int j = 0; j < n; j++) {
                if (w[i][j] != 0.0) {
                    b.set(i, j, w[i][j]);
                }
            }
        }
        return b.build();
    }

    /** Collects entries row by row. */
    public static Builder builder(int n) {
        return new Builder(n);
    }

    /**
     * Builds a sparse matrix. Setting an entry twice keeps the last value. Rows longer than
     * {@value #HASHED_ROW} entries get a hash index, so building a row of d entries costs O(d) (a star's hub
     * with a million neighbours included), not O(d²).
     */
    public static final class Builder {
        private static final int HASHED_ROW = 16;
        private final int n;
        private int[][] cols;
        private double[][] vals;
        private int[] counts;
        private int[][] index; // per long row: open addressing on the column, storing slot + 1

        private Builder(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("matrix size must be >= 1, got " + n);
            }
            this.n = n;
            this.cols = new int[n][];
            this.vals = new double[n][];
            this.counts = new int[n];
            this.index = new int[n][];
        }

        public Builder set(int i, int j, double w) {
            if (i < 0 || i >= n || j < 0 || j >= n) {
                throw new IllegalArgumentException("entry (" + i + ", " + j + ") outside a " + n + "×" + n + " matrix");
            }
            int k = slot(i, j);
            if (k >= 0) {
                vals[i][k] = w;
                return this;
            }
            int c = counts[i];
            int[] cs = cols[i];
            if (cs == null) {
                cols[i] = cs = new int[4];
                vals[i] = new double[4];
            } else if (c == cs.length) {
                cols[i] = cs = Arrays.copyOf(cs, c * 2);
                vals[i] = Arrays.copyOf(vals[i], c * 2);
            }
            cs[c] = j;
            vals[i][c] = w;
            counts[i] = c + 1;
            if (index[i] != null) {
                if (2 * (c + 1) > index[i].length) {
                    reindex(i);
                } else {
                    insert(index[i], j, c);
                }
            } else if (c + 1 > HASHED_ROW) {
                reindex(i);
            }
            return this;
        }

        /** Where column j sits in row i, or −1. */
        private int slot(int i, int j) {
            int[] h = index[i];
            if (h == null) {
                int[] cs = cols[i];
                for (int k = 0; k < counts[i]; k++) {
                    if (cs[k] == j) {
                        return k;
                    }
                }
                return -1;
            }
            int mask = h.length - 1;
            for (int p = hash(j) & mask; h[p] != 0; p = (p + 1) & mask) {
                if (cols[i][h[p] - 1] == j) {
                    return h[p] - 1;
                }
            }
            return -1;
        }

        private void reindex(int i) {
            int c = counts[i];
            int size = Integer.highestOneBit(Math.max(4 * c, 64) - 1) << 1;
            int[] h = new int[size];
            for (int k = 0; k < c; k++) {
                insert(h, cols[i][k], k);
            }
            index[i] = h;
        }

        private static void insert(int[] h, int column, int k) {
            int mask = h.length - 1;
            int p = hash(column) & mask;
            while (h[p] != 0) {
                p = (p + 1) & mask;
            }
            h[p] = k + 1;
        }

        private static int hash(int j) {
            int x = j * 0x9E3779B9;
            return x ^ (x >>> 16);
        }

        /** w_ij, or 0 when unset. */
        public double get(int i, int j) {
            int k = slot(i, j);
            return k >= 0 ? vals[i][k] : 0.0;
        }

        /** Sum of row i so far. */
        public double rowSum(int i) {
            double s = 0;
            for (int k = 0; k < counts[i]; k++) {
                s += vals[i][k];
            }
            return s;
        }

        public GossipMatrix build() {
            long total = 0;
            for (int c : counts) {
                total += c;
            }
            if (total > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("matrix has too many non-zeros: " + total);
            }
            int[] rowStart = new int[n + 1];
            int[] colIdx = new int[(int) total];
            double[] w = new double[(int) total];
            int p = 0;
            long[] order = new long[0];
            for (int i = 0; i < n; i++) {
                rowStart[i] = p;
                int c = counts[i];
                if (c == 0) {
                    continue;
                }
                // columns are distinct within a row: sort (column, slot) pairs packed in longs, no boxing
                if (order.length < c) {
                    order = new long[Math.max(c, 2 * order.length)];
                }
                int[] cs = cols[i];
                for (int k = 0; k < c; k++) {
                    order[k] = ((long) cs[k] << 32) | k;
                }
                Arrays.sort(order, 0, c);
                for (int k = 0; k < c; k++) {
                    int slot = (int) order[k];
                    colIdx[p] = cs[slot];
                    w[p] = vals[i][slot];
                    p++;
                }
                cols[i] = null;
                vals[i] = null;
                index[i] = null;
            }
            rowStart[n] = p;
            cols = null;
            vals = null;
            index = null;
            return new Sparse(n, rowStart, colIdx, w);
        }
    }

    // ---------------------------------------------------------------- representations

    /** Compressed sparse rows. */
    static final class Sparse extends GossipMatrix {
        private final int n;
        private final int[] rowStart;
        private final int[] col;
        private final double[] w;

        Sparse(int n, int[] rowStart, int[] col, double[] w) {
            this.n = n;
            this.rowStart = rowStart;
            this.col = col;
            this.w = w;
        }

        @Override public int size() { return n; }

        @Override public double get(int i, int j) {
            int k = Arrays.binarySearch(col, rowStart[i], rowStart[i + 1], j);
            return k >= 0 ? w[k] : 0.0;
        }

        @Override public void forEachInRow(int i, Entry entry) {
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                if (w[k] != 0.0) {
                    entry.accept(col[k], w[k]);
                }
            }
        }

        @Override public long nonZeros() {
            long c = 0;
            for (double v : w) {
                if (v != 0.0) {
                    c++;
                }
            }
            return c;
        }

        @Override public void apply(double[] x, double[] y, int d) {
            checkBlock(x, y, d);
            for (int i = 0; i < n; i++) {
                int yo = i * d;
                int start = rowStart[i];
                int end = rowStart[i + 1];
                while (start < end && w[start] == 0.0) { // a stored zero is no edge (as forEachInRow): 0·∞ must not appear
                    start++;
                }
                if (start == end) {
                    Arrays.fill(y, yo, yo + d, 0.0);
                    continue;
                }
                // first entry assigns, the rest accumulate: no separate zeroing pass
                double a = w[start];
                int xo = col[start] * d;
                for (int c = 0; c < d; c++) {
                    y[yo + c] = a * x[xo + c];
                }
                for (int k = start + 1; k < end; k++) {
                    double b = w[k];
                    if (b == 0.0) {
                        continue;
                    }
                    int xk = col[k] * d;
                    for (int c = 0; c < d; c++) {
                        y[yo + c] += b * x[xk + c];
                    }
                }
            }
        }
    }

    /** α·J/n + (1−α)·I: α = 1 is exact averaging, α = 0 the identity. */
    static final class Mixture extends GossipMatrix {
        private final int n;
        private final double alpha;

        Mixture(int n, double alpha) {
            if (n < 1) {
                throw new IllegalArgumentException("matrix size must be >= 1, got " + n);
            }
            this.n = n;
            this.alpha = alpha;
        }

        @Override public int size() { return n; }

        @Override public double get(int i, int j) {
            return alpha / n + (i == j ? 1 - alpha : 0.0);
        }

        @Override public void forEachInRow(int i, Entry entry) {
            if (alpha == 0.0) {
                entry.accept(i, 1.0);
                return;
            }
            for (int j = 0; j < n; j++) {
                entry.accept(j, get(i, j));
            }
        }

        @Override public long nonZeros() {
            return alpha == 0.0 ? n : (long) n * n;
        }

        @Override public java.util.OptionalDouble mixtureWeight() {
            return java.util.OptionalDouble.of(alpha);
        }

        @Override public void apply(double[] x, double[] y, int d) {
            checkBlock(x, y, d);
            if (alpha == 0.0) {
                System.arraycopy(x, 0, y, 0, n * d);
                return;
            }
            double[] mean = new double[d];
            for (int i = 0; i < n; i++) {
                int o = i * d;
                for (int c = 0; c < d; c++) {
                    mean[c] += x[o + c];
                }
            }
            double s = alpha / n;
            for (int c = 0; c < d; c++) {
                mean[c] *= s;
            }
            double keep = 1 - alpha;
            for (int i = 0; i < n; i++) {
                int o = i * d;
                for (int c = 0; c < d; c++) {
                    y[o + c] = keep * x[o + c] + mean[c];
                }
            }
        }
    }

    void checkBlock(double[] x, double[] y, int d) {
        long need = (long) size() * d;
        if (x.length < need || y.length < need) {
            throw new IllegalArgumentException("block too short for " + size() + "×" + d);
        }
        if (x == y) {
            throw new IllegalArgumentException("apply needs distinct input and output arrays");
        }
    }
}
