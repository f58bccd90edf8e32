package org.tidl.api;

/**
 * The parameters of n workers, one row per worker (n × P), as the optimizers see them.
 *
 * <p>Every operation works on whole rows or the whole block at once, so a backend runs it as one tight loop
 * over primitive arrays ({@link ArrayWorkerMatrix}, the quadratic simulator) or as one batched ND4J op (the
 * deep-learning engine, whose networks read their parameters as views of the rows). Optimizers never touch
 * single elements; that is what lets one optimizer object drive both problems at full speed.
 */
public interface WorkerMatrix {

    /** Number of workers n (rows). */
    int rows();

    /** Parameters per worker P (columns). */
    long columns();

    /** A new zero matrix of the same shape and backend (optimizer state: momentum, trackers, scratch). */
    WorkerMatrix zerosLike();

    /** this ← src. */
    void assign(WorkerMatrix src);

    /** this ← 0. */
    void setZero();

    /** this ← a · this. */
    void scale(double a);

    /** this ← this + a · x. */
    void addScaled(double a, WorkerMatrix x);

    /**
     * this ← this + a · x + b · y, summed in that order (as {@code addScaled(a, x)} then {@code addScaled(b, y)},
     * which is this default). A backend may do it in one pass.
     */
    default void addScaled(double a, WorkerMatrix x, double b, WorkerMatrix y) {
        addScaled(a, x);
        addScaled(b, y);
    }

    /** dst ← W · this, i.e. dst_i = Σ_j w_ij this_j: the gossip step, O(non-zeros(W) · P). dst ≠ this. */
    void mix(GossipMatrix w, WorkerMatrix dst);

    /**
     * dst ← a · (W · this) + b · y (accelerated gossip: a = 1 + η, b = −η, y the previous iterate), computed as
     * {@code mix}, then {@code scale(a)} unless a = 1, then {@code addScaled(b, y)} (this default). dst ≠ this,
     * y ≠ dst. A backend may do it in one pass.
     */
    default void mix(GossipMatrix w, WorkerMatrix dst, double a, double b, WorkerMatrix y) {
        if (y == dst) {
            throw new IllegalArgumentException("mix: y must differ from dst");
        }
        mix(w, dst);
        if (a != 1) {
            dst.scale(a);
        }
        dst.addScaled(b, y);
    }

    /**
     * this ← W · this: the gossip step of an optimizer that keeps only the mixed iterate. {@code scratch} (same
     * shape and backend, contents lost) is working space for backends that need it; this default mixes into it
     * and copies back. A backend may do it in one pass over this (one read and one write per entry for a
     * sparse W), which is why optimizers should call it rather than {@code mix} followed by {@code assign}.
     */
    default void mixInPlace(GossipMatrix w, WorkerMatrix scratch) {
        mix(w, scratch);
        assign(scratch);
    }

    /** Row {@code row} of this ← row {@code row} of this + a · (row {@code from} of x). */
    void addScaledRow(int row, double a, WorkerMatrix x, int from);

    /** Row i of this ← a_i · row i of this, for every worker. */
    void scaleRows(double[] a);

    /** ‖row i‖² for every worker. */
    double[] rowSquaredNorms();
}
