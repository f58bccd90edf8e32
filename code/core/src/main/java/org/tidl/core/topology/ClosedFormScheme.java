package org.tidl.core.topology;

import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.tidl.api.GossipMatrix;
import org.tidl.api.GossipScheme;
import org.tidl.api.SymmetricSpectrum;

/**
 * A static symmetric scheme with a closed-form eigen-decomposition ({@link SymmetricSpectrum}). W itself is built
 * only when something asks for it (simulation, graph facts), so the theory of a large star or chain never pays
 * for it.
 */
final class ClosedFormScheme implements GossipScheme, SymmetricSpectrum {

    /** (P_g)_ii of one worker. */
    @FunctionalInterface
    interface Weights {
        void of(int worker, double[] out);
    }

    private final int n;
    private final Supplier<GossipMatrix> build;
    private final double[] eigenvalues;
    private final long[] multiplicities;
    private final Weights weights;
    private final IntFunction<int[]> distinct;
    private GossipMatrix w;

    ClosedFormScheme(int n, Supplier<GossipMatrix> build, double[] eigenvalues, long[] multiplicities, Weights weights,
                     IntFunction<int[]> distinct) {
        this.n = n;
        this.build = build;
        this.eigenvalues = eigenvalues;
        this.multiplicities = multiplicities;
        this.weights = weights;
        this.distinct = distinct;
    }

    @Override public int size() { return n; }

    @Override public int period() { return 1; }

    @Override
    public synchronized GossipMatrix matrix(long t) {
        if (w == null) {
            w = build.get();
        }
        return w;
    }

    @Override public int groups() { return eigenvalues.length; }

    @Override public double eigenvalue(int group) { return eigenvalues[group]; }

    @Override public long multiplicity(int group) { return multiplicities[group]; }

    @Override public void weights(int worker, double[] out) { weights.of(worker, out); }

    @Override public int[] distinctWorkers() { return distinct.apply(n); }
}
