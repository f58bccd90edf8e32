package org.tidl.api;

/**
 * One run of a decentralized optimizer: created fresh per run by its {@link OptimizerProvider}, it keeps its
 * own state (momentum, trackers) and allocates it with {@link WorkerMatrix#zerosLike()} on the first step.
 */
public interface DecentralizedOptimizer {

    /** Advances all workers by one step: reads and writes {@code x} in place (one row per worker). */
    void step(StepContext context, WorkerMatrix x);
}
