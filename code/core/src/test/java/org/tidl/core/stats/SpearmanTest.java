package org.tidl.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SpearmanTest {

    /** The paper's Fig. 6 points: ρ(loss, n_W(0.951)) = −0.976 and ρ(loss, gap) = −0.64 with FC32. */
    @Test
    void reproducesThePapersFigure6Correlations() {
        // Solo, Star, Binary tree, Ring, TV-exp, Social, Two cliques, Torus, Hypercube, FC32
        double[] nw = {1, 2.313, 7.192, 8.856, 14.309, 16.368, 17.907, 20.637, 24.286, 32};
        double[] gap = {0, 0.03125, 0.01008, 0.01281, 1, 0.0821, 0.00658, 0.1172, 0.3333, 1};
        double[] loss = {1.548, 1.139, 0.586, 0.519, 0.335, 0.343, 0.318, 0.323, 0.288, 0.216};
        assertThat(Spearman.rho(loss, nw)).isCloseTo(-0.976, within(0.0005));
        assertThat(Spearman.rho(loss, gap)).isCloseTo(-0.64, within(0.005));
    }

    @Test
    void tiesGetTheirAverageRank() {
        assertThat(Spearman.ranks(new double[] {3, 1, 3, 2})).containsExactly(3.5, 1, 3.5, 2);
        assertThat(Spearman.rho(new double[] {1, 2, 3}, new double[] {30, 20, 10})).isEqualTo(-1.0);
    }
}
