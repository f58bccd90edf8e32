package org.tidl.core.theory;

import java.util.SplittableRandom;
import org.tidl.api.GossipScheme;
import org.tidl.api.Seeds;

/**
 * Monte-Carlo estimate of n_W(γ) by running the walks of paper Eqs. 4–5, z ← W(t)(√γ z + ξ), for many
 * independent repetitions at once (the repetitions are the d columns of one n×d block, so each step is
 * one sparse gossip). Periodic schemes run from t = −T to −1 so the state is read at t = 0 like the exact
 * routes; non-periodic ones run t = 0 … T−1. Starting from z = 0 leaves a bias of about γ^T, kept below
 * 1e-6 by the default T.
 */
public final class RandomWalkSimulation {

    /** Estimate and its Monte-Carlo standard error. */
    public record Estimate(double value, double standardError, int steps, int repetitions) { }

    private RandomWalkSimulation() {
    }

    public static int defaultSteps(double gamma, int period) {
        int t = gamma == 0 ? 1 : (int) Math.min(50_000_000, Math.ceil(Math.log(1e-6) / Math.log(gamma)));
        int p = Math.max(period, 1);
        return ((t + p - 1) / p) * p;
    }

    public static Estimate run(GossipScheme scheme, double gamma, NeighborsMode mode, int repetitions, int steps,
                               long seed) {
        RandomWalkCovariance.checkGamma(gamma);
        int n = scheme.size();
        int r = repetitions;
        double[] z = new double[n * r];
        double[] tmp = new double[n * r];
        SplittableRandom rng = Seeds.stream(seed, "random-walk/noise", 0);
        double sg = Math.sqrt(gamma);
        boolean periodic = scheme.period() != GossipScheme.APERIODIC;
        for (int s = 0; s < steps; s++) {
            long t = periodic ? s - (long) steps : s;
            for (int i = 0; i < tmp.length; i++) {
                tmp[i] = sg * z[i] + rng.nextGaussian();
            }
            scheme.matrix(t).apply(tmp, z, r);
        }
        double scale = 1.0 / (1 - gamma);
        if (mode == NeighborsMode.MEAN) {
            // per repetition: s_rep = mean_i z_i²; n_W = scale / mean(s); delta method for the error
            double sum = 0;
            double sumSq = 0;
            for (int c = 0; c < r; c++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    double v = z[i * r + c];
                    s += v * v;
                }
                s /= n;
                sum += s;
                sumSq += s * s;
            }
            double mean = sum / r;
            double var = Math.max(sumSq / r - mean * mean, 0) * r / Math.max(r - 1, 1);
            double se = Math.sqrt(var / r);
            double nw = scale / mean;
            return new Estimate(nw, nw * se / mean, steps, r);
        }
        double worst = -1;
        double worstSe = 0;
        for (int i = 0; i < n; i++) {
            double sum = 0;
            double sumSq = 0;
            for (int c = 0; c < r; c++) {
                double v = z[i * r + c] * z[i * r + c];
                sum += v;
                sumSq += v * v;
            }
            double mean = sum / r;
            if (mean > worst) {
                worst = mean;
                double var = Math.max(sumSq / r - mean * mean, 0) * r / Math.max(r - 1, 1);
                worstSe = Math.sqrt(var / r);
            }
        }
        double nw = scale / worst;
        return new Estimate(nw, nw * worstSe / worst, steps, r);
    }
}
