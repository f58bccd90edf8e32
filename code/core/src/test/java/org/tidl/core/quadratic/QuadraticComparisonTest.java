package org.tidl.core.quadratic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tidl.core.InvalidInputException;
import org.tidl.core.OptimizerRegistry;
import org.tidl.core.TopologyRegistry;
import org.tidl.core.theory.IsotropicQuadratic;

/** The comparison behind {@code quadratic}: the cells in order, each prediction the theory's own, the measurement. */
class QuadraticComparisonTest {

    static final TopologyRegistry TOPOLOGIES = TopologyRegistry.builtIn();
    static final OptimizerRegistry OPTIMIZERS = OptimizerRegistry.builtIn();

    @Test
    void rowsAreTopologyMajorWithTheTheorysPredictionsAndTheSimulatedRuns() {
        var c = new QuadraticComparison.Config(List.of("ring", "fully-connected"), 8, "dsgd-atc", List.of(0.05, 0.2), 9, 1,
                400, 0.01, 2, 1, 1);
        List<String> events = new ArrayList<>();
        QuadraticComparison.Plan plan = QuadraticComparison.plan(c, TOPOLOGIES, OPTIMIZERS, new QuadraticComparison.TheoryListener() {
            @Override public void note(String topology, String note) { events.add("note " + topology); }
            @Override public void predicted() { events.add("predicted"); }
        });
        assertThat(plan.cells()).isEqualTo(4);
        assertThat(events).containsOnly("predicted").hasSize(4);
        int[] runs = {0};
        QuadraticComparison.Result r = plan.run(k -> runs[0] += k);
        assertThat(runs[0]).isEqualTo(4); // one per cell, once its seeds are done
        assertThat(r.rows()).extracting(QuadraticComparison.Row::topology)
                .containsExactly("ring", "ring", "fully-connected", "fully-connected");
        assertThat(r.rows()).extracting(QuadraticComparison.Row::learningRate).containsExactly(0.05, 0.2, 0.05, 0.2);
        assertThat(c.zeta()).isEqualTo(IsotropicQuadratic.zeta(9, 1)).isEqualTo(11);
        for (QuadraticComparison.Row row : r.rows()) {
            OptimizerRegistry.Optimizer o = OPTIMIZERS.resolve("dsgd-atc", Map.of("lr", Double.toString(row.learningRate())));
            QuadraticTheory theory = new QuadraticTheory(TOPOLOGIES.build(row.topology(), 8).scheme(), o.name(), o.parameters());
            assertThat(row.predicted()).isEqualTo(theory.predict(11, row.learningRate()));
            assertThat(row.predictedStepsToTarget()).isEqualTo(IsotropicQuadratic.stepsToTarget(row.predicted().precise(), 0.01));
            assertThat(row.measured().divergedSeeds()).isZero();
            // the measured rate is the theory's to within a few standard errors (two seeds, 400 steps)
            assertThat(row.measured().measuredRate()).isCloseTo(row.predicted().precise(),
                    org.assertj.core.data.Offset.offset(5 * row.measured().measuredRateError() + 0.02));
        }
    }

    @Test
    void anUnknownTopologyIsNamed() {
        var c = new QuadraticComparison.Config(List.of("nosuch"), 8, "dsgd-atc", List.of(0.1), 9, 1, 10, 0, 1, 1, 1);
        assertThatThrownBy(() -> QuadraticComparison.plan(c, TOPOLOGIES, OPTIMIZERS, null))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("topology 'nosuch': ");
    }
}
