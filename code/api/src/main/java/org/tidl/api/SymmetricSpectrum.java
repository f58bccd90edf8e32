package org.tidl.api;

/**
 * Optional interface of a static {@link GossipScheme} whose matrix W is symmetric and whose eigen-decomposition
 * is known in closed form: W = Σ_g λ_g P_g, with P_g the orthogonal projector on the eigenspace of λ_g. The theory
 * (spectral gap, effective number of neighbors) then needs only the eigenvalues and, per worker i, the weights
 * (P_g)_ii, instead of an O(n³) dense eigen-decomposition; this is what lets a star or a chain of 2^20 workers
 * be described.
 *
 * <p>Implement it only when it is exactly true: the harness trusts it (it checks that the multiplicities add up
 * to n and that the eigenvalues lie in [−1, 1] with 1 among them).
 *
 * @since 1
 */
public interface SymmetricSpectrum {

    /** Number of eigenvalue groups listed. */
    int groups();

    /** λ_g. */
    double eigenvalue(int group);

    /** The dimension of group g's eigenspace; they add up to n. */
    long multiplicity(int group);

    /** Writes (P_g)_ii for g = 0 … groups()−1 into {@code out}; they add up to 1. */
    void weights(int worker, double[] out);

    /**
     * Workers among which every worker's weights occur (e.g. a star's hub and one leaf; both halves of a chain
     * mirror each other). Mode worst evaluates only these.
     */
    int[] distinctWorkers();
}
