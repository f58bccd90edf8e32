package org.tidl.reproduction.beyond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tidl.api.GossipScheme;
import org.tidl.core.OptimizerRegistry;
import org.tidl.core.TopologyRegistry;
import org.tidl.reproduction.LogGrid;
import org.tidl.reproduction.PaperData;
import org.tidl.reproduction.PaperTopology;
import org.tidl.reproduction.StudyContext;

/** The tracking study's learning-rate search brackets each optimum, widening the grid where the best is at an end. */
class TrackingStudyTest {

    static final StationaryError.Problem PROBLEM = new StationaryError.Problem(32, 10, 1, 1, 1);

    static TrackingStudy.Result run(int widenBy) {
        TrackingStudy.Config c = new TrackingStudy.Config(List.of(PaperTopology.SOLO, PaperTopology.FULLY_CONNECTED), List.of("dsgd"),
                PROBLEM, 300, new LogGrid(-3, -0.1, 15), widenBy, 0.951);
        StudyContext ctx = new StudyContext(TopologyRegistry.builtIn(), OptimizerRegistry.builtIn(), PaperData.load(), null, null, w -> { });
        return new TrackingStudy().run(c, ctx);
    }

    static double error(String spec, double lr) {
        GossipScheme s = TopologyRegistry.builtIn().build(spec, 32).scheme();
        return StationaryError.of(s, OptimizerRegistry.builtIn().resolve("dsgd", Map.of("lr", Double.toString(lr))), PROBLEM, 300);
    }

    /**
     * Alone, a worker's best is to stay near x = 0 (x* = mean b_i is close to 0): the grid's lowest rate, 1e-3, was
     * its best. Widened by the grid's step (10^(2.9/14)), the search finds an optimum below 1e-3 whose neighbours on
     * the widened grid, recomputed here, are both worse.
     */
    @Test
    void soloIsWidenedUntilItsOptimumIsBracketed() {
        TrackingStudy.Cell solo = run(20).cells().get(0);
        double ratio = Math.pow(10, 2.9 / 14);
        assertThat(solo.bracketed()).isTrue();
        assertThat(solo.bestLearningRate()).isLessThan(1e-3);
        assertThat(solo.lowest()).isCloseTo(solo.bestLearningRate() / ratio, within(1e-12));
        assertThat(solo.error()).isLessThan(error("solo", 1e-3));
        assertThat(solo.error()).isEqualTo(error("solo", solo.bestLearningRate()));
        assertThat(error("solo", solo.bestLearningRate() / ratio)).isGreaterThan(solo.error());
        assertThat(error("solo", solo.bestLearningRate() * ratio)).isGreaterThan(solo.error());
    }

    /** Fully connected's optimum is inside the grid: nothing is added, the best is the grid's own point. */
    @Test
    void anOptimumInsideTheGridLeavesTheGridAsItIs() {
        TrackingStudy.Cell fc = run(20).cells().get(1);
        assertThat(fc.bracketed()).isTrue();
        double[] grid = new LogGrid(-3, -0.1, 15).values();
        assertThat(fc.lowest()).isEqualTo(grid[0]);
        assertThat(fc.highest()).isEqualTo(grid[grid.length - 1]);
        assertThat(grid).contains(fc.bestLearningRate());
    }

    /** Without widening, solo's best is the grid's lowest point, and the cell says it is not bracketed. */
    @Test
    void withoutWideningTheEdgeIsReported() {
        TrackingStudy.Cell solo = run(0).cells().get(0);
        assertThat(solo.bracketed()).isFalse();
        assertThat(solo.bestLearningRate()).isEqualTo(1e-3);
    }
}
