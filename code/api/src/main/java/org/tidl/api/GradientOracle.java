package org.tidl.api;

/**
 * Stochastic gradients of every worker's local objective. Each call draws fresh samples (the next minibatch
 * of every worker), so calling it twice at the same point gives two independent estimates.
 */
public interface GradientOracle {

    /**
     * Writes worker i's stochastic gradient at row i of {@code x} into row i of {@code gradients}, and its
     * minibatch loss into {@code losses[i]}.
     */
    void gradients(WorkerMatrix x, WorkerMatrix gradients, double[] losses);
}
