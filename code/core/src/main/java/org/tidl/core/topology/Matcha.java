package org.tidl.core.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tidl.api.GossipMatrix;
import org.tidl.api.GossipScheme;
import org.tidl.api.Parameter;
import org.tidl.api.Parameters;
import org.tidl.api.PluginApi;
import org.tidl.api.Seeds;
import org.tidl.api.TopologyProvider;
import org.tidl.api.TopologyResolver;
import org.tidl.core.linalg.Dense;

/**
 * MATCHA (Wang et al. 2019): the base graph is split into matchings
 * L_1 … L_M (greedy edge colouring); at step t each matching is active with probability p_j, independently, from
 * the stream {@link Seeds} derives from (seed, t), and W(t) = I − α Σ_j B_j(t) L_j.
 * <ul>
 *   <li>p maximises λ₂(Σ p_j L_j) subject to Σ p_j ≤ budget·M, 0 ≤ p_j ≤ 1 (the authors solve this LP-like
 *       problem with CVXOPT; here projected supergradient ascent on the concave λ₂, from p = budget);</li>
 *   <li>α minimises ρ(α) = λ_max(E[W(t)²] − J) with E[W²] = I − 2αL̄ + α²(L̄² + 2Σ p_j(1−p_j) L_j), exactly the
 *       quantity the authors' SDP bounds (L_j² = 2L_j for a matching), searched on [0, 1/Δ]: the cap keeps every
 *       W(t) non-negative (Δ = the base graph's maximum degree), which MATCHA's SDP does not require.</li>
 * </ul>
 * The base is any static topology, built through the {@link org.tidl.api.TopologyResolver}, in brackets when it
 * has parameters ({@code base=[erdos-renyi:p=0.3,seed=2]}); its edges are its W(0)'s non-zero off-diagonal entries.
 */
public final class Matcha implements TopologyProvider {

    @Override public int apiVersion() { return PluginApi.VERSION; }

    @Override public String name() { return "matcha"; }

    @Override
    public String description() {
        return "MATCHA: random matchings of a base graph, each active with an optimised probability under a communication budget";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.text("base", "ring", "base topology spec (static), in brackets when it has parameters: base=[torus:rows=4,cols=8]"),
                Parameter.real("budget", 0.5, 0, 1, false, "communication budget C_b: expected share of matchings active"),
                ErdosRenyi.SEED);
    }

    /** The prepared scheme's numbers, for tests and docs. */
    public record Design(List<int[][]> matchings, double[] probabilities, double alpha, double rho, double lambda2) { }

    @Override
    public GossipScheme create(int n, Parameters p, TopologyResolver topologies) {
        Design d = design(n, topologies.scheme(p.text("base"), n), p.real("budget"));
        long seed = p.integer("seed");
        return GossipScheme.of(n, GossipScheme.APERIODIC, t -> {
            SplittableRandom rng = Seeds.stream(seed, name(), t);
            GossipMatrix.Builder b = GossipMatrix.builder(n);
            for (int j = 0; j < d.matchings().size(); j++) {
                if (rng.nextDouble() < d.probabilities()[j]) {
                    for (int[] e : d.matchings().get(j)) {
                        b.set(e[0], e[1], d.alpha());
                        b.set(e[1], e[0], d.alpha());
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                b.set(i, i, 1 - b.rowSum(i));
            }
            return b.build();
        });
    }

    /** The design on the base scheme {@code base} of n workers (static, with at least one edge). */
    public static Design design(int n, GossipScheme base, double budget) {
        if (base.period() != 1) {
            throw new IllegalArgumentException("base must be a static topology (period 1), got period "
                    + (base.period() == GossipScheme.APERIODIC ? "none (random)" : base.period()));
        }
        List<int[][]> matchings = matchings(Dense.of(base.matrix(0)), n);
        int m = matchings.size();
        if (m == 0) {
            throw new IllegalArgumentException("base has no edges");
        }
        double[][] lap = new double[m][];
        for (int j = 0; j < m; j++) {
            lap[j] = laplacian(matchings.get(j), n);
        }
        double[] prob = probabilities(lap, n, budget);
        double[] mean = combine(lap, prob, n);
        double[] noise = new double[n * n];
        for (int j = 0; j < m; j++) {
            for (int k = 0; k < noise.length; k++) {
                noise[k] += 2 * prob[j] * (1 - prob[j]) * lap[j][k];
            }
        }
        double[] meanSq = Dense.multiply(mean, mean, n);
        double maxDegree = 0; // Δ: the largest diagonal entry of the base Laplacian Σ_j L_j
        for (int i = 0; i < n; i++) {
            double degree = 0;
            for (double[] l : lap) {
                degree += l[i * n + i];
            }
            maxDegree = Math.max(maxDegree, degree);
        }
        java.util.function.DoubleUnaryOperator rho = a -> {
            double[] e = new double[n * n];
            for (int k = 0; k < e.length; k++) {
                int i = k / n, jj = k % n;
                e[k] = (i == jj ? 1 : 0) - 2 * a * mean[k] + a * a * (meanSq[k] + noise[k]) - 1.0 / n;
            }
            double[] v = Dense.symmetricEigen(e, n).values();
            double top = Double.NEGATIVE_INFINITY;
            for (double x : v) {
                top = Math.max(top, x);
            }
            return top;
        };
        double alpha = org.tidl.core.linalg.GoldenSection.minimize(rho, 0, 1.0 / maxDegree, 60);
        return new Design(matchings, prob, alpha, rho.applyAsDouble(alpha), lambda2(mean, n));
    }

    /** Greedy edge colouring: edges in (i, j) order, each into the first matching where both ends are free. */
    static List<int[][]> matchings(double[] w, int n) {
        List<List<int[]>> out = new ArrayList<>();
        List<boolean[]> used = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (w[i * n + j] == 0 && w[j * n + i] == 0) {
                    continue;
                }
                int k = 0;
                while (k < out.size() && (used.get(k)[i] || used.get(k)[j])) {
                    k++;
                }
                if (k == out.size()) {
                    out.add(new ArrayList<>());
                    used.add(new boolean[n]);
                }
                out.get(k).add(new int[] {i, j});
                used.get(k)[i] = true;
                used.get(k)[j] = true;
            }
        }
        List<int[][]> result = new ArrayList<>();
        for (List<int[]> m : out) {
            result.add(m.toArray(new int[0][]));
        }
        return result;
    }

    static double[] laplacian(int[][] edges, int n) {
        double[] l = new double[n * n];
        for (int[] e : edges) {
            l[e[0] * n + e[0]] += 1;
            l[e[1] * n + e[1]] += 1;
            l[e[0] * n + e[1]] -= 1;
            l[e[1] * n + e[0]] -= 1;
        }
        return l;
    }

    private static double[] combine(double[][] lap, double[] p, int n) {
        double[] out = new double[n * n];
        for (int j = 0; j < lap.length; j++) {
            for (int k = 0; k < out.length; k++) {
                out[k] += p[j] * lap[j][k];
            }
        }
        return out;
    }

    /** Second-smallest eigenvalue (algebraic connectivity). */
    static double lambda2(double[] l, int n) {
        double[] v = Dense.symmetricEigen(l, n).values().clone();
        java.util.Arrays.sort(v);
        return v.length > 1 ? v[1] : 0;
    }

    /** max λ₂(Σ p_j L_j) s.t. Σ p ≤ budget·M, 0 ≤ p ≤ 1: projected supergradient ascent (λ₂ is concave in p). */
    static double[] probabilities(double[][] lap, int n, double budget) {
        int m = lap.length;
        double cap = budget * m;
        double[] p = new double[m];
        java.util.Arrays.fill(p, budget);
        double[] best = p.clone();
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int it = 1; it <= 301; it++) {
            Dense.SymmetricEigen e = Dense.symmetricEigen(combine(lap, p, n), n);
            int second = secondIndex(e.values());
            if (e.values()[second] > bestValue) { // λ₂ at the current p, from the same decomposition
                bestValue = e.values()[second];
                best = p.clone();
            }
            if (it == 301) {
                break;
            }
            double[] grad = new double[m];
            double norm = 0;
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int a = 0; a < n; a++) {
                    for (int b = 0; b < n; b++) {
                        s += e.vectors()[a * n + second] * lap[j][a * n + b] * e.vectors()[b * n + second];
                    }
                }
                grad[j] = s;
                norm += s * s;
            }
            if (norm == 0) {
                break;
            }
            double step = 0.5 / Math.sqrt(it) / Math.sqrt(norm);
            for (int j = 0; j < m; j++) {
                p[j] += step * grad[j];
            }
            project(p, cap);
        }
        return best;
    }

    private static int secondIndex(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        return order[1];
    }

    /** Euclidean projection onto {0 ≤ p ≤ 1, Σ p ≤ cap}. */
    static void project(double[] p, double cap) {
        double sum = 0;
        for (int j = 0; j < p.length; j++) {
            p[j] = Math.min(1, Math.max(0, p[j]));
            sum += p[j];
        }
        if (sum <= cap) {
            return;
        }
        double lo = -1, hi = 1;
        double[] q = p.clone();
        for (int it = 0; it < 100; it++) {
            double tau = (lo + hi) / 2;
            double s = 0;
            for (double v : q) {
                s += Math.min(1, Math.max(0, v - tau));
            }
            if (s > cap) {
                lo = tau;
            } else {
                hi = tau;
            }
        }
        for (int j = 0; j < p.length; j++) {
            p[j] = Math.min(1, Math.max(0, q[j] - hi));
        }
    }
}
