package org.tidl.reproduction.dl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One topology's learning-rate curve of a grid experiment: the (lr, final training loss) points, seeds averaged
 * per learning rate, up to the first learning rate where a seed diverged (the paper's curves stop there).
 *
 * @param largestStableLr the last learning rate of the curve (NaN when the first one diverged)
 * @param bestLoss        the lowest loss of the curve, at {@code bestLr}
 * @param bestAtGridEdge  whether {@code bestLr} is the lowest learning rate tried, or the highest with none above it
 *                        (diverged or not): then the optimum may lie beyond the grid
 */
public record LearningRateCurve(String topology, int workers, List<double[]> points, double largestStableLr,
                                double bestLoss, double bestLr, boolean bestAtGridEdge) {

    /** Curves per (topology, workers), in the order they first appear in the runs. */
    public static List<LearningRateCurve> of(List<TrainingLog.Run> runs) {
        Map<String, Map<Double, double[]>> byTopology = new LinkedHashMap<>();
        Map<String, TrainingLog.Run> first = new LinkedHashMap<>();
        for (TrainingLog.Run r : runs) {
            String key = r.topology() + "\u0000" + r.workers();
            first.putIfAbsent(key, r);
            Map<Double, double[]> m = byTopology.computeIfAbsent(key, k -> new TreeMap<>());
            if (r.diverged()) {
                m.putIfAbsent(r.learningRate(), new double[] {Double.NaN, 0});
                m.get(r.learningRate())[0] = Double.NaN;
                continue;
            }
            double[] acc = m.computeIfAbsent(r.learningRate(), k -> new double[2]);
            acc[0] += r.trainLoss();
            acc[1]++;
        }
        List<LearningRateCurve> out = new ArrayList<>();
        for (Map.Entry<String, Map<Double, double[]>> e : byTopology.entrySet()) {
            List<double[]> pts = new ArrayList<>();
            double largest = Double.NaN;
            double best = Double.NaN;
            double bestLr = Double.NaN;
            for (Map.Entry<Double, double[]> p : e.getValue().entrySet()) {
                double loss = p.getValue()[0] / p.getValue()[1];
                if (!Double.isFinite(loss)) {
                    break;
                }
                pts.add(new double[] {p.getKey(), loss});
                largest = p.getKey();
                if (Double.isNaN(best) || loss < best) {
                    best = loss;
                    bestLr = p.getKey();
                }
            }
            TrainingLog.Run r = first.get(e.getKey());
            java.util.NavigableSet<Double> tried = new java.util.TreeSet<>(e.getValue().keySet());
            boolean edge = tried.size() > 1 && !Double.isNaN(bestLr) && (bestLr == tried.first() || bestLr == tried.last());
            out.add(new LearningRateCurve(r.topology(), r.workers(), pts, largest, best, bestLr, edge));
        }
        return out;
    }
}
