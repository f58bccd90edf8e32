package org.tidl.core.linalg;

import java.util.function.DoubleUnaryOperator;

/** Golden-section search for the minimum of a unimodal function on an interval (γ fits, learning rates, α). */
public final class GoldenSection {

    private static final double G = (Math.sqrt(5) - 1) / 2;

    private GoldenSection() {
    }

    /** The argmin of f on [lo, hi] after {@code iterations} shrinks (each by the golden ratio). */
    public static double minimize(DoubleUnaryOperator f, double lo, double hi, int iterations) {
        double a = lo, b = hi;
        for (int it = 0; it < iterations; it++) {
            double c = b - G * (b - a), d = a + G * (b - a);
            if (f.applyAsDouble(c) < f.applyAsDouble(d)) {
                b = d;
            } else {
                a = c;
            }
        }
        return (a + b) / 2;
    }
}
