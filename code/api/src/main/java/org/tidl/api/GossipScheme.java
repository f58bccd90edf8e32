package org.tidl.api;

import java.util.List;
import java.util.function.LongFunction;

/**
 * A gossip (averaging) scheme for n workers: the row-stochastic matrix W(t) used at step t = 0, 1, 2, ...
 * Workers mix as x_i ← Σ_j w_ij x_j.
 *
 * @since 1
 */
public interface GossipScheme {

    /** {@link #period()} of a scheme that is random or otherwise not periodic. */
    int APERIODIC = 0;

    /** Number of workers n. */
    int size();

    /** Steps after which W(t) repeats: 1 for a static scheme, {@link #APERIODIC} when it never repeats. */
    int period();

    /** W(t). For a periodic scheme, any t (also negative) is taken modulo the period. */
    GossipMatrix matrix(long t);

    /** A static scheme: W(t) = w for every t. */
    static GossipScheme fixed(GossipMatrix w) {
        return periodic(List.of(w));
    }

    /** The scheme W(t) = cycle.get(t mod cycle.size()). */
    static GossipScheme periodic(List<GossipMatrix> cycle) {
        if (cycle.isEmpty()) {
            throw new IllegalArgumentException("a periodic scheme needs at least one matrix");
        }
        List<GossipMatrix> copy = List.copyOf(cycle);
        int n = copy.get(0).size();
        for (GossipMatrix w : copy) {
            if (w.size() != n) {
                throw new IllegalArgumentException("all matrices of a scheme must have the same size");
            }
        }
        return new GossipScheme() {
            @Override public int size() { return n; }
            @Override public int period() { return copy.size(); }
            @Override public GossipMatrix matrix(long t) { return copy.get((int) Math.floorMod(t, (long) copy.size())); }
        };
    }

    /** A scheme computed on demand; {@code period} may be {@link #APERIODIC}. */
    static GossipScheme of(int size, int period, LongFunction<GossipMatrix> matrixAt) {
        if (period < 0) {
            throw new IllegalArgumentException("period must be >= 0");
        }
        return new GossipScheme() {
            @Override public int size() { return size; }
            @Override public int period() { return period; }
            @Override public GossipMatrix matrix(long t) {
                return matrixAt.apply(period == APERIODIC ? t : Math.floorMod(t, (long) period));
            }
        };
    }
}
