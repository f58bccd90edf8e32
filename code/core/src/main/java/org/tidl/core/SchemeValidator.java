package org.tidl.core;

import org.tidl.api.GossipMatrix;

/** Checks that a gossip matrix is square of the expected size, finite, non-negative and row-stochastic. */
public final class SchemeValidator {

    private SchemeValidator() {
    }

    /** Tolerance on each row sum: 1e-12·n, as the harness promises plugin authors. */
    public static double rowSumTolerance(int n) {
        return 1e-12 * Math.max(n, 1);
    }

    /** @return null when valid, else what is wrong (one line) */
    public static String problem(GossipMatrix w, int n) {
        if (w == null) {
            return "returned no matrix";
        }
        if (w.size() != n) {
            return "is " + w.size() + "×" + w.size() + ", expected " + n + "×" + n;
        }
        if (w.mixtureWeight().isPresent()) {
            return null; // α·J/n + (1−α)·I with α ∈ [0, 1], checked by its factory
        }
        double tol = rowSumTolerance(n);
        String[] found = {null};
        for (int i = 0; i < n && found[0] == null; i++) {
            final int row = i;
            double[] sum = {0};
            w.forEachInRow(i, (j, v) -> {
                if (found[0] != null) {
                    return;
                }
                if (!Double.isFinite(v)) {
                    found[0] = "entry (" + row + ", " + j + ") is " + v + " (must be finite)";
                } else if (v < 0) {
                    found[0] = "entry (" + row + ", " + j + ") is " + v + " (must be >= 0)";
                }
                sum[0] += v;
            });
            if (found[0] == null && Math.abs(sum[0] - 1) > tol) {
                found[0] = "row " + row + " sums to " + sum[0] + " (must be 1 within " + tol + ")";
            }
        }
        return found[0];
    }
}
