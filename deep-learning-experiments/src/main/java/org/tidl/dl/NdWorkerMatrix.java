package org.tidl.dl;

import java.util.Locale;
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
        if (fusedPossible(d)) {
            fusedMix(w, d);
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

    private static final boolean CPU = Nd4j.getBackend().getClass().getSimpleName().toLowerCase(Locale.ROOT).contains("cpu");
    private static final int CHUNK = 4096;

    private boolean fusedPossible(NdWorkerMatrix d) {
        return CPU && data.dataType() == DataType.FLOAT && d.data.dataType() == DataType.FLOAT
                && data.offset() == 0 && d.data.offset() == 0 && data.ordering() == 'c' && d.data.ordering() == 'c' && !data.isView() && !d.data.isView()
                // the NIO views are int-indexed over at most 2^31 - 1 bytes: larger blocks take the axpy route
                && data.length() <= Integer.MAX_VALUE / Float.BYTES;
    }

    /**
     * dst_i = Σ_j w_ij src_j in one pass per output row (the axpy route re-reads and re-writes the output once
     * per neighbour): chunks of the neighbours' rows are summed in a Java array, then written once. Rows run on
     * all cores. Memory traffic: (non-zeros + n) · P floats, the least a sparse gossip can do.
     */
    private void fusedMix(GossipMatrix w, NdWorkerMatrix d) {
        java.nio.FloatBuffer src = data.data().asNioFloat();
        java.nio.FloatBuffer dst = d.data.data().asNioFloat();
        int p = Math.toIntExact(data.columns());
        java.util.stream.IntStream.range(0, rows.length).parallel().forEach(i -> {
            int[] cols = new int[rows.length];
            double[] weights = new double[rows.length];
            int[] count = {0};
            w.forEachInRow(i, (j, wij) -> {
                cols[count[0]] = j;
                weights[count[0]++] = wij;
            });
            float[] acc = new float[CHUNK];
            float[] in = new float[CHUNK];
            long base = (long) i * p;
            for (int from = 0; from < p; from += CHUNK) {
                int len = Math.min(CHUNK, p - from);
                java.util.Arrays.fill(acc, 0, len, 0f);
                for (int e = 0; e < count[0]; e++) {
                    src.get(Math.toIntExact((long) cols[e] * p + from), in, 0, len);
                    float wf = (float) weights[e];
                    for (int k = 0; k < len; k++) {
                        acc[k] += wf * in[k];
                    }
                }
                dst.put(Math.toIntExact(base + from), acc, 0, len);
            }
        });
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
