package org.tidl.api;

/**
 * Stochastic gradients of every worker's local objective. Each call draws fresh samples (the next minibatch
 * of every worker), so calling it twice at the same point gives two independent estimates.
 *
 * <p>The point (API 2): {@code at} may be the run's iterate (the matrix the harness passes to
 * {@link DecentralizedOptimizer#step}) or any other matrix of the same shape and backend (a look-ahead point, an
 * extrapolation, a compressed copy). Every oracle of the harness evaluates at any such point; {@link #cost()} says
 * what evaluating away from the iterate costs.
 *
 * @since 1
 */
public interface GradientOracle {

    /**
     * Writes worker i's stochastic gradient at row i of {@code at} into row i of {@code gradients}, and its
     * minibatch loss into {@code losses[i]}. {@code gradients} must differ from {@code at} and from the iterate;
     * neither {@code at} nor the iterate is changed.
     */
    void gradients(WorkerMatrix at, WorkerMatrix gradients, double[] losses);

    /**
     * sum ← sum + s · (the stochastic gradients at {@code at}): one oracle call (fresh minibatches, the losses
     * written as by {@link #gradients}) added straight into an accumulator, as DeTAG sums a phase's gradients. This
     * default is {@code gradients(at, scratch, losses)} then {@code sum.addScaled(s, scratch)}; an oracle may add
     * into {@code sum} directly, with no n × P gradient written and read back (the deep-learning engine's fused
     * MLP does, in its GEMMs), and then s · g + sum may be rounded once instead of twice. {@code sum} and
     * {@code scratch} (contents lost) differ from {@code at}, from the iterate and from each other.
     *
     * @since 2
     */
    default void addGradients(WorkerMatrix at, double s, WorkerMatrix sum, WorkerMatrix scratch, double[] losses) {
        if (sum == scratch) {
            throw new IllegalArgumentException("addGradients: the sum and the scratch matrix must differ");
        }
        gradients(at, scratch, losses);
        sum.addScaled(s, scratch);
    }

    /**
     * What a gradient at a point other than the iterate costs, compared with one at the iterate.
     *
     * @since 2
     */
    default Cost cost() {
        return Cost.SAME_AT_ANY_POINT;
    }

    /**
     * The price of evaluating away from the iterate.
     *
     * @since 2
     */
    enum Cost {
        /** The oracle reads the point it is given: any point costs what the iterate does (the quadratic oracles). */
        SAME_AT_ANY_POINT,
        /**
         * The model reads its parameters from the iterate, so each worker's row of {@code at} is copied into it
         * and the iterate's row restored afterwards: two extra copies of n × P values per call, and P values of
         * scratch per thread (the deep-learning engine on DL4J's layers).
         */
        COPIES_AWAY_FROM_ITERATE
    }
}
