package org.tidl.dl;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tidl.api.GossipMatrix;
import org.tidl.api.WorkerMatrix;

/**
 * The deep-learning backend of {@link WorkerMatrix}: one c-order n × P ND4J matrix (off-heap), one row per
 * worker, whose rows the workers' networks use directly as their parameter (or gradient) arrays.
 *
 * <p>Every operation is one batched native call over the whole block, or one call per non-zero of W for the
 * gossip (BLAS axpy on row views), so a sparse topology gossips in O(non-zeros · P) and no temporary n × P
 * array is ever allocated.
 */
public final class NdWorkerMatrix implements WorkerMatrix {

    private final INDArray data;
    private final INDArray[] rows;

    public NdWorkerMatrix(INDArray data) {
        if (data.rank() != 2 || data.ordering() != 'c') {
            throw new IllegalArgumentException("need a c-order n x P matrix");
        }
        this.data = data;
        this.rows = new INDArray[(int) data.rows()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = data.getRow(i, true);
        }
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
        return new NdWorkerMatrix(Nd4j.create(data.dataType(), data.rows(), data.columns()));
    }

    @Override
    public void assign(WorkerMatrix src) {
        data.assign(of(src).data);
    }

    @Override
    public void setZero() {
        data.assign(0);
    }

    @Override
    public void scale(double a) {
        data.muli(a);
    }

    @Override
    public void addScaled(double a, WorkerMatrix x) {
        Nd4j.getBlasWrapper().level1().axpy(data.length(), a, of(x).data, data);
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
        var alpha = w.mixtureWeight();
        if (alpha.isPresent()) {
            // α·J/n + (1−α)·I without n² work: one column mean, then one row-vector add
            double a = alpha.getAsDouble();
            INDArray mean = data.mean(true, 0).muli(a);
            d.data.assign(data).muli(1 - a).addiRowVector(mean);
            return;
        }
        for (int i = 0; i < rows.length; i++) {
            INDArray out = d.rows[i];
            boolean[] first = {true};
            w.forEachInRow(i, (j, wij) -> {
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
    public void addScaledRow(int row, double a, WorkerMatrix x, int from) {
        Nd4j.getBlasWrapper().level1().axpy(rows[row].length(), a, of(x).rows[from], rows[row]);
    }

    @Override
    public void scaleRows(double[] a) {
        data.muliColumnVector(Nd4j.createFromArray(a).castTo(data.dataType()).reshape(a.length, 1));
    }

    @Override
    public double[] rowSquaredNorms() {
        double[] norms = data.norm2(1).castTo(DataType.DOUBLE).toDoubleVector();
        for (int i = 0; i < norms.length; i++) {
            norms[i] *= norms[i];
        }
        return norms;
    }

    private NdWorkerMatrix of(WorkerMatrix m) {
        if (!(m instanceof NdWorkerMatrix a)) {
            throw new IllegalArgumentException("cannot mix backends: " + m.getClass().getName());
        }
        if (a.rows.length != rows.length || a.data.columns() != data.columns()) {
            throw new IllegalArgumentException("shape mismatch");
        }
        return a;
    }
}
