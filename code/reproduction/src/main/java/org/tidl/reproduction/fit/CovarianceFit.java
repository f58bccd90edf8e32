package org.tidl.reproduction.fit;

import java.util.function.DoubleUnaryOperator;
import org.tidl.core.linalg.GoldenSection;
import org.tidl.core.theory.RandomWalkCovariance;

/**
 * The γ at which the random-walk covariance Σ(γ) (Eq. 6's M(γ) between workers) best matches a measured n × n
 * covariance between workers (Fig. 5). The paper does not say how it fitted γ; here both matrices are scaled to
 * unit mean diagonal and γ minimises their Frobenius distance, searched in u = −log10(1 − γ) ∈ [0, 5]: a grid of
 * 101 points, then golden section within ±0.05 of the best.
 */
public final class CovarianceFit {

    /** The fitted γ, and the relative Frobenius residual ‖Ĉ − Σ̂(γ)‖ / ‖Ĉ‖. */
    public record Fit(double gamma, double residual) { }

    private CovarianceFit() {
    }

    /**
     * @param measured the measured covariance, row-major n × n, already at unit mean diagonal
     * @param prepared Σ(γ) of the gossip scheme, prepared once
     */
    public static Fit fit(double[] measured, RandomWalkCovariance prepared, int n) {
        DoubleUnaryOperator f = u -> squaredDistance(measured,
                unitMeanDiagonal(RandomWalkCovariance.matrixOf(prepared, 1 - Math.pow(10, -u)), n));
        int k = 100;
        double bestU = 0;
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= k; i++) {
            double u = 5.0 * i / k;
            double v = f.applyAsDouble(u);
            if (v < best) {
                best = v;
                bestU = u;
            }
        }
        double u = GoldenSection.minimize(f, Math.max(0, bestU - 0.05), Math.min(5, bestU + 0.05), 40);
        return new Fit(1 - Math.pow(10, -u), Math.sqrt(f.applyAsDouble(u) / squaredNorm(measured)));
    }

    /** a scaled so that its mean diagonal entry is 1 (row-major n × n). */
    public static double[] unitMeanDiagonal(double[] a, int n) {
        double d = 0;
        for (int i = 0; i < n; i++) {
            d += a[i * n + i];
        }
        d /= n;
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] / d;
        }
        return out;
    }

    private static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s;
    }

    private static double squaredNorm(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        return s;
    }
}
