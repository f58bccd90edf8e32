package org.tidl.api;

import java.util.function.DoubleSupplier;

/**
 * What an optimizer may want to know about the gossip scheme of its run before the first step: its size and
 * period, and (computed on first use, then kept) its spectral gap and maximum degree. Accelerated gossip
 * (DeTAG's η), step sizes tuned to the topology and compression schedules read them here instead of computing
 * eigenvalues themselves.
 *
 * @since 2
 */
public interface SchemeInfo {

    /** Number of workers n. */
    int size();

    /** {@link GossipScheme#period()}: 1 for a static scheme, {@link GossipScheme#APERIODIC} for a random one. */
    int period();

    /**
     * The spectral gap 1 − |λ₂|, |λ₂| the second-largest eigenvalue modulus of W; for a scheme of period P,
     * 1 − |λ₂(W(P−1)⋯W(0))|^{1/P}; NaN for a non-periodic scheme; 1 for one worker. Computed on the first call
     * (from the closed-form or group spectrum where the topology declares one, else a dense eigenvalue
     * computation, which the harness refuses beyond a few thousand workers).
     */
    double spectralGap();

    /**
     * The largest number of neighbours of a worker (non-zero off-diagonal w_ij in its row) over the matrices of one
     * period; of W(0) for a non-periodic scheme. Computed on the first call, O(non-zeros) per matrix.
     */
    int maxDegree();

    /**
     * The information of {@code scheme}, with the spectral gap from {@code spectralGap} (the harness passes its
     * eigenvalue code; a plugin's own tests may pass a known value, or {@code () -> Double.NaN}). Both lazy values
     * are computed once, on first use.
     */
    static SchemeInfo of(GossipScheme scheme, DoubleSupplier spectralGap) {
        return new SchemeInfo() {
            private volatile Double gap;
            private volatile Integer degree;

            @Override public int size() { return scheme.size(); }

            @Override public int period() { return scheme.period(); }

            @Override
            public double spectralGap() {
                Double g = gap;
                if (g == null) {
                    g = spectralGap.getAsDouble();
                    gap = g;
                }
                return g;
            }

            @Override
            public int maxDegree() {
                Integer d = degree;
                if (d == null) {
                    d = degree(scheme);
                    degree = d;
                }
                return d;
            }
        };
    }

    private static int degree(GossipScheme scheme) {
        int matrices = scheme.period() == GossipScheme.APERIODIC ? 1 : scheme.period();
        int n = scheme.size();
        int max = 0;
        for (int t = 0; t < matrices; t++) {
            GossipMatrix w = scheme.matrix(t);
            for (int i = 0; i < n; i++) {
                int row = i;
                int[] count = {0};
                w.forEachInRow(i, (j, v) -> {
                    if (j != row && v != 0) {
                        count[0]++;
                    }
                });
                max = Math.max(max, count[0]);
            }
        }
        return max;
    }
}
