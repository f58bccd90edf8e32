package org.tidl.dl;

import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.tidl.api.GossipMatrix;
import org.tidl.api.RowSelection;
import org.tidl.api.WorkerMatrix;

/**
 * The deep-learning backend of {@link WorkerMatrix}: one c-order n × P ND4J matrix (off-heap), one row per
 * worker, whose rows the workers' networks use directly as their parameter (or gradient) arrays.
 *
 * <p>Every operation gives what {@link org.tidl.api.ArrayWorkerMatrix} gives, to the precision of the data type,
 * NaN and ±∞ included (WorkerMatrixConformanceTest runs one suite against both). On the CPU in single precision
 * (the training setting) the operations are the one-pass, all-core kernels of {@link FloatBlock}; otherwise
 * (double precision, the CUDA backend) they are batched ND4J ops, with the cases where ND4J departs from
 * IEEE arithmetic handled here: a scalar multiply or add of NaN (ND4J uses 1e-5), axpy with a zero
 * coefficient (BLAS skips it, so ∞ and NaN in x would not reach the result), sign and max of NaN; top-k selection
 * goes through the host on that route.
 */
public final class NdWorkerMatrix implements WorkerMatrix {

    private final INDArray data;
    private final INDArray[] rows;
    private final FloatBlock block; // null: ND4J ops

    public NdWorkerMatrix(INDArray data) {
        this(data, true);
    }

    /** {@code kernels = false} takes the ND4J-op route whatever the backend (tests run both routes on the CPU). */
    NdWorkerMatrix(INDArray data, boolean kernels) {
        if (data.rank() != 2 || data.ordering() != 'c') {
            throw new IllegalArgumentException("need a c-order n x P matrix");
        }
        this.data = data;
        this.rows = new INDArray[(int) data.rows()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = data.getRow(i, true);
        }
        this.block = kernels ? FloatBlock.of(data) : null;
    }

    /** True on ND4J's CPU backend (where the single-precision kernels and the fused MLP run). */
    public static boolean cpu() {
        return FloatBlock.isCpu();
    }

    public static NdWorkerMatrix zeros(DataType type, int n, long p) {
        return new NdWorkerMatrix(Nd4j.create(type, n, p));
    }

    /** The n × P array (shared). */
    public INDArray array() {
        return data;
    }

    /** Row i as a [1, P] view. */
    public INDArray row(int i) {
        return rows[i];
    }

    @Override public int rows() { return rows.length; }

    @Override public long columns() { return data.columns(); }

    @Override
    public NdWorkerMatrix zerosLike() {
        return new NdWorkerMatrix(Nd4j.create(data.dataType(), data.rows(), data.columns()), block != null);
    }

    @Override
    public void assign(WorkerMatrix src) {
        NdWorkerMatrix s = of(src);
        if (block != null && s.block != null) {
            block.copyFrom(s.block);
        } else {
            data.assign(s.data);
        }
    }

    @Override
    public void setZero() {
        if (block != null) {
            block.fill(0f);
        } else {
            data.assign(0);
        }
    }

    @Override
    public void scale(double a) {
        if (block != null) {
            block.scaleRows(new double[] {a});
        } else if (Double.isNaN(a)) {
            data.assign(Double.NaN); // x · NaN = NaN for every x; ND4J's muli(NaN) multiplies by 1e-5
        } else {
            data.muli(a);
        }
    }

    @Override
    public void addScaled(double a, WorkerMatrix x) {
        NdWorkerMatrix m = of(x);
        if (block != null && m.block != null) {
            block.addScaled(a, m.block);
        } else {
            axpy(a, m.data, data);
        }
    }

    @Override
    public void addScaled(double a, WorkerMatrix x, double b, WorkerMatrix y) {
        NdWorkerMatrix mx = of(x);
        NdWorkerMatrix my = of(y);
        if (block != null && mx.block != null && my.block != null) {
            block.addScaled(a, mx.block, b, my.block);
        } else {
            axpy(a, mx.data, data);
            axpy(b, my.data, data);
        }
    }

    /** y ← y + a·x on the ND4J route. BLAS returns at once for a = 0: then 0·x is added as an array op. */
    private static void axpy(double a, INDArray x, INDArray y) {
        if (a == 0) {
            y.addi(x.mul(0.0));
        } else {
            Nd4j.getBlasWrapper().level1().axpy(y.length(), a, x, y);
        }
    }

    @Override
    public void mix(GossipMatrix w, WorkerMatrix dst) {
        NdWorkerMatrix d = of(dst);
        if (d == this) {
            throw new IllegalArgumentException("mix: dst must differ from the source");
        }
        if (w.size() != rows.length) {
            throw new IllegalArgumentException("mix: W is " + w.size() + "x" + w.size() + ", expected " + rows.length);
        }
        if (block != null && d.block != null) {
            block.mix(w, d.block);
            return;
        }
        var alpha = w.mixtureWeight();
        if (alpha.isPresent()) {
            double a = alpha.getAsDouble();
            if (a == 0) {
                d.data.assign(data); // the identity: a NaN in one row stays there
                return;
            }
            // α·J/n + (1−α)·I without n² work: one column mean, then one row-vector add
            INDArray mean = data.mean(true, 0).muli(a);
            d.data.assign(data).muli(1 - a).addiRowVector(mean);
            return;
        }
        for (int i = 0; i < rows.length; i++) {
            INDArray out = d.rows[i];
            boolean[] first = {true};
            w.forEachInRow(i, (j, wij) -> { // w_ij ≠ 0 here
                if (first[0]) {
                    rows[j].mul(wij, out);
                    first[0] = false;
                } else {
                    Nd4j.getBlasWrapper().level1().axpy(out.length(), wij, rows[j], out);
                }
            });
            if (first[0]) {
                out.assign(0);
            }
        }
    }

    @Override
    public void mix(GossipMatrix w, WorkerMatrix dst, double a, double b, WorkerMatrix y) {
        NdWorkerMatrix d = of(dst);
        NdWorkerMatrix my = of(y);
        if (d == this || my == d) {
            throw new IllegalArgumentException("mix: dst must differ from the source and from y");
        }
        if (w.size() != rows.length) {
            throw new IllegalArgumentException("mix: W is " + w.size() + "x" + w.size() + ", expected " + rows.length);
        }
        if (block == null || d.block == null || my.block == null || !block.mix(w, d.block, a, b, my.block)) {
            WorkerMatrix.super.mix(w, dst, a, b, y);
        }
    }

    /** One pass on the CPU kernels; the default's composition of ND4J ops otherwise. */
    @Override
    public void combine(double[] coefficients, WorkerMatrix... terms) {
        FloatBlock[] blocks = blocks(terms);
        if (block != null && blocks != null && coefficients.length == terms.length && terms.length > 0) {
            block.combine(coefficients, blocks);
        } else {
            WorkerMatrix.super.combine(coefficients, terms);
        }
    }

    /** One pass on the CPU kernels (see {@link FloatBlock#mixCombine}); the default's composition otherwise. */
    @Override
    public void mixCombine(GossipMatrix w, WorkerMatrix source, double a, WorkerMatrix scratch, double[] coefficients,
                           WorkerMatrix... terms) {
        NdWorkerMatrix src = of(source);
        NdWorkerMatrix s = of(scratch);
        if (w.size() != rows.length) {
            throw new IllegalArgumentException("mix: W is " + w.size() + "x" + w.size() + ", expected " + rows.length);
        }
        if (s == this || s == src || java.util.Arrays.asList(terms).contains(s)) {
            throw new IllegalArgumentException("mixCombine: scratch must differ from this, the source and the terms");
        }
        FloatBlock[] blocks = blocks(terms);
        if (block == null || src.block == null || blocks == null || coefficients.length != terms.length
                || !src.block.mixCombine(w, block, a, coefficients, blocks)) {
            WorkerMatrix.super.mixCombine(w, source, a, scratch, coefficients, terms);
        }
    }

    /** The CPU blocks of the terms (checked to be of this shape and backend); null when one has none. */
    private FloatBlock[] blocks(WorkerMatrix[] terms) {
        FloatBlock[] out = new FloatBlock[terms.length];
        for (int m = 0; m < terms.length; m++) {
            out[m] = of(terms[m]).block;
            if (out[m] == null) {
                return null;
            }
        }
        return out;
    }

    @Override
    public void mixInPlace(GossipMatrix w, WorkerMatrix scratch) {
        NdWorkerMatrix s = of(scratch);
        if (s == this) {
            throw new IllegalArgumentException("mixInPlace: scratch must differ from this");
        }
        if (w.size() != rows.length) {
            throw new IllegalArgumentException("mix: W is " + w.size() + "x" + w.size() + ", expected " + rows.length);
        }
        if (block == null || !block.mixInPlace(w)) {
            mix(w, s);
            assign(s);
        }
    }

    @Override
    public void addScaledRow(int row, double a, WorkerMatrix x, int from) {
        NdWorkerMatrix m = of(x);
        if (block != null && m.block != null) {
            block.addScaledRow(row, a, m.block, from);
        } else {
            axpy(a, m.rows[from], rows[row]);
        }
    }

    @Override
    public void scaleRows(double[] a) {
        if (a.length != rows.length) {
            throw new IllegalArgumentException("scaleRows: " + a.length + " factors for " + rows.length + " rows");
        }
        if (block != null) {
            block.scaleRows(a);
        } else {
            data.muliColumnVector(Nd4j.createFromArray(a).castTo(data.dataType()).reshape(a.length, 1));
        }
    }

    @Override
    public double[] rowSquaredNorms() {
        if (block != null) {
            return block.rowSquaredNorms();
        }
        double[] out = new double[rows.length];
        for (int i = 0; i < out.length; i++) {
            INDArray r = rows[i].castTo(DataType.DOUBLE); // a float sum of squares overflows at |x| ≈ 1e19
            out[i] = r.mul(r).sumNumber().doubleValue();
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------ element-wise (API 2)

    @Override
    public void multiply(WorkerMatrix x) {
        NdWorkerMatrix m = of(x);
        if (block != null && m.block != null) {
            block.binary(FloatBlock.Binary.MULTIPLY, m.block);
        } else {
            data.muli(m.data);
        }
    }

    @Override
    public void divide(WorkerMatrix x) {
        NdWorkerMatrix m = of(x);
        if (block != null && m.block != null) {
            block.binary(FloatBlock.Binary.DIVIDE, m.block);
        } else {
            data.divi(m.data);
        }
    }

    @Override
    public void addScalar(double a) {
        if (block != null) {
            block.unary(FloatBlock.Unary.ADD, a);
        } else if (Double.isNaN(a)) {
            data.assign(Double.NaN); // x + NaN = NaN; ND4J's scalar add turns NaN into 1e-5
        } else {
            data.addi(a);
        }
    }

    @Override
    public void sqrt() {
        if (block != null) {
            block.unary(FloatBlock.Unary.SQRT, 0);
        } else {
            Transforms.sqrt(data, false);
        }
    }

    @Override
    public void abs() {
        if (block != null) {
            block.unary(FloatBlock.Unary.ABS, 0);
        } else {
            Transforms.abs(data, false);
        }
    }

    /** On the ND4J route: ND4J's sign maps NaN to 0, so a block holding NaN is done on the host (a diverged run). */
    @Override
    public void sign() {
        if (block != null) {
            block.unary(FloatBlock.Unary.SIGN, 0);
        } else if (data.isNaN().any()) {
            onHost(null, (u, v) -> Math.signum(u));
        } else {
            Transforms.sign(data, false);
        }
    }

    /** On the ND4J route: ND4J's max(a, b) is a &gt; b ? a : b (b where a is NaN), so NaN in this goes to the host. */
    @Override
    public void maximum(WorkerMatrix x) {
        NdWorkerMatrix m = of(x);
        if (block != null && m.block != null) {
            block.binary(FloatBlock.Binary.MAXIMUM, m.block);
        } else if (data.isNaN().any()) {
            onHost(m, Math::max);
        } else {
            Transforms.max(data, m.data, false);
        }
    }

    /** this ← f(this, x) (x may be null) entry by entry on the host, row by row: where ND4J departs from IEEE. */
    private void onHost(NdWorkerMatrix x, java.util.function.DoubleBinaryOperator f) {
        for (int i = 0; i < rows.length; i++) {
            double[] u = rows[i].toDoubleVector();
            double[] v = x == null ? null : x.rows[i].toDoubleVector();
            for (int k = 0; k < u.length; k++) {
                u[k] = f.applyAsDouble(u[k], v == null ? 0 : v[k]);
            }
            rows[i].assign(Nd4j.createFromArray(u).reshape(1, u.length).castTo(data.dataType()));
        }
    }

    @Override
    public double[] rowAbsoluteSums() {
        if (block != null) {
            return block.rowAbsoluteSums();
        }
        double[] out = new double[rows.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows[i].castTo(DataType.DOUBLE).norm1Number().doubleValue();
        }
        return out;
    }

    /**
     * On the ND4J route each row goes to the host and back (selection is not an ND4J op; every backend must keep the
     * same entries, which {@link RowSelection} decides).
     */
    @Override
    public void keepLargest(int k) {
        if (block != null) {
            block.keepLargest(k);
            return;
        }
        int p = (int) Math.min(Integer.MAX_VALUE, data.columns());
        if (k >= p) {
            return;
        }
        long[] scratch = new long[p];
        for (INDArray row : rows) {
            double[] v = row.toDoubleVector(); // exact for floats
            RowSelection.keepLargest(v, 0, p, k, scratch);
            row.assign(Nd4j.createFromArray(v).reshape(1, p).castTo(data.dataType()));
        }
    }

    private NdWorkerMatrix of(WorkerMatrix m) {
        if (!(m instanceof NdWorkerMatrix a)) {
            throw new IllegalArgumentException("cannot mix backends: " + m.getClass().getName());
        }
        if (a.rows.length != rows.length || a.data.columns() != data.columns()) {
            throw new IllegalArgumentException("shape " + a.rows.length + "x" + a.data.columns() + " does not match "
                    + rows.length + "x" + data.columns());
        }
        return a;
    }
}
