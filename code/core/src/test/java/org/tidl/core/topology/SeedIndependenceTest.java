package org.tidl.core.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tidl.api.GossipScheme;
import org.tidl.core.TopologyRegistry;
import org.tidl.core.linalg.Dense;

/**
 * Consecutive seeds of the random time-varying topologies are independent replications: the share of steps at
 * which seed s and seed s + 1 draw the same W (at time shifts −2 … 2) is the collision probability Σ_G P(G)² of
 * two independent draws, computed here in closed form for each family. (Seeding with {@code seed·C + t} made
 * seed s + 1 replay seed s's stream shifted by one draw: at shift 0 the shares were 0.14 instead of 0.05 for the
 * ring with one chord, 0.22 instead of 0.11 for G(4, 0.8), 0.54 instead of 0.46 for MATCHA.)
 */
class SeedIndependenceTest {

    static final TopologyRegistry REGISTRY = TopologyRegistry.builtIn();
    static final int SEEDS = 40;
    static final int STEPS = 100;

    @Test
    void timeVaryingErdosRenyi() {
        // G(4, p) conditioned on being connected: P(G) = p^|E| (1 − p)^(6 − |E|) / P(connected), summed over the
        // 2^6 graphs on 4 labelled nodes
        int n = 4;
        double p = 0.8;
        int pairs = n * (n - 1) / 2;
        int connected = 0;
        double mass = 0;
        double squares = 0;
        for (int mask = 0; mask < 1 << pairs; mask++) {
            int[][] edges = new int[Integer.bitCount(mask)][];
            int k = 0;
            int bit = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++, bit++) {
                    if ((mask >> bit & 1) != 0) {
                        edges[k++] = new int[] {i, j};
                    }
                }
            }
            if (RandomGraphs.connected(n, edges)) {
                double prob = Math.pow(p, edges.length) * Math.pow(1 - p, pairs - edges.length);
                connected++;
                mass += prob;
                squares += prob * prob;
            }
        }
        assertThat(connected).isEqualTo(38); // OEIS A001187: 1, 1, 4, 38, 728, ...
        checkIndependence("time-varying-erdos-renyi:p=0.8,seed=%d", n, squares / (mass * mass));
    }

    @Test
    void slowlyChangingRing() {
        // ring on 8 plus 1 chord: a uniform choice among the 8·7/2 − 8 = 20 non-ring pairs
        checkIndependence("slowly-changing-ring:k=1,seed=%d", 8, 1.0 / 20);
    }

    @Test
    void slowlyChangingStar() {
        // star on 8 (centre 0) plus 1 leaf–leaf edge: uniform among the 7·6/2 = 21 leaf pairs
        checkIndependence("slowly-changing-star:k=1,seed=%d", 8, 1.0 / 21);
    }

    @Test
    void matcha() {
        // each matching j active independently with probability p_j: Σ P(W)² = Π_j (p_j² + (1 − p_j)²)
        Matcha.Design d = Matcha.design(8, TopologyRegistry.builtIn().build("ring", 8).scheme(), 0.8);
        double q = 1;
        for (double p : d.probabilities()) {
            q *= p * p + (1 - p) * (1 - p);
        }
        assertThat(q).isCloseTo(0.68 * 0.68, org.assertj.core.api.Assertions.within(1e-9)); // p = (0.8, 0.8) by symmetry
        checkIndependence("matcha:base=ring,budget=0.8,seed=%d", 8, q);
    }

    /**
     * For seeds s = 1 … SEEDS and shifts −2 … 2: the share of steps t with W_s(t) = W_{s+1}(t + shift) must be q
     * within 4.5 standard errors of a binomial share (SEEDS·STEPS pairs per shift).
     */
    static void checkIndependence(String spec, int n, double q) {
        double[][][] w = new double[SEEDS + 1][STEPS + 4][];
        for (int s = 1; s <= SEEDS + 1; s++) {
            GossipScheme scheme = REGISTRY.build(String.format(java.util.Locale.ROOT, spec, s), n).scheme();
            for (int t = 0; t < STEPS + 4; t++) {
                w[s - 1][t] = Dense.of(scheme.matrix(t));
            }
        }
        double pairs = (double) SEEDS * STEPS;
        double tolerance = 4.5 * Math.sqrt(q * (1 - q) / pairs);
        double[] shares = new double[5];
        StringBuilder report = new StringBuilder(spec + ": identical share by shift, expected " + q + ":");
        for (int shift = -2; shift <= 2; shift++) {
            int same = 0;
            for (int s = 0; s < SEEDS; s++) {
                for (int t = 2; t < STEPS + 2; t++) {
                    same += Arrays.equals(w[s][t], w[s + 1][t + shift]) ? 1 : 0;
                }
            }
            shares[shift + 2] = same / pairs;
            report.append(String.format(java.util.Locale.ROOT, " %+d: %.4f", shift, shares[shift + 2]));
        }
        for (double share : shares) {
            assertThat(share).as(report.toString()).isBetween(q - tolerance, q + tolerance);
        }
    }
}
