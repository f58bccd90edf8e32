package org.tidl.api;

/**
 * An optimizer with its parameters checked: immutable, made once by {@link OptimizerProvider#configure} and shared
 * by every run (a sweep starts many runs from one configuration, possibly on several threads). The state of a
 * run (momentum, trackers, buffers) lives in the {@link DecentralizedOptimizer} that {@link #start} returns, as
 * DL4J separates an updater's configuration from its state.
 *
 * @since 2
 */
public interface OptimizerConfig {

    /**
     * The state one run keeps for n workers of P parameters: the n × P matrices it will take from
     * {@link RunContext#newMatrix()} and any further doubles. Asked before the run starts, to check that it fits in
     * memory; it must not depend on anything else, and must count every matrix {@link #start} allocates.
     */
    StateSize stateSize(int workers, long parameters);

    /**
     * Starts one run: allocates its state from {@code run} (all of it, here: nothing is allocated lazily in
     * {@code step}), reads what it needs of the scheme (spectral gap, degree), and returns the run, whose
     * {@code step} the harness then calls for t = first step, first step + 1, ... Throw
     * {@link IllegalArgumentException} when the run cannot work with this scheme (e.g. it needs a static W): the
     * user sees one line naming the optimizer.
     */
    DecentralizedOptimizer start(RunContext run);
}
