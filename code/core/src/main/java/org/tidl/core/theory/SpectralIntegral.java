package org.tidl.core.theory;

import java.util.function.DoubleUnaryOperator;
import org.tidl.api.SpectralSymbol;

/**
 * ∫ f(λ) dσ(λ) for the spectral measure σ of an infinite graph: the average of f(λ(θ)) over
 * θ ∈ [0, 2π)^d. The integrands of the theory (λ²/(1−γλ²) and kin) are analytic and 2π-periodic, so the
 * trapezoid rule on a uniform grid converges exponentially, at a speed set by how close the pole comes to
 * the real axis (about √(1−γ)); the grid doubles until two estimates agree to 1e-12.
 */
public final class SpectralIntegral {

    private static final double REL_TOL = 1e-12;
    private static final long MAX_POINTS = 1L << 24;

    private SpectralIntegral() {
    }

    public static double average(SpectralSymbol symbol, DoubleUnaryOperator f) {
        int d = symbol.dimension();
        if (d < 1 || d > 3) {
            throw new IllegalArgumentException("spectral symbols of dimension 1 to 3 are supported, got " + d);
        }
        double prev = Double.NaN;
        for (int per = 16; ; per *= 2) {
            double est = grid(symbol, f, d, per);
            if (Math.abs(est - prev) <= REL_TOL * Math.abs(est) || Math.pow(2.0 * per, d) > MAX_POINTS) {
                return est;
            }
            prev = est;
        }
    }

    private static double grid(SpectralSymbol symbol, DoubleUnaryOperator f, int d, int per) {
        double[] theta = new double[d];
        long total = 1;
        for (int a = 0; a < d; a++) {
            total *= per;
        }
        double h = 2 * Math.PI / per;
        double sum = 0;
        double comp = 0; // Kahan summation: millions of terms
        for (long idx = 0; idx < total; idx++) {
            long rest = idx;
            for (int a = 0; a < d; a++) {
                theta[a] = h * (rest % per);
                rest /= per;
            }
            double y = f.applyAsDouble(symbol.eigenvalue(theta)) - comp;
            double t = sum + y;
            comp = (t - sum) - y;
            sum = t;
        }
        return sum / total;
    }
}
