package org.tidl.reproduction.dl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tidl.reproduction.dl.ExperimentPlot.Grouping.BY_LEARNING_RATE;
import static org.tidl.reproduction.dl.ExperimentPlot.Grouping.BY_SETUP;

import org.junit.jupiter.api.Test;

class ExperimentPlotTest {

    /** Fewer charts, each within the palette's ten colours; a tie goes to one chart per topology. */
    @Test
    void groupingGivesFewerChartsWithinThePalette() {
        assertThat(ExperimentPlot.grouping(9, 9)).isEqualTo(BY_SETUP);          // Fig. 4's grid: 9 charts of 9 rates
        assertThat(ExperimentPlot.grouping(3, 7)).isEqualTo(BY_SETUP);          // 3 charts of 7 rates, not 7 of 3 topologies
        assertThat(ExperimentPlot.grouping(6, 1)).isEqualTo(BY_LEARNING_RATE);  // one chart of 6 topologies
        assertThat(ExperimentPlot.grouping(1, 12)).isEqualTo(BY_LEARNING_RATE); // 12 rates do not fit one chart's colours
        assertThat(ExperimentPlot.grouping(12, 3)).isEqualTo(BY_SETUP);         // 12 topologies do not
        assertThat(ExperimentPlot.grouping(20, 12)).isEqualTo(BY_SETUP);        // neither fits: fewer curves per chart
    }

    @Test
    void slugsAreFileNameParts() {
        assertThat(ExperimentPlot.slug("Torus (4x4)")).isEqualTo("torus-4x4");
        assertThat(ExperimentPlot.slug("al-dsgd, matcha:base=hypercube,budget=0.5")).isEqualTo("al-dsgd-matcha-base-hypercube-budget-0-5");
        assertThat(ExperimentPlot.slug("(((")).isEqualTo("setup");
    }
}
