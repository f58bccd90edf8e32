package org.tidl.api;

/**
 * Optional interface of a {@link GossipScheme} whose matrices W(t) are all convolutions on one finite
 * abelian group (circulant matrices on Z_n, the torus Z_r × Z_c, the hypercube Z_2^d). They are then
 * all diagonal in the group's character basis, whose vectors have entries of modulus 1/√n, so the
 * theory (effective number of neighbors, spectral gap) needs only their eigenvalues: O(n · period)
 * work instead of O(n³), which makes n up to 2^20 possible.
 *
 * <p>Implement it only when it is exactly true: the harness trusts it.
 *
 * @since 1
 */
public interface ConvolutionSpectrum {

    /**
     * Writes the eigenvalues of W(t), one per character, into {@code re} and {@code im} (length n).
     * Character k must mean the same basis vector for every t.
     */
    void eigenvalues(long t, double[] re, double[] im);
}
