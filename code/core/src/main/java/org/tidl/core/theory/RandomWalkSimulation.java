package org.tidl.core.theory;

import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.tidl.api.GossipScheme;
import org.tidl.api.Seeds;
import org.tidl.core.InvalidInputException;

/**
 * Monte-Carlo estimate of n_W(γ) by running the walks of paper Eqs. 4–5, z ← W(t)(√γ z + ξ), for many
 * independent repetitions at once (the repetitions are the d columns of one n×d block, so each step is
 * one sparse gossip). Periodic schemes run from t = −T to −1 so the state is read at t = 0 like the exact
 * routes; non-periodic ones run t = 0 … T−1. Starting from z = 0 leaves a bias of about γ^T, kept below
 * 1e-6 by the default T.
 *
 * <p>For a random scheme n_W is an expectation over the graph sequence as well as the walks. Walks that share one
 * graph sequence are correlated through it, so their spread understates the error (by 1.4–3× on the
 * time-varying random graphs). {@link #run(IntFunction, int, double, NeighborsMode, int, int, long)} therefore
 * splits the repetitions into groups, each on its own independently drawn graph sequence, and reports the
 * delete-one-group jackknife error, which covers both sources.
 */
public final class RandomWalkSimulation {

    /** Which randomness the standard error covers. */
    public enum Coverage {
        /** A deterministic (periodic) scheme: the walks are all there is. */
        WALKS("walks"),
        /** A random scheme redrawn for each group of walks: walks and graph sequences. */
        WALKS_AND_GRAPHS("walks-and-graphs"),
        /** A random scheme that cannot be redrawn: the error is conditional on its one graph sequence. */
        WALKS_GIVEN_ONE_GRAPH_SEQUENCE("walks-given-one-graph-sequence");

        private final String word;

        Coverage(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /** Estimate, its Monte-Carlo standard error, and what that error covers. */
    public record Estimate(double value, double standardError, int steps, int repetitions, Coverage coverage) { }

    /** Graph sequences drawn for a random scheme by default (the error's degrees of freedom). */
    public static final int DEFAULT_GRAPH_SEQUENCES = 100;

    private RandomWalkSimulation() {
    }

    public static int defaultSteps(double gamma, int period) {
        int t = gamma == 0 ? 1 : (int) Math.min(50_000_000, Math.ceil(Math.log(1e-6) / Math.log(gamma)));
        int p = Math.max(period, 1);
        return ((t + p - 1) / p) * p;
    }

    /**
     * All repetitions on the one scheme. For a random scheme the error is then conditional on its graph sequence
     * ({@link Coverage#WALKS_GIVEN_ONE_GRAPH_SEQUENCE}).
     */
    public static Estimate run(GossipScheme scheme, double gamma, NeighborsMode mode, int repetitions, int steps,
                               long seed) {
        RandomWalkCovariance.checkGamma(gamma);
        requireMemory(scheme.size(), repetitions);
        double[] z = walk(scheme, gamma, repetitions, steps, Seeds.stream(seed, "random-walk/noise", 0));
        Coverage coverage = scheme.period() == GossipScheme.APERIODIC ? Coverage.WALKS_GIVEN_ONE_GRAPH_SEQUENCE
                : Coverage.WALKS;
        Sums sums = new Sums(scheme.size(), 1);
        sums.add(0, z, repetitions, true);
        return sums.estimate(gamma, mode, steps, repetitions, coverage);
    }

    /**
     * Repetitions split over {@code sequences} groups; group g runs on {@code schemeOfGroup.apply(g)} (each an
     * independent draw of the random scheme) with its own noise stream. The error is the delete-one-group
     * jackknife: it covers the walks and the graph sequences.
     */
    public static Estimate run(IntFunction<GossipScheme> schemeOfGroup, int sequences, double gamma,
                               NeighborsMode mode, int repetitions, int steps, long seed) {
        RandomWalkCovariance.checkGamma(gamma);
        int groups = Math.max(1, Math.min(sequences, repetitions));
        if (groups < 2) {
            throw new InvalidInputException("an error over graph sequences needs at least 2 of them and 2"
                    + " repetitions, got " + sequences + " and " + repetitions);
        }
        Sums sums = null;
        int done = 0;
        for (int g = 0; g < groups; g++) {
            int columns = (int) ((long) repetitions * (g + 1) / groups - done);
            GossipScheme scheme = schemeOfGroup.apply(g);
            if (sums == null) {
                requireMemory(scheme.size(), columns);
                sums = new Sums(scheme.size(), groups);
            }
            double[] z = walk(scheme, gamma, columns, steps, Seeds.stream(seed, "random-walk/noise", g));
            sums.add(g, z, columns, false);
            done += columns;
        }
        return sums.estimate(gamma, mode, steps, repetitions, Coverage.WALKS_AND_GRAPHS);
    }

    private static void requireMemory(int n, int columns) {
        long doubles = 2L * n * columns;
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if ((long) n * columns > Integer.MAX_VALUE - 8 || 8 * doubles > free * 9 / 10) {
            throw new InvalidInputException("simulating " + columns + " walks on " + n + " workers at once needs 2 ×"
                    + " n × repetitions = " + doubles + " doubles (" + (8 * doubles >> 20) + " MiB); "
                    + (free >> 20) + " MiB of Java heap are free and one block holds at most "
                    + (Integer.MAX_VALUE - 8) + " values, so at most "
                    + Math.min((Integer.MAX_VALUE - 8) / n, free * 9 / 10 / 16 / n) + " repetitions fit");
        }
    }

    /** The n × columns block of walks after {@code steps} steps. */
    private static double[] walk(GossipScheme scheme, double gamma, int columns, int steps, SplittableRandom rng) {
        int n = scheme.size();
        int r = columns;
        double[] z = new double[n * r];
        double[] tmp = new double[n * r];
        double sg = Math.sqrt(gamma);
        boolean periodic = scheme.period() != GossipScheme.APERIODIC;
        for (int s = 0; s < steps; s++) {
            long t = periodic ? s - (long) steps : s;
            for (int i = 0; i < tmp.length; i++) {
                tmp[i] = sg * z[i] + rng.nextGaussian();
            }
            scheme.matrix(t).apply(tmp, z, r);
        }
        return z;
    }

    /** Per group: sums (and, for one group, sums of squares) of each repetition's mean z_i², and of each z_i². */
    private static final class Sums {
        final int n;
        final int groups;
        final double[] meanSum;   // [g]: Σ over the group's repetitions of mean_i z_i²
        final double[] meanSq;    // Σ of their squares (one group only)
        final double[] workerSum; // [i·groups + g]: Σ of z_i²
        final double[] workerSq;  // Σ of z_i⁴ (one group only)
        final int[] count;

        Sums(int n, int groups) {
            this.n = n;
            this.groups = groups;
            meanSum = new double[groups];
            meanSq = new double[groups];
            workerSum = new double[n * groups];
            workerSq = new double[n * groups];
            count = new int[groups];
        }

        void add(int g, double[] z, int r, boolean squares) {
            count[g] += r;
            for (int c = 0; c < r; c++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    double v = z[i * r + c];
                    s += v * v;
                }
                s /= n;
                meanSum[g] += s;
                meanSq[g] += s * s;
            }
            for (int i = 0; i < n; i++) {
                double sum = 0;
                double sumSq = 0;
                for (int c = 0; c < r; c++) {
                    double v = z[i * r + c] * z[i * r + c];
                    sum += v;
                    sumSq += v * v;
                }
                workerSum[i * groups + g] += sum;
                workerSq[i * groups + g] += sumSq;
            }
        }

        /** Mean of the values and its standard error: iid over repetitions for one group, clustered otherwise. */
        double[] meanAndError(double[] sums, double[] squares, int offset) {
            int total = 0;
            double all = 0;
            for (int g = 0; g < groups; g++) {
                total += count[g];
                all += sums[offset + g];
            }
            double mean = all / total;
            if (groups == 1) {
                double var = Math.max(squares[offset] / total - mean * mean, 0) * total / Math.max(total - 1, 1);
                return new double[] {mean, Math.sqrt(var / total)};
            }
            // cluster-robust: Var(mean) = G/(G−1) · Σ_g (S_g − mean·R_g)² / R²
            double ss = 0;
            for (int g = 0; g < groups; g++) {
                double d = sums[offset + g] - mean * count[g];
                ss += d * d;
            }
            return new double[] {mean, Math.sqrt(groups / (groups - 1.0) * ss) / total};
        }

        Estimate estimate(double gamma, NeighborsMode mode, int steps, int repetitions, Coverage coverage) {
            double scale = 1.0 / (1 - gamma);
            if (groups > 1) {
                return jackknife(scale, mode, steps, repetitions, coverage);
            }
            double[] me;
            if (mode == NeighborsMode.MEAN) {
                // n_W = scale / mean(s); delta method for the error
                me = meanAndError(meanSum, meanSq, 0);
            } else {
                me = null;
                for (int i = 0; i < n; i++) {
                    double[] w = meanAndError(workerSum, workerSq, i * groups);
                    if (me == null || w[0] > me[0]) {
                        me = w;
                    }
                }
            }
            double nw = scale / me[0];
            return new Estimate(nw, nw * me[1] / me[0], steps, repetitions, coverage);
        }

        /**
         * Several groups (graph sequences): n_W from all repetitions, its error by the delete-one-group jackknife.
         * In mode worst on a random graph whose workers are alike, the largest of their estimates varies less than
         * each one, and the jackknife overstates its spread (0.5–0.8× in our checks): an upper bound there.
         */
        private Estimate jackknife(double scale, NeighborsMode mode, int steps, int repetitions, Coverage coverage) {
            int total = 0;
            for (int c : count) {
                total += c;
            }
            double all = estimateWithout(-1, total, mode, scale);
            double[] leaveOut = new double[groups];
            double mean = 0;
            for (int g = 0; g < groups; g++) {
                leaveOut[g] = estimateWithout(g, total, mode, scale);
                mean += leaveOut[g];
            }
            mean /= groups;
            double ss = 0;
            for (double v : leaveOut) {
                ss += (v - mean) * (v - mean);
            }
            return new Estimate(all, Math.sqrt((groups - 1.0) / groups * ss), steps, repetitions, coverage);
        }

        /** n_W from every group but {@code left} (−1: all of them). */
        private double estimateWithout(int left, int total, NeighborsMode mode, double scale) {
            int r = total - (left >= 0 ? count[left] : 0);
            if (mode == NeighborsMode.MEAN) {
                double sum = 0;
                for (int g = 0; g < groups; g++) {
                    if (g != left) {
                        sum += meanSum[g];
                    }
                }
                return scale / (sum / r);
            }
            double worst = -1;
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int g = 0; g < groups; g++) {
                    if (g != left) {
                        sum += workerSum[i * groups + g];
                    }
                }
                worst = Math.max(worst, sum / r);
            }
            return scale / worst;
        }
    }
}
