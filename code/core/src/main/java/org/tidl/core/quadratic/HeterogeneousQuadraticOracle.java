package org.tidl.core.quadratic;

import java.util.SplittableRandom;
import org.tidl.api.ArrayWorkerMatrix;
import org.tidl.api.GradientOracle;
import org.tidl.api.Seeds;
import org.tidl.api.WorkerMatrix;

/**
 * Heterogeneous quadratics: worker i minimises f_i(x) = ½‖x − b_i‖², with its own optimum b_i ~ N(0, ς² I)
 * (seeded), and observes g_i = x_i − b_i + σ ξ, ξ ~ N(0, I) from its own stream. The optimum of the average is
 * x* = mean_i b_i. D-SGD with a constant learning rate stops at a topology-dependent distance from it (the
 * paper's Eq. 23); gradient tracking does not.
 */
public final class HeterogeneousQuadraticOracle implements GradientOracle {

    private final int n;
    private final int d;
    private final double[] b;
    private final double[] optimum;
    private final double noise;
    private final SplittableRandom[] streams;

    public HeterogeneousQuadraticOracle(int n, int d, double heterogeneity, double noise, long seed) {
        this.n = n;
        this.d = d;
        this.noise = noise;
        b = new double[n * d];
        optimum = new double[d];
        streams = new SplittableRandom[n];
        for (int i = 0; i < n; i++) {
            SplittableRandom own = Seeds.stream(seed, "heterogeneous-quadratic/optimum", i);
            for (int k = 0; k < d; k++) {
                b[i * d + k] = heterogeneity * own.nextGaussian();
                optimum[k] += b[i * d + k] / n;
            }
            streams[i] = Seeds.stream(seed, "heterogeneous-quadratic/noise", i);
        }
    }

    @Override
    public void gradients(WorkerMatrix x, WorkerMatrix g, double[] losses) {
        double[] xs = ((ArrayWorkerMatrix) x).data();
        double[] gs = ((ArrayWorkerMatrix) g).data();
        for (int i = 0; i < n; i++) {
            double loss = 0;
            for (int k = 0; k < d; k++) {
                int at = i * d + k;
                double r = xs[at] - b[at];
                loss += 0.5 * r * r;
                gs[at] = noise == 0 ? r : r + noise * streams[i].nextGaussian();
            }
            losses[i] = loss;
        }
    }

    /** (1/n) Σ_i ‖x_i − x*‖², the mean squared distance of the workers to the optimum of the average. */
    public double distanceToOptimum(ArrayWorkerMatrix x) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                double r = x.get(i, k) - optimum[k];
                s += r * r;
            }
        }
        return s / n;
    }
}
