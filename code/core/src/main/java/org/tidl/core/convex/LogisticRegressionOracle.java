package org.tidl.core.convex;

import java.util.SplittableRandom;
import org.tidl.api.ArrayWorkerMatrix;
import org.tidl.api.GradientOracle;
import org.tidl.api.Seeds;
import org.tidl.api.WorkerMatrix;

/**
 * ℓ2-regularised logistic regression with a non-i.i.d. split: worker i holds m examples (a, y), y = ±1, whose
 * share of positive labels is i/(n−1) (worker 0 only negatives, worker n−1 only positives), features
 * a ~ N(y·μ, I). f_i(x) = (1/m) Σ log(1 + exp(−y aᵀx)) + (λ/2)‖x‖², full-batch (deterministic) gradients.
 * The average (1/n)Σ f_i is strongly convex: one optimum, which {@link #optimum} finds by centralised
 * gradient descent, independently of any decentralised method.
 */
public final class LogisticRegressionOracle implements GradientOracle {

    private final int n;
    private final int d;
    private final int m;
    private final double lambda;
    private final double[][] features; // per worker, m × d
    private final double[][] labels;

    public LogisticRegressionOracle(int n, int d, int m, double lambda, long seed) {
        this.n = n;
        this.d = d;
        this.m = m;
        this.lambda = lambda;
        SplittableRandom means = Seeds.stream(seed, "logistic-regression/mean", 0);
        double[] mu = new double[d];
        for (int k = 0; k < d; k++) {
            mu[k] = means.nextGaussian() / Math.sqrt(d);
        }
        features = new double[n][m * d];
        labels = new double[n][m];
        for (int i = 0; i < n; i++) {
            SplittableRandom rng = Seeds.stream(seed, "logistic-regression/examples", i); // worker i's data
            double positive = n == 1 ? 0.5 : (double) i / (n - 1);
            for (int s = 0; s < m; s++) {
                double y = rng.nextDouble() < positive ? 1 : -1;
                labels[i][s] = y;
                for (int k = 0; k < d; k++) {
                    features[i][s * d + k] = y * mu[k] + rng.nextGaussian();
                }
            }
        }
    }

    /** ∇f_i(x_i) into g_i, f_i(x_i) into losses[i]. */
    @Override
    public void gradients(WorkerMatrix x, WorkerMatrix g, double[] losses) {
        double[] xs = ((ArrayWorkerMatrix) x).data();
        double[] gs = ((ArrayWorkerMatrix) g).data();
        for (int i = 0; i < n; i++) {
            losses[i] = workerGradient(i, xs, i * d, gs, i * d);
        }
    }

    private double workerGradient(int i, double[] x, int xo, double[] g, int go) {
        double loss = 0;
        for (int k = 0; k < d; k++) {
            g[go + k] = lambda * x[xo + k];
            loss += 0.5 * lambda * x[xo + k] * x[xo + k];
        }
        for (int s = 0; s < m; s++) {
            double margin = 0;
            for (int k = 0; k < d; k++) {
                margin += features[i][s * d + k] * x[xo + k];
            }
            double z = labels[i][s] * margin;
            loss += (z > 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z))) / m;
            double sigma = 1 / (1 + Math.exp(z)); // −∂/∂z log(1 + e^{−z})
            for (int k = 0; k < d; k++) {
                g[go + k] -= sigma * labels[i][s] * features[i][s * d + k] / m;
            }
        }
        return loss;
    }

    /** The optimum of (1/n)Σ f_i by centralised gradient descent until the gradient norm is below {@code tolerance}. */
    public double[] optimum(double tolerance) {
        double[] x = new double[d];
        double[] g = new double[d];
        double[] gi = new double[d];
        for (int it = 0; it < 1_000_000; it++) {
            java.util.Arrays.fill(g, 0);
            for (int i = 0; i < n; i++) {
                workerGradient(i, x, 0, gi, 0);
                for (int k = 0; k < d; k++) {
                    g[k] += gi[k] / n;
                }
            }
            double norm = 0;
            for (double v : g) {
                norm += v * v;
            }
            if (Math.sqrt(norm) < tolerance) {
                return x;
            }
            for (int k = 0; k < d; k++) {
                x[k] -= 0.5 * g[k]; // the smoothness constant is below 2 for these features and λ ≤ 1
            }
        }
        throw new ArithmeticException("gradient descent did not reach " + tolerance);
    }
}
