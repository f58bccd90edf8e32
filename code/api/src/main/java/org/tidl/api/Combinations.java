package org.tidl.api;

import java.util.Arrays;

/**
 * The argument check of {@link WorkerMatrix#combine} and {@link WorkerMatrix#mixCombine}, and the composed form of
 * {@code mixCombine} (gossip into scratch, scale, combine) that the interface's default and {@link ArrayWorkerMatrix}
 * share: one place decides how it is rounded.
 */
final class Combinations {

    private Combinations() {
    }

    static void check(double[] coefficients, WorkerMatrix[] terms, int minTerms) {
        if (coefficients.length != terms.length) {
            throw new IllegalArgumentException("combine: " + coefficients.length + " coefficients for " + terms.length
                    + " terms");
        }
        if (terms.length < minTerms) {
            throw new IllegalArgumentException("combine: no terms");
        }
    }

    /**
     * target ← a · (W · source) + Σ cₘ·tₘ, as {@code source.mix(w, scratch)}, {@code scratch.scale(a)} unless a = 1,
     * then {@code combine({1, c₀, …}, scratch, t₀, …)}. {@code combineReadsFirst}: the target's {@code combine}
     * reads every term before it writes, so it may run in place on a term; otherwise the sum is formed in scratch
     * and copied (nothing allocated).
     */
    static void mixThenCombine(WorkerMatrix target, GossipMatrix w, WorkerMatrix source, double a, WorkerMatrix scratch,
                               double[] coefficients, WorkerMatrix[] terms, boolean combineReadsFirst) {
        check(coefficients, terms, 0);
        if (scratch == target || scratch == source || Arrays.asList(terms).contains(scratch)) {
            throw new IllegalArgumentException("mixCombine: scratch must differ from this, the source and the terms");
        }
        source.mix(w, scratch);
        if (a != 1) {
            scratch.scale(a);
        }
        double[] c = new double[coefficients.length + 1];
        c[0] = 1;
        System.arraycopy(coefficients, 0, c, 1, coefficients.length);
        WorkerMatrix[] t = new WorkerMatrix[terms.length + 1];
        t[0] = scratch;
        System.arraycopy(terms, 0, t, 1, terms.length);
        if (!combineReadsFirst && Arrays.asList(terms).contains(target)) {
            scratch.combine(c, t); // in place on its first term: the default combine sets no matrix aside
            target.assign(scratch);
        } else {
            target.combine(c, t);
        }
    }
}
