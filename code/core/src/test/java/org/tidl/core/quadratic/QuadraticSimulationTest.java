package org.tidl.core.quadratic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tidl.api.GossipScheme;
import org.tidl.core.OptimizerRegistry;
import org.tidl.core.TopologyRegistry;
import org.tidl.core.theory.IsotropicQuadratic;
import org.tidl.core.theory.SecondMoments;

/** The simulator against closed forms (Eqs. 2, 3), the exact second-moment map, and the paper's Fig. 1 claims. */
class QuadraticSimulationTest {

    static final TopologyRegistry TOPOLOGIES = TopologyRegistry.builtIn();
    static final OptimizerRegistry OPTIMIZERS = OptimizerRegistry.builtIn();

    static List<QuadraticRun> runs(String topology, int n, String optimizer, double lr, int dim, int steps,
                                   double target, int seeds) {
        GossipScheme scheme = TOPOLOGIES.build(topology, n).scheme();
        OptimizerRegistry.Optimizer o = OPTIMIZERS.resolve(optimizer, Map.of("lr", Double.toString(lr)));
        List<QuadraticRun> out = new ArrayList<>();
        for (int s = 0; s < seeds; s++) {
            out.add(QuadraticRun.simulate(scheme, o, dim, 1, steps, target, 1000 + s));
        }
        return out;
    }

    @Test
    void aloneMatchesEq2WithinMonteCarloError() {
        int d = 20;
        double zeta = IsotropicQuadratic.zeta(d, 1); // 22
        double lr = 0.03;
        QuadraticSummary s = QuadraticSummary.of(runs("ring", 16, "alone", lr, d, 300, 0, 8));
        double r = IsotropicQuadratic.aloneRate(zeta, lr); // 0.0402
        assertThat(s.measuredRateError()).isBetween(1e-5, 3e-3);
        assertThat(s.measuredRate()).isCloseTo(r, within(4 * s.measuredRateError()));
    }

    @Test
    void fullyConnectedAndAllReduceMatchEq3WithinMonteCarloError() {
        int d = 20;
        double zeta = IsotropicQuadratic.zeta(d, 1);
        double lr = 0.3;
        double r = IsotropicQuadratic.centralizedRate(zeta, lr, 16); // 1 - 0.49 - 21*0.09/16
        for (String[] c : new String[][] {{"fully-connected", "dsgd-atc"}, {"ring", "all-reduce"}}) {
            QuadraticSummary s = QuadraticSummary.of(runs(c[0], 16, c[1], lr, d, 60, 0, 16));
            assertThat(s.measuredRate()).as(c[1] + " on " + c[0]).isCloseTo(r, within(4 * s.measuredRateError()));
            assertThat(s.measuredRateError()).isLessThan(0.01);
        }
    }

    @Test
    void ringAndStarFollowTheExactSecondMoments() {
        int d = 30;
        double zeta = IsotropicQuadratic.zeta(d, 1);
        for (String[] c : new String[][] {{"ring", "dsgd-atc"}, {"star", "dsgd-atc"}, {"ring", "dsgd"}}) {
            double lr = 0.06;
            int steps = 240;
            List<QuadraticRun> rs = runs(c[0], 16, c[1], lr, d, steps, 0, 12);
            SecondMoments.Order order = c[1].equals("dsgd") ? SecondMoments.Order.PARALLEL
                    : SecondMoments.Order.ADAPT_THEN_COMBINE;
            GossipScheme scheme = TOPOLOGIES.build(c[0], 16).scheme();
            double[] expected = SecondMoments.expectedLoss(scheme, zeta, lr, order, steps);
            // the whole expected curve: mean over seeds within 4 standard errors at several steps
            for (int t : new int[] {10, 40, 120, 240}) {
                double mean = 0, sq = 0;
                for (QuadraticRun r : rs) {
                    mean += r.loss()[t] / rs.size();
                    sq += r.loss()[t] * r.loss()[t] / rs.size();
                }
                double se = Math.sqrt((sq - mean * mean) / (rs.size() - 1));
                assertThat(mean).as(c[1] + " on " + c[0] + " at t=" + t).isCloseTo(expected[t], within(4 * se));
            }
            // and the late-time slope: the precise rate
            QuadraticSummary s = QuadraticSummary.of(rs);
            double precise = SecondMoments.rate(scheme, zeta, lr, order);
            assertThat(s.measuredRate()).as(c[1] + " on " + c[0]).isCloseTo(precise, within(4 * s.measuredRateError() + 2e-3));
        }
    }

    @Test
    void optimalLearningRatesAreTheClosedForms() {
        double zeta = 51;
        int n = 32;
        assertThat(argmax(lr -> IsotropicQuadratic.aloneRate(zeta, lr))).isCloseTo(1 / zeta, within(1e-6));
        assertThat(argmax(lr -> IsotropicQuadratic.centralizedRate(zeta, lr, n))).isCloseTo(n / (n + zeta - 1), within(1e-6));
        // the exact map of alone / fully connected reaches its best rate at the same learning rates
        GossipScheme fc = TOPOLOGIES.build("fully-connected", n).scheme();
        double best = argmax(lr -> SecondMoments.rate(fc, zeta, lr, SecondMoments.Order.ADAPT_THEN_COMBINE));
        assertThat(best).isCloseTo(n / (n + zeta - 1), within(1e-5));
        GossipScheme solo = TOPOLOGIES.build("solo", n).scheme();
        assertThat(argmax(lr -> SecondMoments.rate(solo, zeta, lr, SecondMoments.Order.ADAPT_THEN_COMBINE)))
                .isCloseTo(1 / zeta, within(1e-5));
        // and the simulation is fastest there: both neighbours of the optimum are slower
        for (String[] c : new String[][] {{"alone", "0.0196"}, {"all-reduce", "0.3846"}}) {
            double opt = Double.parseDouble(c[1]);
            double mid = QuadraticSummary.of(runs("ring", n, c[0], opt, 49, 4000, 0.01, 6)).stepsToTarget();
            double lo = QuadraticSummary.of(runs("ring", n, c[0], opt * 0.6, 49, 4000, 0.01, 6)).stepsToTarget();
            double hi = QuadraticSummary.of(runs("ring", n, c[0], opt * 1.4, 49, 4000, 0.01, 6)).stepsToTarget();
            assertThat(mid).as(c[0]).isLessThan(lo);
            assertThat(hi).as(c[0]).satisfiesAnyOf(h -> assertThat(h).isNaN(), h -> assertThat(h).isGreaterThan(mid));
        }
    }

    @Test
    void ringBeatsAloneAsInFigure1() {
        // zeta = 51: alone diverges above 2/zeta = 0.039, a 32-ring still converges at 0.06
        assertThat(QuadraticSummary.of(runs("solo", 32, "dsgd-atc", 0.06, 49, 3000, 0.01, 4)).divergedSeeds()).isEqualTo(4);
        QuadraticSummary ringFast = QuadraticSummary.of(runs("ring", 32, "dsgd-atc", 0.06, 49, 3000, 0.01, 4));
        assertThat(ringFast.seedsReached()).isEqualTo(4);
        // at their best learning rates the ring reaches the target much faster (theory: 34.8 vs 232.5 steps)
        double alone = QuadraticSummary.of(runs("solo", 32, "dsgd-atc", 0.0196, 49, 3000, 0.01, 6)).stepsToTarget();
        double ring = QuadraticSummary.of(runs("ring", 32, "dsgd-atc", 0.0901, 49, 3000, 0.01, 6)).stepsToTarget();
        assertThat(alone).isBetween(200.0, 270.0);
        assertThat(ring).isLessThan(alone / 4);
    }

    @Test
    void largerRingsReachTheTargetNoSlower() {
        double[] best = {0.0196, 0.0392, 0.0715, 0.0901, 0.0901};
        int[] sizes = {1, 2, 4, 8, 32};
        double previous = Double.POSITIVE_INFINITY;
        for (int k = 0; k < sizes.length; k++) {
            double steps = QuadraticSummary.of(runs("ring", sizes[k], "dsgd-atc", best[k], 49, 3000, 0.01, 9)).stepsToTarget();
            assertThat(steps).as("ring of " + sizes[k]).isLessThanOrEqualTo(previous);
            previous = steps;
        }
    }

    @Test
    void sameSeedSameTrajectory() {
        double[] a = runs("ring", 8, "dsgd", 0.05, 10, 50, 0, 1).get(0).loss();
        double[] b = runs("ring", 8, "dsgd", 0.05, 10, 50, 0, 1).get(0).loss();
        assertThat(a).containsExactly(b);
        double[] c = runs("ring", 8, "dsgd-atc", 0.05, 10, 50, 0, 1).get(0).loss();
        assertThat(c).isNotEqualTo(a);
    }

    interface Fn {
        double at(double lr);
    }

    /** Golden-section maximum of a unimodal function on (0, 1). */
    static double argmax(Fn f) {
        double a = 1e-6, b = 0.999;
        double g = (Math.sqrt(5) - 1) / 2;
        for (int i = 0; i < 200; i++) {
            double c = b - g * (b - a), d = a + g * (b - a);
            double fc = f.at(c), fd = f.at(d);
            if (Double.isNaN(fc)) fc = -1 - c; // diverged: prefer smaller learning rates
            if (Double.isNaN(fd)) fd = -1 - d;
            if (fc > fd) b = d; else a = c;
        }
        return 0.5 * (a + b);
    }

    @Test
    void predictionsAreEmptyExactlyWhereEverySeedDiverges() {
        // lr 2 and 10 (beyond where the mean can shrink) and lr 0.5 (noise-driven divergence: exact rate −0.47 at
        // ζ = 51): every seed blows up, and both predictions say "diverges" (Eq. 7 used to print 0 for lr ≥ 2)
        int d = 49;
        double zeta = IsotropicQuadratic.zeta(d, 1);
        GossipScheme ring = TOPOLOGIES.build("ring", 8).scheme();
        for (double lr : new double[] {0.5, 2, 10}) {
            OptimizerRegistry.Optimizer o = OPTIMIZERS.resolve("dsgd-atc", Map.of("lr", Double.toString(lr)));
            QuadraticTheory.Prediction p = new QuadraticTheory(ring, o.name(), o.parameters()).predict(zeta, lr);
            assertThat(p.eq7()).as("Eq. 7 at lr " + lr).isNaN();
            assertThat(p.precise()).as("precise at lr " + lr).isNaN();
            QuadraticSummary s = QuadraticSummary.of(runs("ring", 8, "dsgd-atc", lr, d, 400, 0, 4));
            assertThat(s.divergedSeeds()).as("diverged seeds at lr " + lr).isEqualTo(4);
        }
        // and where both predict convergence, no seed diverges and the measured rate agrees
        OptimizerRegistry.Optimizer o = OPTIMIZERS.resolve("dsgd-atc", Map.of("lr", "0.05"));
        QuadraticTheory.Prediction p = new QuadraticTheory(ring, o.name(), o.parameters()).predict(zeta, 0.05);
        assertThat(p.eq7()).isCloseTo(p.precise(), within(1e-7));
        QuadraticSummary s = QuadraticSummary.of(runs("ring", 8, "dsgd-atc", 0.05, d, 200, 0, 8));
        assertThat(s.divergedSeeds()).isZero();
        assertThat(s.measuredRate()).isCloseTo(p.precise(), within(4 * s.measuredRateError()));
    }
}
