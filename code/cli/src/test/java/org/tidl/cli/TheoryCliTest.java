package org.tidl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.tidl.cli.CliTest.assertBadInput;
import static org.tidl.cli.CliTest.run;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tidl.core.io.CsvReader;

/** The theory commands at their edges: divergence, a million workers, and sizes that cannot be computed. */
class TheoryCliTest {

    static List<Map<String, String>> rows(CliTest.Result r) {
        assertThat(r.code()).as(r.err()).isZero();
        return CsvReader.parse(r.out());
    }

    @Test
    void divergenceIsAnEmptyRateNotZero() {
        // η = 2: (1−η)² = 1, Eq. 7's loop used to stop at γ = 1 and print 0
        assertThat(run("rate", "--topology", "ring", "--workers", "8", "--lr", "2", "--zeta", "50").out())
                .isEqualTo("topology,workers,zeta,lr,method,rate\nring,8,50,2,fixed-point,\n");
        assertThat(run("rate", "--topology", "ring", "--workers", "inf", "--lr", "2", "--zeta", "50").out())
                .endsWith("ring,inf,50,2,fixed-point,\n");
        // the quadratic command: every seed diverges, and neither prediction claims a rate
        for (Map<String, String> row : rows(run("quadratic", "--topology", "ring", "--workers", "8", "--lr", "10,2",
                "--steps", "200", "--target", "0", "--seeds", "3"))) {
            assertThat(row.get("diverged_seeds")).isEqualTo("3");
            assertThat(row.get("predicted_rate_eq7")).as("lr " + row.get("lr")).isEmpty();
            assertThat(row.get("predicted_rate_precise")).isEmpty();
        }
    }

    @Test
    void starAndChainOfAMillionWorkersAreDescribedInSeconds() {
        // closed-form spectra and O(edges) graph facts (the builder was O(n²) for the star, the diameter all-pairs)
        assertThat(run("describe", "--topology", "star", "--topology", "chain", "--workers", "1048576").out())
                .isEqualTo("topology,workers,period,symmetric,doubly_stochastic,min_degree,max_degree,edges,diameter,spectral_gap\n"
                        + "star,1048576,1,true,true,1,1048575,1048575,2,9.53674316406e-7\n"
                        + "chain,1048576,1,true,true,1,2,1048575,1048575,2.99216207367e-12\n");
        Map<String, String> chain = rows(run("describe", "--topology", "chain", "--workers", "50000")).get(0);
        double s = Math.sin(Math.PI / 100000);
        // (λ₂ is a double next to 1: a gap of 1e-9 keeps about 7 digits)
        assertThat(Double.parseDouble(chain.get("spectral_gap"))).isCloseTo(4.0 / 3 * s * s, within(1e-6 * s * s));
        // n_W of the star: hub and leaves from the closed form; mean = (Σ_hub + (n−1)Σ_leaf)/n
        int n = 65536;
        double g = 0.99;
        double mu = 1 - 1.0 / n;
        // Σ_ii = Σ_λ (weight of i on λ) λ²/(1 − γλ²) over λ = 1, 0, 1 − 1/n
        double hub = 1.0 / n / (1 - g);
        double leaf = 1.0 / n / (1 - g) + (n - 2.0) / (n - 1) * mu * mu / (1 - g * mu * mu);
        double meanSigma = (hub + (n - 1) * leaf) / n;
        Map<String, String> star = rows(run("neighbors", "--topology", "star", "--workers", Integer.toString(n),
                "--gamma", "0.99", "--mode", "mean")).get(0);
        assertThat(Double.parseDouble(star.get("effective_neighbors")))
                .isCloseTo(1 / ((1 - g) * meanSigma), within(1e-9));
        // worst mode: the leaves
        Map<String, String> worst = rows(run("neighbors", "--topology", "star", "--workers", Integer.toString(n),
                "--gamma", "0.99", "--mode", "worst")).get(0);
        assertThat(Double.parseDouble(worst.get("effective_neighbors"))).isCloseTo(1 / ((1 - g) * leaf), within(1e-9));
    }

    @Test
    void preciseRateOfAMillionWorkerRingIsTheInfiniteRing() {
        double ring = Double.parseDouble(rows(run("rate", "--topology", "ring", "--workers", "1048576", "--zeta", "51",
                "--lr", "0.09", "--method", "precise")).get(0).get("rate"));
        double inf = Double.parseDouble(rows(run("rate", "--topology", "ring", "--workers", "inf", "--zeta", "51",
                "--lr", "0.09")).get(0).get("rate"));
        assertThat(ring).isCloseTo(inf, within(1e-6));
    }

    @Test
    void sizesThatCannotBeComputedAreRefusedWithTheNumbers() {
        assertBadInput(run("rate", "--topology", "star", "--workers", "1048576", "--zeta", "10", "--lr", "0.1",
                "--method", "precise"), "topology 'star'", "n = 1048576", "fixed-point");
        assertBadInput(run("describe", "--topology", "binary-tree", "--workers", "50000"), "topology 'binary-tree'",
                "n = 50000", "n <= 4096");
        assertBadInput(run("quadratic", "--topology", "ring", "--workers", "8", "--dim", "2000000000", "--lr", "0.01"),
                "16000000000", "2147483639");
        // more than the heap is a memory refusal (exit 3) counting the optimizer's declared state
        CliTest.Result heap = run("quadratic", "--topology", "ring", "--workers", "2000", "--dim", "1000000", "--lr", "0.01");
        assertThat(heap.code()).as(heap.err()).isEqualTo(3);
        assertThat(heap.out()).isEmpty();
        assertThat(heap.err().strip()).doesNotContain("\n").contains("MiB", "TIDL_HEAP", "optimizer 'dsgd-atc'",
                "2 matrices it declares");
        assertBadInput(run("neighbors", "--topology", "ring", "--workers", "8", "--gamma", "0.5", "--method", "simulate",
                "--repetitions", "2000000000"), "2000000000 walks", "repetitions fit");
        assertBadInput(run("neighbors", "--topology", "chain", "--workers", "50000", "--gamma", "0.5", "--mode", "worst"),
                "topology 'chain'", "mode mean");
    }

    @Test
    void simulatedErrorSaysWhatItCovers() {
        List<Map<String, String>> random = rows(run("neighbors", "--topology", "time-varying-erdos-renyi:p=0.3",
                "--workers", "16", "--gamma", "0.5", "--method", "simulate", "--repetitions", "400"));
        assertThat(random.get(0).get("standard_error_covers")).isEqualTo("walks-and-graphs");
        List<Map<String, String>> ring = rows(run("neighbors", "--topology", "ring", "--workers", "16", "--gamma", "0.5",
                "--method", "simulate", "--repetitions", "400"));
        assertThat(ring.get(0).get("standard_error_covers")).isEqualTo("walks");
    }

    @Test
    void simulatedErrorMatchesTheSpreadOverIndependentSeeds() {
        // 60 independent seeds (the topology's and the walks'): the reported error must describe the spread of
        // the estimates; the error of one graph sequence was 3× too small here
        int seeds = 60;
        double[] value = new double[seeds];
        double reported = 0;
        for (int s = 0; s < seeds; s++) {
            Map<String, String> row = rows(run("neighbors", "--topology", "time-varying-erdos-renyi:p=0.2,seed=" + (s + 1),
                    "--workers", "16", "--gamma", "0.5", "--method", "simulate", "--repetitions", "400",
                    "--seed", Integer.toString(s + 1))).get(0);
            value[s] = Double.parseDouble(row.get("effective_neighbors"));
            reported += Double.parseDouble(row.get("standard_error")) / seeds;
        }
        double mean = java.util.Arrays.stream(value).average().orElseThrow();
        double ss = java.util.Arrays.stream(value).map(v -> (v - mean) * (v - mean)).sum();
        assertThat(Math.sqrt(ss / (seeds - 1)) / reported).isBetween(0.75, 1.3);
    }
}
