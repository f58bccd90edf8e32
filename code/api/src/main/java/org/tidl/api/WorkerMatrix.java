package org.tidl.api;

/**
 * The parameters of n workers, one row per worker (n × P), as the optimizers see them.
 *
 * <p>Every operation works on whole rows or the whole block at once, so a backend runs it as one tight loop
 * over primitive arrays ({@link ArrayWorkerMatrix}, the quadratic simulator) or as one batched ND4J op (the
 * deep-learning engine, whose networks read their parameters as views of the rows). Optimizers never touch
 * single elements; that is what lets one optimizer object drive both problems at full speed.
 *
 * @since 1
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

    /**
     * this ← c₀·t₀ + c₁·t₁ + … + c_{k−1}·t_{k−1}, summed left to right with every product and partial sum rounded to
     * the backend's precision: exactly {@code assign(t₀)}, {@code scale(c₀)} (skipped for c₀ = 1, where it changes
     * nothing), then {@code addScaled(c_m, t_m)} for m = 1, 2, …. {@code this} may be any of the terms (every
     * term is read before this is written). At least one term; as many coefficients as terms. A backend may
     * (and the built-in ones do) compute it in one pass: what keeps optimizers whose updates are several axpys
     * (gradient tracking, DeTAG) at the memory traffic they need.
     *
     * @since 2
     */
    default void combine(double[] coefficients, WorkerMatrix... terms) {
        Combinations.check(coefficients, terms, 1);
        for (int m = 1; m < terms.length; m++) {
            if (terms[m] == this) { // this is read after the first terms are written: compute aside
                WorkerMatrix aside = zerosLike();
                aside.combine(coefficients, terms);
                assign(aside);
                return;
            }
        }
        if (terms[0] != this) {
            assign(terms[0]);
        }
        if (coefficients[0] != 1) {
            scale(coefficients[0]);
        }
        int m = 1;
        for (; m + 1 < terms.length; m += 2) {
            addScaled(coefficients[m], terms[m], coefficients[m + 1], terms[m + 1]);
        }
        if (m < terms.length) {
            addScaled(coefficients[m], terms[m]);
        }
    }

    /**
     * this ← a · (W · source) + c₀·t₀ + c₁·t₁ + … (no terms: this ← a · (W · source)): a gossip round and the
     * optimizer's update around it (gradient tracking's x ← W x − η y, DeTAG's Z ← (1+η) W Z − η Z_prev written
     * over Z_prev). Rounded as {@code source.mix(w, scratch)}, {@code scratch.scale(a)} unless a = 1, then
     * {@code combine({1, c₀, c₁, …}, scratch, t₀, t₁, …)}, which is this default (computed in scratch and copied
     * when this is one of the terms, so that nothing is allocated). {@code source} may be this (an in-place gossip)
     * and this may be any of the terms; {@code scratch} (same shape and backend, contents lost) must differ from
     * all of them, and is what backends without a fused kernel work in. A backend may do it all in one pass (each
     * chunk of source read for all rows before any output is written).
     *
     * @since 2
     */
    default void mixCombine(GossipMatrix w, WorkerMatrix source, double a, WorkerMatrix scratch, double[] coefficients,
                            WorkerMatrix... terms) {
        Combinations.mixThenCombine(this, w, source, a, scratch, coefficients, terms, false);
    }

    /** Row {@code row} of this ← row {@code row} of this + a · (row {@code from} of x). */
    void addScaledRow(int row, double a, WorkerMatrix x, int from);

    /** Row i of this ← a_i · row i of this, for every worker. */
    void scaleRows(double[] a);

    /** ‖row i‖² for every worker. */
    double[] rowSquaredNorms();

    // ------------------------------------------------------------------ element-wise operations (API 2)
    // What adaptive methods (Adam: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g⊙g, x ← x − η m ⊘ (√v + ε)) and compressed
    // gossip (top-k and scaled-sign compressors) are made of, each still one pass over the whole block. IEEE
    // arithmetic: NaN and ±∞ go where the formula puts them, on every backend.

    /**
     * this ← this ⊙ x, the element-wise product.
     *
     * @since 2
     */
    void multiply(WorkerMatrix x);

    /**
     * this ← this ⊘ x, the element-wise quotient (a / 0 = ±∞, 0 / 0 = NaN).
     *
     * @since 2
     */
    void divide(WorkerMatrix x);

    /**
     * this ← this + a, for every entry.
     *
     * @since 2
     */
    void addScalar(double a);

    /**
     * this ← √this, element-wise (NaN for a negative entry).
     *
     * @since 2
     */
    void sqrt();

    /**
     * this ← |this|, element-wise.
     *
     * @since 2
     */
    void abs();

    /**
     * this ← sign(this), element-wise: −1, 0 or +1 (NaN stays NaN).
     *
     * @since 2
     */
    void sign();

    /**
     * this ← max(this, x), element-wise; NaN where either entry is NaN.
     *
     * @since 2
     */
    void maximum(WorkerMatrix x);

    /**
     * ‖row i‖₁ = Σ_k |x_ik| for every worker, summed in double precision.
     *
     * @since 2
     */
    double[] rowAbsoluteSums();

    /**
     * Keeps in every row the {@code k} entries of largest magnitude and sets the others to 0: the top-k
     * sparsification of compressed gossip. NaN ranks above ±∞ (a spoiled value is sent, not hidden), ties go to
     * the lower column, so every backend keeps the same entries; k ≥ P keeps the rows, k = 0 clears them.
     *
     * @since 2
     */
    void keepLargest(int k);
}
