package org.tidl.reproduction.dl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule that marks "optimum at grid edge" on the deep-learning figures. */
class GridEdgeTest {

    static TrainingLog.Run run(String topology, double lr, boolean diverged, double loss) {
        return new TrainingLog.Run(0, "dsgd-atc", topology, 16, lr, 1, 300, diverged, loss, 0.8, loss, 0.8, 0.01);
    }

    /** Lowest rate best: at the edge; best inside: not; best at the highest with a diverged rate above: at the edge too. */
    @Test
    void aCurveSaysWhenItsBestIsAtAnEndOfTheGrid() {
        List<LearningRateCurve> curves = LearningRateCurve.of(List.of(
                run("ring", 0.01, false, 1.2), run("ring", 0.02, false, 1.3), run("ring", 0.04, false, 1.4),
                run("star", 0.01, false, 1.2), run("star", 0.02, false, 1.1), run("star", 0.04, false, 1.4),
                run("solo", 0.01, false, 1.2), run("solo", 0.02, false, 1.1), run("solo", 0.04, true, Double.NaN)));
        assertThat(curves).extracting(LearningRateCurve::bestAtGridEdge).containsExactly(true, false, false);
        List<LearningRateCurve> top = LearningRateCurve.of(List.of(run("ring", 0.01, false, 1.2), run("ring", 0.02, false, 1.1)));
        assertThat(top.get(0).bestAtGridEdge()).isTrue();
    }

    @Test
    void anOptimizersBestSaysWhenItIsTheLowestOrHighestTried() {
        TrainingLog.Run r = run("ring", 0.0078, false, 1.2);
        assertThat(new OptimizerStudy.Best("dsgd-atc", "ring", r, 0, List.of(), List.of(0.0078, 0.0156, 0.5)).atGridEdge()).isTrue();
        assertThat(new OptimizerStudy.Best("dsgd-atc", "ring", r, 0, List.of(), List.of(0.0039, 0.0078, 0.0156)).atGridEdge()).isFalse();
        assertThat(new OptimizerStudy.Best("dsgd-atc", "ring", r, 0, List.of(), List.of(0.002, 0.0078)).atGridEdge()).isTrue();
        assertThat(new OptimizerStudy.Best("dsgd-atc", "ring", r, 0, List.of(), List.of(0.0078)).atGridEdge()).isFalse();
    }
}
