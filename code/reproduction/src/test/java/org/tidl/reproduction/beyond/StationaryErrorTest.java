package org.tidl.reproduction.beyond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tidl.api.GossipScheme;
import org.tidl.core.OptimizerRegistry;
import org.tidl.core.TopologyRegistry;

/** The heterogeneous-quadratic simulator against its closed form. */
class StationaryErrorTest {

    /**
     * Fully connected adapt-then-combine D-SGD: after each step every worker holds x̄ = (1−η)x̄ + ηx* − η σ ξ̄, ξ̄ the
     * mean of n standard normals, so E‖x̄ − x*‖² settles at d η σ² / (n (2 − η)), whatever the optima b_i.
     */
    @Test
    void fullyConnectedSettlesAtTheClosedFormNoiseFloor() {
        int n = 8;
        int d = 200;
        double lr = 0.5;
        double sigma = 2;
        GossipScheme fc = TopologyRegistry.builtIn().build("fully-connected", n).scheme();
        OptimizerRegistry.Optimizer o = OptimizerRegistry.builtIn().resolve("dsgd-atc", Map.of("lr", Double.toString(lr)));
        double sum = 0;
        int seeds = 8;
        for (int s = 0; s < seeds; s++) {
            sum += StationaryError.of(fc, o, new StationaryError.Problem(n, d, 1, sigma, s), 600);
        }
        double expected = d * lr * sigma * sigma / (n * (2 - lr));
        assertThat(sum / seeds).isCloseTo(expected, within(0.05 * expected));
    }

    /** Noise-free gradient tracking reaches the optimum of the average; a too large learning rate diverges to +∞. */
    @Test
    void trackingReachesTheOptimumAndDivergenceIsInfinite() {
        GossipScheme ring = TopologyRegistry.builtIn().build("ring", 8).scheme();
        OptimizerRegistry reg = OptimizerRegistry.builtIn();
        double tracked = StationaryError.of(ring, reg.resolve("gradient-tracking", Map.of("lr", "0.2")),
                new StationaryError.Problem(8, 5, 1, 0, 3), 2000);
        double dsgd = StationaryError.of(ring, reg.resolve("dsgd", Map.of("lr", "0.2")),
                new StationaryError.Problem(8, 5, 1, 0, 3), 600);
        assertThat(tracked).isLessThan(1e-12);
        assertThat(dsgd).isGreaterThan(1e-3); // D-SGD's bias on heterogeneous data (Eq. 23)
        assertThat(StationaryError.of(ring, reg.resolve("dsgd", Map.of("lr", "2.5")),
                new StationaryError.Problem(8, 5, 1, 1, 3), 300)).isInfinite();
    }
}
