package org.tidl.dl;

import java.nio.FloatBuffer;
import java.util.stream.IntStream;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tidl.api.GossipMatrix;

/**
 * The kernels of {@link NdWorkerMatrix} on the CPU: an n × P single-precision block in off-heap memory, read and
 * written as one {@link FloatBuffer} per row (so P, not n·P, must fit in an int).
 *
 * <p>Every operation is memory-bound, so each is one pass over its operands: chunks of a few KB are copied into
 * Java arrays (where the JIT vectorises the loop), combined, and written back once; the work is split into
 * segments that run on all cores (ND4J's own element-wise ops run on one core when OMP_NUM_THREADS=1, which
 * the per-worker forward/backward passes need). Arithmetic is IEEE single precision as Java defines it, so NaN
 * and ±∞ propagate exactly as in {@link org.tidl.api.ArrayWorkerMatrix}'s doubles: 0·∞ = NaN, NaN·0 = NaN, a
 * zero coefficient still multiplies (BLAS axpy skips α = 0 and ND4J's scalar multiply turns NaN into 1e-5,
 * which is why these are not used). Coefficients outside the normal float range are applied in double
 * precision so that, e.g., 1e-40 · x is not flushed to 0 · x.
 */
final class FloatBlock {

    /** Floats per bulk transfer: 8 KB, so the operands of one chunk stay in L1. */
    static final int CHUNK = 2048;
    /** Floats per parallel task (1 MB): large enough to amortise scheduling, small enough to balance two cores. */
    private static final int SEGMENT = 1 << 18;
    /** Below this many floats an operation runs on the calling thread. */
    private static final long PARALLEL_MIN = 1 << 16;

    final int n;
    final int p;
    private final FloatBuffer[] rows;

    private FloatBlock(int n, int p, FloatBuffer[] rows) {
        this.n = n;
        this.p = p;
        this.rows = rows;
    }

    /** The block behind a CPU, single-precision, c-order, non-view n × P array; null when that is not what it is. */
    static FloatBlock of(INDArray a) {
        if (!isCpu() || a.dataType() != DataType.FLOAT || a.rank() != 2 || a.ordering() != 'c' || a.isView()
                || a.offset() != 0 || a.columns() > Integer.MAX_VALUE - 8) {
            return null;
        }
        int n = Math.toIntExact(a.rows());
        int p = (int) a.columns();
        FloatBuffer[] rows = new FloatBuffer[n];
        FloatPointer base = new FloatPointer(a.data().addressPointer());
        for (int i = 0; i < n; i++) {
            long start = (long) i * p;
            rows[i] = new FloatPointer(base).position(start).limit(start + p).asBuffer();
        }
        return new FloatBlock(n, p, rows);
    }

    private static final boolean CPU = Nd4j.getBackend().getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT)
            .contains("cpu");

    static boolean isCpu() {
        return CPU;
    }

    // ------------------------------------------------------------------------------------------------ tasks

    /** One piece of an element-wise pass: columns [from, from + len) of one row. */
    @FunctionalInterface
    private interface Segment {
        void run(int row, int from, int len);
    }

    /** Runs {@code s} over every segment of every row, on all cores when the block is large. */
    private void forEachSegment(Segment s) {
        int perRow = (p + SEGMENT - 1) / SEGMENT;
        int tasks = n * perRow;
        IntStream range = IntStream.range(0, tasks);
        if ((long) n * p >= PARALLEL_MIN) {
            range = range.parallel();
        }
        range.forEach(t -> {
            int row = t / perRow;
            int from = (t % perRow) * SEGMENT;
            s.run(row, from, Math.min(SEGMENT, p - from));
        });
    }

    /** True when a coefficient loses nothing as a float (a normal float, or 0, or ±∞, or NaN). */
    private static boolean floatExact(double a) {
        float f = (float) a;
        return !Float.isFinite(f) ? !Double.isFinite(a) : a == 0 || Math.abs(f) >= Float.MIN_NORMAL;
    }

    // ------------------------------------------------------------------------------------------------ kernels

    /** this ← src. */
    void copyFrom(FloatBlock src) {
        forEachSegment((i, from, len) -> rows[i].put(from, src.rows[i], from, len));
    }

    /** this ← v everywhere. */
    void fill(float v) {
        forEachSegment((i, from, len) -> {
            float[] c = new float[Math.min(CHUNK, len)];
            java.util.Arrays.fill(c, v);
            for (int o = from; o < from + len; o += CHUNK) {
                rows[i].put(o, c, 0, Math.min(CHUNK, from + len - o));
            }
        });
    }

    /** Row i ← a_i · row i (one factor for all rows when {@code a} has length 1). */
    void scaleRows(double[] a) {
        forEachSegment((i, from, len) -> scaleSegment(rows[i], from, len, a.length == 1 ? a[0] : a[i]));
    }

    private static void scaleSegment(FloatBuffer row, int from, int len, double a) {
        float[] u = new float[Math.min(CHUNK, len)];
        boolean single = floatExact(a);
        float af = (float) a;
        for (int o = from; o < from + len; o += CHUNK) {
            int m = Math.min(CHUNK, from + len - o);
            row.get(o, u, 0, m);
            if (single) {
                for (int k = 0; k < m; k++) {
                    u[k] *= af;
                }
            } else {
                for (int k = 0; k < m; k++) {
                    u[k] = (float) (u[k] * a);
                }
            }
            row.put(o, u, 0, m);
        }
    }

    /** this ← this + a · x. */
    void addScaled(double a, FloatBlock x) {
        forEachSegment((i, from, len) -> axpySegment(rows[i], a, x.rows[i], from, len));
    }

    /** this ← (this + a · x) + b · y: two axpys in one pass, rounded as the two would be. */
    void addScaled(double a, FloatBlock x, double b, FloatBlock y) {
        forEachSegment((i, from, len) -> {
            int size = Math.min(CHUNK, len);
            float[] u = new float[size];
            float[] v = new float[size];
            float[] t = new float[size];
            boolean single = floatExact(a) && floatExact(b);
            float af = (float) a;
            float bf = (float) b;
            for (int o = from; o < from + len; o += CHUNK) {
                int m = Math.min(CHUNK, from + len - o);
                rows[i].get(o, u, 0, m);
                x.rows[i].get(o, v, 0, m);
                y.rows[i].get(o, t, 0, m);
                if (single) {
                    for (int k = 0; k < m; k++) {
                        u[k] = (u[k] + af * v[k]) + bf * t[k];
                    }
                } else {
                    for (int k = 0; k < m; k++) {
                        u[k] = (float) ((float) (u[k] + a * v[k]) + b * t[k]);
                    }
                }
                rows[i].put(o, u, 0, m);
            }
        });
    }

    /**
     * this ← Σ_m c_m · t_m in one pass, rounded as assign, scale (skipped for c₀ = 1) and the axpys in order would
     * be; this may be any of the terms (each chunk of every term is read before this chunk is written).
     */
    void combine(double[] c, FloatBlock[] t) {
        float[] cf = new float[c.length];
        boolean[] exact = new boolean[c.length]; // per term, as the axpy of that term alone would decide
        for (int m = 0; m < c.length; m++) {
            exact[m] = floatExact(c[m]);
            cf[m] = (float) c[m];
        }
        forEachSegment((i, from, len) -> {
            int size = Math.min(CHUNK, len);
            float[] u = new float[size];
            float[] v = new float[size];
            for (int o = from; o < from + len; o += CHUNK) {
                int m = Math.min(CHUNK, from + len - o);
                t[0].rows[i].get(o, u, 0, m);
                if (c[0] != 1) {
                    if (exact[0]) {
                        float c0 = cf[0];
                        for (int k = 0; k < m; k++) {
                            u[k] *= c0;
                        }
                    } else {
                        double c0 = c[0];
                        for (int k = 0; k < m; k++) {
                            u[k] = (float) (u[k] * c0);
                        }
                    }
                }
                for (int q = 1; q < t.length; q++) {
                    t[q].rows[i].get(o, v, 0, m);
                    if (exact[q]) {
                        float cq = cf[q];
                        for (int k = 0; k < m; k++) {
                            u[k] += cq * v[k];
                        }
                    } else {
                        double cq = c[q];
                        for (int k = 0; k < m; k++) {
                            u[k] = (float) (u[k] + cq * v[k]);
                        }
                    }
                }
                rows[i].put(o, u, 0, m);
            }
        });
    }

    /** Row {@code row} of this ← itself + a · row {@code from} of x. */
    void addScaledRow(int row, double a, FloatBlock x, int fromRow) {
        int perRow = (p + SEGMENT - 1) / SEGMENT;
        IntStream range = IntStream.range(0, perRow);
        if (p >= PARALLEL_MIN) {
            range = range.parallel();
        }
        range.forEach(s -> {
            int from = s * SEGMENT;
            axpySegment(rows[row], a, x.rows[fromRow], from, Math.min(SEGMENT, p - from));
        });
    }

    private static void axpySegment(FloatBuffer y, double a, FloatBuffer x, int from, int len) {
        int size = Math.min(CHUNK, len);
        float[] u = new float[size];
        float[] v = new float[size];
        boolean single = floatExact(a);
        float af = (float) a;
        for (int o = from; o < from + len; o += CHUNK) {
            int m = Math.min(CHUNK, from + len - o);
            y.get(o, u, 0, m);
            x.get(o, v, 0, m);
            if (single) {
                for (int k = 0; k < m; k++) {
                    u[k] += af * v[k];
                }
            } else {
                for (int k = 0; k < m; k++) {
                    u[k] = (float) (u[k] + a * v[k]);
                }
            }
            y.put(o, u, 0, m);
        }
    }

    // ---------------------------------------------------------------------------------- element-wise (API 2)

    /** An element-wise operation on this block alone. */
    enum Unary { SQRT, ABS, SIGN, ADD }

    /** An element-wise operation of this block with another: this ← this ∘ x. */
    enum Binary { MULTIPLY, DIVIDE, MAXIMUM }

    /**
     * this ← op(this), one pass; {@code a} is the scalar of {@link Unary#ADD} (applied in double precision when it is
     * outside the normal float range, as {@link #scaleRows}). IEEE single precision as Java defines it: √(negative) =
     * NaN, sign keeps NaN and ±0.
     */
    void unary(Unary op, double a) {
        boolean single = floatExact(a);
        float af = (float) a;
        forEachSegment((i, from, len) -> {
            float[] u = new float[Math.min(CHUNK, len)];
            for (int o = from; o < from + len; o += CHUNK) {
                int m = Math.min(CHUNK, from + len - o);
                rows[i].get(o, u, 0, m);
                switch (op) {
                    case SQRT -> {
                        for (int k = 0; k < m; k++) {
                            u[k] = (float) Math.sqrt(u[k]); // correctly rounded: a double has twice a float's digits
                        }
                    }
                    case ABS -> {
                        for (int k = 0; k < m; k++) {
                            u[k] = Math.abs(u[k]);
                        }
                    }
                    case SIGN -> {
                        for (int k = 0; k < m; k++) {
                            u[k] = Math.signum(u[k]);
                        }
                    }
                    case ADD -> {
                        if (single) {
                            for (int k = 0; k < m; k++) {
                                u[k] += af;
                            }
                        } else {
                            for (int k = 0; k < m; k++) {
                                u[k] = (float) (u[k] + a);
                            }
                        }
                    }
                }
                rows[i].put(o, u, 0, m);
            }
        });
    }

    /** this ← this ∘ x element-wise, one pass (Math.max: NaN when either is NaN). */
    void binary(Binary op, FloatBlock x) {
        forEachSegment((i, from, len) -> {
            int size = Math.min(CHUNK, len);
            float[] u = new float[size];
            float[] v = new float[size];
            for (int o = from; o < from + len; o += CHUNK) {
                int m = Math.min(CHUNK, from + len - o);
                rows[i].get(o, u, 0, m);
                x.rows[i].get(o, v, 0, m);
                switch (op) {
                    case MULTIPLY -> {
                        for (int k = 0; k < m; k++) {
                            u[k] *= v[k];
                        }
                    }
                    case DIVIDE -> {
                        for (int k = 0; k < m; k++) {
                            u[k] /= v[k];
                        }
                    }
                    case MAXIMUM -> {
                        for (int k = 0; k < m; k++) {
                            u[k] = Math.max(u[k], v[k]);
                        }
                    }
                }
                rows[i].put(o, u, 0, m);
            }
        });
    }

    /** Σ_k |x_ik| for every row, in double, in the fixed order of {@link #rowSquaredNorms}. */
    double[] rowAbsoluteSums() {
        return rowSums(true);
    }

    /**
     * Keeps the k entries of largest magnitude in every row ({@link org.tidl.api.RowSelection}: the same entries as
     * every other backend), the rows on all cores. Each row is read whole: P floats and P longs of scratch per task.
     */
    void keepLargest(int k) {
        if (k >= p) {
            return;
        }
        if (k <= 0) {
            fill(0f);
            return;
        }
        IntStream range = IntStream.range(0, n);
        if ((long) n * p >= PARALLEL_MIN) {
            range = range.parallel();
        }
        range.forEach(i -> {
            float[] row = new float[p];
            rows[i].get(0, row, 0, p);
            org.tidl.api.RowSelection.keepLargest(row, 0, p, k, new long[p]);
            rows[i].put(0, row, 0, p);
        });
    }

    /**
     * ‖row i‖² for every row, accumulated in double (a float sum of squares overflows at |x| ≈ 1e19) in a fixed
     * order: per segment, then the segments in order, so the result does not depend on the thread count.
     */
    double[] rowSquaredNorms() {
        return rowSums(false);
    }

    /** Σ_k |x_ik| ({@code abs}) or Σ_k x_ik² per row, in double, per segment then the segments in order. */
    private double[] rowSums(boolean abs) {
        int perRow = (p + SEGMENT - 1) / SEGMENT;
        double[] partial = new double[n * perRow];
        forEachSegment((i, from, len) -> {
            float[] u = new float[Math.min(CHUNK, len)];
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (int o = from; o < from + len; o += CHUNK) {
                int m = Math.min(CHUNK, from + len - o);
                rows[i].get(o, u, 0, m);
                int k = 0;
                if (abs) {
                    for (; k + 3 < m; k += 4) { // four independent sums: the adds pipeline
                        s0 += Math.abs(u[k]);
                        s1 += Math.abs(u[k + 1]);
                        s2 += Math.abs(u[k + 2]);
                        s3 += Math.abs(u[k + 3]);
                    }
                    for (; k < m; k++) {
                        s0 += Math.abs(u[k]);
                    }
                } else {
                    for (; k + 3 < m; k += 4) {
                        s0 += (double) u[k] * u[k];
                        s1 += (double) u[k + 1] * u[k + 1];
                        s2 += (double) u[k + 2] * u[k + 2];
                        s3 += (double) u[k + 3] * u[k + 3];
                    }
                    for (; k < m; k++) {
                        s0 += (double) u[k] * u[k];
                    }
                }
            }
            partial[i * perRow + from / SEGMENT] = (s0 + s1) + (s2 + s3);
        });
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < perRow; s++) {
                out[i] += partial[i * perRow + s];
            }
        }
        return out;
    }

    /**
     * dst ← W · this in one pass over the columns: for each chunk of columns, every output row is summed from its
     * neighbours' chunks (which the previous rows just brought into cache) and written once. Memory traffic:
     * one read of this and one write of dst for banded graphs (the ring), (non-zeros + n) · P floats at worst.
     * The sum runs in increasing j, as {@link GossipMatrix#apply}.
     */
    void mix(GossipMatrix w, FloatBlock dst) {
        gossip(w, dst, null);
    }

    /**
     * dst ← a · (W · this) + b · y in the same single pass, rounded as mix, scale (skipped for a = 1) and axpy
     * would be. False, and nothing done, for coefficients outside the normal float range or for W given as
     * α·J/n + (1−α)·I (then the caller composes the three steps).
     */
    boolean mix(GossipMatrix w, FloatBlock dst, double a, double b, FloatBlock y) {
        return mixCombine(w, dst, a, new double[] {b}, new FloatBlock[] {y});
    }

    /**
     * dst ← a · (W · this) + Σ_m c_m · t_m in one pass, rounded as mix, scale (skipped for a = 1) and the axpys in
     * order would be. dst may be this (then each chunk of columns is read for all rows before any is written) and
     * any of the terms (row i of a term is read before row i of dst is written, by the same task). False, and
     * nothing done, for coefficients outside the normal float range, for W given as α·J/n + (1−α)·I, or in place
     * on more than {@value #CACHED_ROWS} rows (then the caller composes the steps).
     */
    boolean mixCombine(GossipMatrix w, FloatBlock dst, double a, double[] c, FloatBlock[] terms) {
        if (!floatExact(a) || w.mixtureWeight().isPresent() || (dst == this && n > CACHED_ROWS)) {
            return false;
        }
        float[] cf = new float[c.length];
        for (int m = 0; m < c.length; m++) {
            if (!floatExact(c[m])) {
                return false;
            }
            cf[m] = (float) c[m];
        }
        gossip(w, dst, new Combine((float) a, a == 1, cf, terms));
        return true;
    }

    /**
     * this ← W · this in the same single pass (each chunk of columns is read for all rows before any is
     * written). False, and nothing done, when W has more than {@value #CACHED_ROWS} rows (then mix into a
     * scratch block and copy).
     */
    boolean mixInPlace(GossipMatrix w) {
        var alpha = w.mixtureWeight();
        if (alpha.isPresent() && alpha.getAsDouble() == 0) {
            return true;
        }
        if (alpha.isEmpty() && n > CACHED_ROWS) {
            return false;
        }
        gossip(w, this, null);
        return true;
    }

    /** dst ← a · (W · this) + Σ_m c_m · t_m; {@code unitA}: a is exactly 1 (no multiply, as mix then axpy). */
    private record Combine(float a, boolean unitA, float[] c, FloatBlock[] terms) {
        /** acc ← a · acc + Σ_m c_m · cached[m][row][0 .. len), in that order (the terms' chunks, read already). */
        void apply(float[] acc, float[][][] cached, int row, int len) {
            if (!unitA) {
                for (int k = 0; k < len; k++) {
                    acc[k] *= a;
                }
            }
            for (int m = 0; m < terms.length; m++) {
                float[] t = cached[m][row];
                float cm = c[m];
                for (int k = 0; k < len; k++) {
                    acc[k] += cm * t[k];
                }
            }
        }

        /** acc ← a · acc + Σ_m c_m · t_m[row][o .. o + m), in that order, through {@code scratch}. */
        void apply(float[] acc, float[] scratch, int row, int o, int len) {
            if (!unitA) {
                for (int k = 0; k < len; k++) {
                    acc[k] *= a;
                }
            }
            for (int m = 0; m < terms.length; m++) {
                terms[m].rows[row].get(o, scratch, 0, len);
                float cm = c[m];
                for (int k = 0; k < len; k++) {
                    acc[k] += cm * scratch[k];
                }
            }
        }
    }

    /** {@code combine}: null for dst ← W · this. */
    private void gossip(GossipMatrix w, FloatBlock dst, Combine combine) {
        var alpha = w.mixtureWeight();
        if (alpha.isPresent() && alpha.getAsDouble() == 0) {
            dst.copyFrom(this); // the identity: a NaN in one row stays there
            return;
        }
        int[][] cols = new int[n][];
        float[][] weights = new float[n][];
        if (alpha.isEmpty()) {
            for (int i = 0; i < n; i++) {
                int[] count = {0};
                int[][] cr = {new int[8]};
                float[][] vr = {new float[8]};
                w.forEachInRow(i, (j, wij) -> {
                    if (count[0] == cr[0].length) {
                        cr[0] = java.util.Arrays.copyOf(cr[0], 2 * count[0]);
                        vr[0] = java.util.Arrays.copyOf(vr[0], 2 * count[0]);
                    }
                    cr[0][count[0]] = j;
                    vr[0][count[0]++] = (float) wij;
                });
                cols[i] = java.util.Arrays.copyOf(cr[0], count[0]);
                weights[i] = java.util.Arrays.copyOf(vr[0], count[0]);
            }
        }
        // tasks: column segments × row blocks, enough of them to keep every core busy; in place, every task
        // owns whole columns (a row block would overwrite rows that another block still reads)
        int threads = Math.max(1, java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 1);
        int segment = Math.max(CHUNK, Math.min(SEGMENT, ceilToChunk((p + 4 * threads - 1) / (4 * threads))));
        int columnTasks = (p + segment - 1) / segment;
        int rowBlocks = alpha.isPresent() || dst == this ? 1
                : Math.max(1, Math.min(n, (4 * threads + columnTasks - 1) / columnTasks));
        int rowsPerBlock = (n + rowBlocks - 1) / rowBlocks;
        IntStream range = IntStream.range(0, columnTasks * rowBlocks);
        if ((long) n * p >= PARALLEL_MIN) {
            range = range.parallel();
        }
        range.forEach(t -> {
            int from = (t % columnTasks) * segment;
            int len = Math.min(segment, p - from);
            int r0 = (t / columnTasks) * rowsPerBlock;
            int r1 = Math.min(n, r0 + rowsPerBlock);
            if (alpha.isPresent()) {
                mixtureSegment(alpha.getAsDouble(), dst, from, len);
            } else {
                sparseSegment(cols, weights, dst, r0, r1, from, len, combine);
            }
        });
    }

    private static int ceilToChunk(int v) {
        return (v + CHUNK - 1) / CHUNK * CHUNK;
    }

    /**
     * Floats per row and chunk in the gossip (2 KB): every row's chunk and the output stay in L1/L2; measured on
     * the 64 × 4M ring, 512 runs about twice as fast as 2048 and 10 % faster than 256 or 1024.
     */
    private static final int GOSSIP_CHUNK = 512;

    /** Above this many rows a gossip chunk is read neighbour by neighbour instead of all rows at once. */
    private static final int CACHED_ROWS = 1024;

    private void sparseSegment(int[][] cols, float[][] weights, FloatBlock dst, int r0, int r1, int from, int len,
                               Combine combine) {
        if (n <= CACHED_ROWS) { // always the case in place (see mixInPlace)
            cachedSparseSegment(cols, weights, dst, r0, r1, from, len, combine);
            return;
        }
        int size = Math.min(CHUNK, len);
        float[] acc = new float[size];
        float[] in = new float[size];
        for (int o = from; o < from + len; o += CHUNK) {
            int m = Math.min(CHUNK, from + len - o);
            for (int i = r0; i < r1; i++) {
                int[] c = cols[i];
                float[] wt = weights[i];
                if (c.length == 0) {
                    java.util.Arrays.fill(acc, 0, m, 0f);
                } else {
                    rows[c[0]].get(o, acc, 0, m);
                    float w0 = wt[0];
                    for (int k = 0; k < m; k++) {
                        acc[k] *= w0;
                    }
                    for (int e = 1; e < c.length; e++) {
                        rows[c[e]].get(o, in, 0, m);
                        float we = wt[e];
                        for (int k = 0; k < m; k++) {
                            acc[k] += we * in[k];
                        }
                    }
                }
                if (combine != null) {
                    combine.apply(acc, in, i, o, m);
                }
                dst.rows[i].put(o, acc, 0, m);
            }
        }
    }

    /**
     * The gossip of a chunk of columns with every source row's chunk read once into a local n × m array (at most
     * 1 MB, in L2) before any output is written: the copies cost one per input and one per output element,
     * whatever the degree, and {@code dst} may be this block.
     */
    private void cachedSparseSegment(int[][] cols, float[][] weights, FloatBlock dst, int r0, int r1, int from, int len,
                                     Combine combine) {
        boolean[] needed = new boolean[n];
        for (int i = r0; i < r1; i++) {
            for (int j : cols[i]) {
                needed[j] = true;
            }
        }
        int chunk = Math.max(256, Math.min(GOSSIP_CHUNK, (1 << 18) / n));
        int size = Math.min(chunk, len);
        float[][] cache = new float[n][]; // one array per row: the JIT vectorises a[k] ⊕ b[k], not b[j·size + k]
        for (int j = 0; j < n; j++) {
            cache[j] = needed[j] ? new float[size] : null;
        }
        float[] acc = new float[size];
        // the terms' chunks of the task's rows, read in one sweep as the source's (5-10 % faster than reading them
        // row by row between the outputs, at the edge of the noise)
        float[][][] termCache = combine == null ? null : new float[combine.terms().length][r1 - r0][size];
        for (int o = from; o < from + len; o += chunk) {
            int m = Math.min(chunk, from + len - o);
            for (int j = 0; j < n; j++) {
                if (needed[j]) {
                    rows[j].get(o, cache[j], 0, m);
                }
            }
            if (combine != null) {
                for (int q = 0; q < termCache.length; q++) {
                    for (int i = r0; i < r1; i++) {
                        combine.terms()[q].rows[i].get(o, termCache[q][i - r0], 0, m);
                    }
                }
            }
            for (int i = r0; i < r1; i++) {
                int[] c = cols[i];
                float[] wt = weights[i];
                if (c.length < 2) {
                    if (c.length == 0) {
                        java.util.Arrays.fill(acc, 0, m, 0f);
                    } else {
                        float[] x0 = cache[c[0]];
                        float w0 = wt[0];
                        for (int k = 0; k < m; k++) {
                            acc[k] = w0 * x0[k];
                        }
                    }
                    if (combine != null) {
                        combine.apply(acc, termCache, i - r0, m);
                    }
                } else {
                    gossipRow(acc, c, wt, cache, combine, termCache, i - r0, m);
                }
                dst.rows[i].put(o, acc, 0, m);
            }
        }
    }

    /**
     * acc ← a · (Σ_e w_e · x_e) + Σ_m c_m · t_m for a row of degree ≥ 2, rounded exactly as the pass per edge, the
     * scale and the pass per term would be (Java evaluates each float operation with one rounding, left to right,
     * so the fused expressions give the same bits), in fewer passes over acc: the first two edges in one loop and
     * the last edge, the scale and up to two terms in another. Every loop is a plain a[k] = f(b[k], c[k], ...) over
     * heap arrays, which the JIT vectorises; the branches on the number of terms and on a are outside the loops.
     */
    private static void gossipRow(float[] acc, int[] c, float[] wt, float[][] cache, Combine combine,
                                  float[][][] termCache, int row, int m) {
        int last = c.length - 1;
        float[] x0 = cache[c[0]];
        float w0 = wt[0];
        if (last == 1) {
            for (int k = 0; k < m; k++) {
                acc[k] = w0 * x0[k];
            }
        } else {
            float[] x1 = cache[c[1]];
            float w1 = wt[1];
            for (int k = 0; k < m; k++) {
                acc[k] = w0 * x0[k] + w1 * x1[k];
            }
            for (int e = 2; e < last; e++) {
                float[] xe = cache[c[e]];
                float we = wt[e];
                for (int k = 0; k < m; k++) {
                    acc[k] += we * xe[k];
                }
            }
        }
        float[] xl = cache[c[last]];
        float wl = wt[last];
        int terms = combine == null ? 0 : combine.terms().length;
        boolean unitA = combine == null || combine.unitA();
        float a = combine == null ? 1f : combine.a();
        float[] t0 = terms > 0 ? termCache[0][row] : null;
        float[] t1 = terms > 1 ? termCache[1][row] : null;
        float c0 = terms > 0 ? combine.c()[0] : 0f;
        float c1 = terms > 1 ? combine.c()[1] : 0f;
        if (unitA) {
            if (terms == 0) {
                for (int k = 0; k < m; k++) {
                    acc[k] += wl * xl[k];
                }
            } else if (terms == 1) {
                for (int k = 0; k < m; k++) {
                    acc[k] = (acc[k] + wl * xl[k]) + c0 * t0[k];
                }
            } else {
                for (int k = 0; k < m; k++) {
                    acc[k] = ((acc[k] + wl * xl[k]) + c0 * t0[k]) + c1 * t1[k];
                }
            }
        } else {
            if (terms == 0) {
                for (int k = 0; k < m; k++) {
                    acc[k] = a * (acc[k] + wl * xl[k]);
                }
            } else if (terms == 1) {
                for (int k = 0; k < m; k++) {
                    acc[k] = a * (acc[k] + wl * xl[k]) + c0 * t0[k];
                }
            } else {
                for (int k = 0; k < m; k++) {
                    acc[k] = (a * (acc[k] + wl * xl[k]) + c0 * t0[k]) + c1 * t1[k];
                }
            }
        }
        for (int q = 2; q < terms; q++) {
            float[] t = termCache[q][row];
            float cq = combine.c()[q];
            for (int k = 0; k < m; k++) {
                acc[k] += cq * t[k];
            }
        }
    }

    /** α·J/n + (1−α)·I: the column means (summed in double), then y_i = (1−α)·x_i + α·mean. */
    private void mixtureSegment(double alpha, FloatBlock dst, int from, int len) {
        int size = Math.min(CHUNK, len);
        float[] u = new float[size];
        double[] sum = new double[size];
        float[] mean = new float[size];
        float keep = (float) (1 - alpha);
        double s = alpha / n;
        for (int o = from; o < from + len; o += CHUNK) {
            int m = Math.min(CHUNK, from + len - o);
            java.util.Arrays.fill(sum, 0, m, 0.0);
            for (int i = 0; i < n; i++) {
                rows[i].get(o, u, 0, m);
                for (int k = 0; k < m; k++) {
                    sum[k] += u[k];
                }
            }
            for (int k = 0; k < m; k++) {
                mean[k] = (float) (s * sum[k]);
            }
            for (int i = 0; i < n; i++) {
                rows[i].get(o, u, 0, m);
                for (int k = 0; k < m; k++) {
                    u[k] = keep * u[k] + mean[k];
                }
                dst.rows[i].put(o, u, 0, m);
            }
        }
    }
}
