package org.tidl.reproduction.fit;

import java.util.function.DoubleUnaryOperator;
import org.tidl.core.linalg.GoldenSection;
import org.tidl.reproduction.LogGrid;

/** The learning rate that maximises a convergence rate: the best point of a log grid, refined by golden section. */
public final class LearningRateSearch {

    /** Golden-section shrinks after the grid (each by the golden ratio). */
    public static final int REFINEMENTS = 50;

    /** The best learning rate and the rate there. */
    public record Optimum(double learningRate, double rate) { }

    private LearningRateSearch() {
    }

    /**
     * max over lr of {@code rate(lr)} (a NaN rate counts as 0: no convergence): the best grid point, then golden
     * section in log(lr) between its two neighbours.
     */
    public static Optimum maximise(DoubleUnaryOperator rate, LogGrid grid) {
        DoubleUnaryOperator r = lr -> {
            double v = rate.applyAsDouble(lr);
            return Double.isNaN(v) ? 0 : v;
        };
        double[] lrs = grid.values();
        double[] at = new double[lrs.length];
        int bi = 0;
        for (int i = 0; i < lrs.length; i++) {
            at[i] = r.applyAsDouble(lrs[i]);
            if (at[i] > at[bi]) {
                bi = i;
            }
        }
        double lr = Math.exp(GoldenSection.minimize(u -> -r.applyAsDouble(Math.exp(u)),
                Math.log(lrs[Math.max(0, bi - 1)]), Math.log(lrs[Math.min(lrs.length - 1, bi + 1)]), REFINEMENTS));
        return new Optimum(lr, r.applyAsDouble(lr));
    }
}
