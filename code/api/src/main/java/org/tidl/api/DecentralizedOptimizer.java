package org.tidl.api;

/**
 * One run of a decentralized optimizer: made by {@link OptimizerConfig#start}, with its state (momentum,
 * trackers, scratch) already allocated there; {@code step} only computes.
 *
 * @since 1
 */
public interface DecentralizedOptimizer {

    /**
     * Advances all workers by one step: reads and writes {@code x} in place (one row per worker). {@code x} is the
     * same matrix at every step of a run, of the shape and backend {@link RunContext} described.
     */
    void step(StepContext context, WorkerMatrix x);
}
