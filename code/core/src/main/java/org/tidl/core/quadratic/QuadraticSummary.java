package org.tidl.core.quadratic;

import java.util.Arrays;
import java.util.List;

/**
 * Several seeds of one (topology, optimizer, learning rate) cell, summarised.
 *
 * @param stepsToTarget    median over seeds of the steps to target (a seed that never got there counts as
 *                         infinitely many); NaN when the median did not get there
 * @param seedsReached     seeds that reached the target
 * @param measuredRate     r with E loss ∝ (1−r)^t: least-squares slope of ln(mean over seeds of the loss) over
 *                         the second half of the common trajectory (the first half is transient); NaN if any
 *                         seed diverged or fewer than 4 steps are common
 * @param measuredRateError jackknife standard error of {@code measuredRate} over seeds (NaN for one seed)
 * @param divergedSeeds    seeds that diverged
 */
public record QuadraticSummary(double stepsToTarget, int seedsReached, double measuredRate, double measuredRateError,
                               int divergedSeeds, int seeds) {

    public static QuadraticSummary of(List<QuadraticRun> runs) {
        int k = runs.size();
        double[] steps = new double[k];
        int reached = 0;
        int diverged = 0;
        int common = Integer.MAX_VALUE;
        for (int s = 0; s < k; s++) {
            QuadraticRun r = runs.get(s);
            steps[s] = r.stepsToTarget() >= 0 ? r.stepsToTarget() : Double.POSITIVE_INFINITY;
            if (r.stepsToTarget() >= 0) {
                reached++;
            }
            if (r.diverged()) {
                diverged++;
            }
            common = Math.min(common, r.loss().length);
        }
        Arrays.sort(steps);
        double median = k % 2 == 1 ? steps[k / 2] : 0.5 * (steps[k / 2 - 1] + steps[k / 2]);
        if (Double.isInfinite(median)) {
            median = Double.NaN;
        }
        double rate = Double.NaN;
        double error = Double.NaN;
        if (diverged == 0 && common >= 4) {
            rate = rate(runs, -1, common);
            if (k >= 2) {
                double[] loo = new double[k];
                double mean = 0;
                for (int s = 0; s < k; s++) {
                    loo[s] = rate(runs, s, common);
                    mean += loo[s] / k;
                }
                double ss = 0;
                for (double v : loo) {
                    ss += (v - mean) * (v - mean);
                }
                error = Math.sqrt((k - 1.0) / k * ss);
            }
        }
        return new QuadraticSummary(median, reached, rate, error, diverged, k);
    }

    /** Fitted rate of the seeds' mean loss, leaving out seed {@code skip} (-1: none). */
    private static double rate(List<QuadraticRun> runs, int skip, int length) {
        int from = (length - 1) / 2;
        int m = length - from;
        double st = 0, sy = 0, stt = 0, sty = 0;
        for (int t = from; t < length; t++) {
            double mean = 0;
            int c = 0;
            for (int s = 0; s < runs.size(); s++) {
                if (s != skip) {
                    mean += runs.get(s).loss()[t];
                    c++;
                }
            }
            double y = Math.log(mean / c);
            st += t;
            sy += y;
            stt += (double) t * t;
            sty += t * y;
        }
        double slope = (m * sty - st * sy) / (m * stt - st * st);
        return 1 - Math.exp(slope);
    }
}
