package org.tidl.api;

/**
 * A {@link WorkerMatrix} held in one row-major {@code double[]} of n·P values: the backend of the quadratic
 * simulator, and a convenient one for testing optimizer plugins.
 *
 * @since 1
 */
public final class ArrayWorkerMatrix implements WorkerMatrix {

    private final int n;
    private final int p;
    private final double[] data;

    public ArrayWorkerMatrix(int rows, int columns) {
        if (rows < 1 || columns < 1) {
            throw new IllegalArgumentException("need rows, columns >= 1");
        }
        this.n = rows;
        this.p = columns;
        this.data = new double[Math.multiplyExact(rows, columns)];
    }

    /** The row-major values, shared (not copied). */
    public double[] data() {
        return data;
    }

    public double get(int row, int column) {
        return data[row * p + column];
    }

    public void set(int row, int column, double v) {
        data[row * p + column] = v;
    }

    @Override public int rows() { return n; }

    @Override public long columns() { return p; }

    @Override
    public ArrayWorkerMatrix zerosLike() {
        return new ArrayWorkerMatrix(n, p);
    }

    @Override
    public void assign(WorkerMatrix src) {
        System.arraycopy(of(src).data, 0, data, 0, data.length);
    }

    @Override
    public void setZero() {
        java.util.Arrays.fill(data, 0.0);
    }

    @Override
    public void scale(double a) {
        for (int i = 0; i < data.length; i++) {
            data[i] *= a;
        }
    }

    @Override
    public void addScaled(double a, WorkerMatrix x) {
        double[] xs = of(x).data;
        for (int i = 0; i < data.length; i++) {
            data[i] += a * xs[i];
        }
    }

    @Override
    public void mix(GossipMatrix w, WorkerMatrix dst) {
        ArrayWorkerMatrix d = of(dst);
        if (d == this) {
            throw new IllegalArgumentException("mix: dst must differ from the source");
        }
        if (w.size() != n) {
            throw new IllegalArgumentException("mix: W is " + w.size() + "x" + w.size() + ", expected " + n);
        }
        w.apply(data, d.data, p);
    }

    /** One pass, rounded as the default (double arithmetic, no fused multiply-add: the same bits). */
    @Override
    public void combine(double[] coefficients, WorkerMatrix... terms) {
        Combinations.check(coefficients, terms, 1);
        double[][] t = new double[terms.length][];
        for (int m = 0; m < t.length; m++) {
            t[m] = of(terms[m]).data;
        }
        double c0 = coefficients[0];
        double[] t0 = t[0];
        for (int i = 0; i < data.length; i++) {
            double s = c0 == 1 ? t0[i] : t0[i] * c0;
            for (int m = 1; m < t.length; m++) {
                s += coefficients[m] * t[m][i];
            }
            data[i] = s;
        }
    }

    /** The default without its copy: this {@link #combine} reads every term before it writes. */
    @Override
    public void mixCombine(GossipMatrix w, WorkerMatrix source, double a, WorkerMatrix scratch, double[] coefficients,
                           WorkerMatrix... terms) {
        Combinations.mixThenCombine(this, w, source, a, scratch, coefficients, terms, true);
    }

    @Override
    public void addScaledRow(int row, double a, WorkerMatrix x, int from) {
        double[] xs = of(x).data;
        int o = row * p;
        int f = from * p;
        for (int k = 0; k < p; k++) {
            data[o + k] += a * xs[f + k];
        }
    }

    @Override
    public void scaleRows(double[] a) {
        for (int i = 0; i < n; i++) {
            double s = a[i];
            int o = i * p;
            for (int k = 0; k < p; k++) {
                data[o + k] *= s;
            }
        }
    }

    @Override
    public double[] rowSquaredNorms() {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            int o = i * p;
            for (int k = 0; k < p; k++) {
                s += data[o + k] * data[o + k];
            }
            out[i] = s;
        }
        return out;
    }

    @Override
    public void multiply(WorkerMatrix x) {
        double[] xs = of(x).data;
        for (int i = 0; i < data.length; i++) {
            data[i] *= xs[i];
        }
    }

    @Override
    public void divide(WorkerMatrix x) {
        double[] xs = of(x).data;
        for (int i = 0; i < data.length; i++) {
            data[i] /= xs[i];
        }
    }

    @Override
    public void addScalar(double a) {
        for (int i = 0; i < data.length; i++) {
            data[i] += a;
        }
    }

    @Override
    public void sqrt() {
        for (int i = 0; i < data.length; i++) {
            data[i] = Math.sqrt(data[i]);
        }
    }

    @Override
    public void abs() {
        for (int i = 0; i < data.length; i++) {
            data[i] = Math.abs(data[i]);
        }
    }

    @Override
    public void sign() {
        for (int i = 0; i < data.length; i++) {
            data[i] = Math.signum(data[i]);
        }
    }

    @Override
    public void maximum(WorkerMatrix x) {
        double[] xs = of(x).data;
        for (int i = 0; i < data.length; i++) {
            data[i] = Math.max(data[i], xs[i]);
        }
    }

    @Override
    public double[] rowAbsoluteSums() {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            int o = i * p;
            for (int k = 0; k < p; k++) {
                s += Math.abs(data[o + k]);
            }
            out[i] = s;
        }
        return out;
    }

    @Override
    public void keepLargest(int k) {
        long[] scratch = k > 0 && k < p ? new long[p] : null;
        for (int i = 0; i < n; i++) {
            RowSelection.keepLargest(data, i * p, p, k, scratch);
        }
    }

    private ArrayWorkerMatrix of(WorkerMatrix m) {
        if (!(m instanceof ArrayWorkerMatrix a)) {
            throw new IllegalArgumentException("cannot mix backends: " + m.getClass().getName());
        }
        if (a.n != n || a.p != p) {
            throw new IllegalArgumentException("shape " + a.n + "x" + a.p + " does not match " + n + "x" + p);
        }
        return a;
    }
}
