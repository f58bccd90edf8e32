package org.tidl.core.quadratic;

import java.util.SplittableRandom;
import org.tidl.api.ArrayWorkerMatrix;
import org.tidl.api.GradientOracle;
import org.tidl.api.Seeds;
import org.tidl.api.WorkerMatrix;

/**
 * The stochastic oracle of the isotropic random quadratic (paper Section 3.1): f(x) = ½‖x‖², and worker i's
 * gradient at x is g = (1/b) Σ_k d_k d_kᵀ x with d_k ~ N(0, I_d) drawn fresh per worker and per call, so
 * E g = x and E‖g‖² = ζ‖x‖² with ζ = (1 + b + d)/b. The minibatch loss is (1/b) Σ_k ½(d_kᵀx)².
 *
 * <p>Each worker has its own random stream, derived from (seed, worker) by {@link Seeds}, so results do not
 * depend on thread timing.
 */
public final class IsotropicQuadraticOracle implements GradientOracle {

    private final int dim;
    private final int batch;
    private final SplittableRandom[] streams;
    private final double[] sample;

    public IsotropicQuadraticOracle(int workers, int dim, int batch, long seed) {
        this.dim = dim;
        this.batch = batch;
        this.streams = new SplittableRandom[workers];
        for (int i = 0; i < workers; i++) {
            streams[i] = Seeds.stream(seed, "quadratic/samples", i);
        }
        this.sample = new double[dim];
    }

    @Override
    public void gradients(WorkerMatrix x, WorkerMatrix gradients, double[] losses) {
        double[] xs = ((ArrayWorkerMatrix) x).data();
        double[] gs = ((ArrayWorkerMatrix) gradients).data();
        int n = streams.length;
        double inv = 1.0 / batch;
        for (int i = 0; i < n; i++) {
            SplittableRandom rng = streams[i];
            int o = i * dim;
            java.util.Arrays.fill(gs, o, o + dim, 0.0);
            double loss = 0;
            for (int k = 0; k < batch; k++) {
                double dot = 0;
                for (int j = 0; j < dim; j++) {
                    double v = rng.nextGaussian();
                    sample[j] = v;
                    dot += v * xs[o + j];
                }
                loss += 0.5 * dot * dot;
                double c = dot * inv;
                for (int j = 0; j < dim; j++) {
                    gs[o + j] += c * sample[j];
                }
            }
            losses[i] = loss * inv;
        }
    }
}
