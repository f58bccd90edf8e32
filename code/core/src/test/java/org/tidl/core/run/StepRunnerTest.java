package org.tidl.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tidl.api.ArrayWorkerMatrix;
import org.tidl.api.DecentralizedOptimizer;
import org.tidl.api.GossipScheme;
import org.tidl.api.GradientOracle;
import org.tidl.api.StepContext;
import org.tidl.core.OptimizerRegistry;
import org.tidl.core.TopologyRegistry;
import org.tidl.core.quadratic.IsotropicQuadraticOracle;

/** The step loop: what each step sees, observers that stop a run, and the same iterates as a hand-written loop. */
class StepRunnerTest {

    static final GossipScheme RING = TopologyRegistry.builtIn().build("ring", 4).scheme();

    @Test
    void eachStepSeesItsNumberScheduleSchemeOracleAndTheSharedLosses() {
        GradientOracle oracle = (x, g, losses) -> losses[0] = 7;
        List<StepContext> seen = new ArrayList<>();
        DecentralizedOptimizer recording = (c, x) -> {
            seen.add(c);
            c.oracle().gradients(x, x.zerosLike(), c.losses());
        };
        List<Double> observedLoss = new ArrayList<>();
        StepRunner.Outcome o = StepRunner.of(RING, oracle).withSchedule(t -> 1.0 / (t + 1))
                .run(recording, new ArrayWorkerMatrix(4, 2), 10, 3, (t, x, losses) -> observedLoss.add(losses[0]));
        assertThat(o).isEqualTo(new StepRunner.Outcome(3, false));
        assertThat(seen).extracting(StepContext::step).containsExactly(10L, 11L, 12L);
        assertThat(seen).extracting(StepContext::learningRateScale).containsExactly(1.0 / 11, 1.0 / 12, 1.0 / 13);
        assertThat(seen).allSatisfy(c -> {
            assertThat(c.scheme()).isSameAs(RING);
            assertThat(c.oracle()).isSameAs(oracle);
            assertThat(c.losses()).isSameAs(seen.get(0).losses()).hasSize(4);
        });
        assertThat(observedLoss).containsExactly(7.0, 7.0, 7.0);
    }

    @Test
    void anObserverStopsTheRunAfterTheStepItSaw() {
        int[] calls = {0, 0};
        StepRunner.Observer stopAtTwo = (t, x, losses) -> ++calls[0] < 3;
        StepRunner.Observer counting = (t, x, losses) -> ++calls[1] > 0;
        StepRunner.Outcome o = StepRunner.of(RING, (x, g, l) -> { }).run((c, x) -> { }, new ArrayWorkerMatrix(4, 1), 100,
                StepRunner.Observer.all(stopAtTwo, counting));
        assertThat(o).isEqualTo(new StepRunner.Outcome(3, true));
        assertThat(calls).containsExactly(3, 3); // every observer saw every step, the stopping one included
    }

    /** D-SGD through the runner gives the iterates of the loop it replaces, bit for bit. */
    @Test
    void sameIteratesAsAHandWrittenLoop() {
        OptimizerRegistry.Optimizer o = OptimizerRegistry.builtIn().resolve("dsgd", Map.of("lr", "0.05"));
        ArrayWorkerMatrix a = new ArrayWorkerMatrix(4, 5);
        ArrayWorkerMatrix b = new ArrayWorkerMatrix(4, 5);
        java.util.Arrays.fill(a.data(), 1);
        java.util.Arrays.fill(b.data(), 1);
        StepRunner.of(RING, new IsotropicQuadraticOracle(4, 5, 2, 3)).run(o.start(a, RING, 1), a, 50, StepRunner.NONE);
        DecentralizedOptimizer opt = o.start(b, RING, 1);
        IsotropicQuadraticOracle oracle = new IsotropicQuadraticOracle(4, 5, 2, 3);
        double[] losses = new double[4];
        for (int t = 0; t < 50; t++) {
            opt.step(new StepContext(t, 1, RING, oracle, losses), b);
        }
        assertThat(a.data()).containsExactly(b.data());
        assertThat(a.data()[0]).isNotEqualTo(1.0);
    }
}
