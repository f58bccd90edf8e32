package org.tidl.api;

/**
 * The gossip operator of an infinite translation-invariant graph (e.g. the infinite ring), given by its
 * eigenvalue λ(θ) at frequency θ ∈ [0, 2π)^dimension. Its spectral measure σ (paper Eq. 8) is the
 * image of the uniform distribution of θ under λ.
 *
 * @since 1
 */
public interface SpectralSymbol {

    /** Number of independent frequencies: 1 for the infinite ring, 2 for the infinite 2-D torus. */
    int dimension();

    /** The eigenvalue at frequency {@code theta} (length {@link #dimension()}); real for symmetric operators. */
    double eigenvalue(double[] theta);
}
