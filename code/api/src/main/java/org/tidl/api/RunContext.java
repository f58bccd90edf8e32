package org.tidl.api;

/**
 * What an optimizer's run learns when it starts ({@link OptimizerConfig#start}), before its first step: the shape
 * of the parameters, the run's seed, the gossip scheme's {@link SchemeInfo}, and where its state comes from.
 *
 * <p>Allocate every n × P matrix of state with {@link #newMatrix()} in {@code start}: the harness counts them
 * against {@link OptimizerConfig#stateSize} (a run that takes more than it declared fails, naming the optimizer),
 * and they live on the parameters' backend (the quadratic simulator's {@code double[]}, or the deep-learning
 * engine's ND4J memory). Draw random numbers only from {@code Seeds.stream(seed(), "your purpose", index)}, so
 * the run is reproducible from its seed.
 *
 * @since 2
 */
public interface RunContext {

    /** Number of workers n (rows of the parameter matrix). */
    int workers();

    /** Parameters per worker P (columns). */
    long parameters();

    /** The run's seed: the root of every random stream the optimizer draws ({@link Seeds}). */
    long seed();

    /** The gossip scheme the run uses (size, period, spectral gap, maximum degree). */
    SchemeInfo scheme();

    /** A new n × P matrix of zeros on the parameters' backend, counted against the declared state size. */
    WorkerMatrix newMatrix();

    /**
     * A context for a run on {@code like}'s shape and backend, without the harness's accounting: for an optimizer
     * plugin's own tests ({@code RunContext.of(new ArrayWorkerMatrix(n, p), SchemeInfo.of(scheme, () -> gap), 1)}).
     */
    static RunContext of(WorkerMatrix like, SchemeInfo scheme, long seed) {
        if (scheme.size() != like.rows()) {
            throw new IllegalArgumentException("the scheme has " + scheme.size() + " workers, the matrix " + like.rows()
                    + " rows");
        }
        return new RunContext() {
            @Override public int workers() { return like.rows(); }
            @Override public long parameters() { return like.columns(); }
            @Override public long seed() { return seed; }
            @Override public SchemeInfo scheme() { return scheme; }
            @Override public WorkerMatrix newMatrix() { return like.zerosLike(); }
        };
    }
}
