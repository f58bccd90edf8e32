package org.tidl.reproduction.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.tidl.api.GossipScheme;
import org.tidl.core.TopologyRegistry;
import org.tidl.core.theory.IsotropicQuadratic;
import org.tidl.core.theory.RandomWalkCovariance;
import org.tidl.reproduction.LogGrid;

/** γ fitting and learning-rate maximisation against answers known in closed form. */
class FitTest {

    /** A covariance that is exactly Σ(γ0), at any scale, is fitted at γ0 with no residual. */
    @Test
    void covarianceFitRecoversTheGammaItWasMadeWith() {
        GossipScheme ring = TopologyRegistry.builtIn().build("ring", 12).scheme();
        RandomWalkCovariance prepared = RandomWalkCovariance.lyapunov(ring);
        for (double gamma : new double[] {0.6, 0.951, 0.995}) {
            double[] sigma = RandomWalkCovariance.matrixOf(prepared, gamma);
            for (int i = 0; i < sigma.length; i++) {
                sigma[i] *= 3.7;
            }
            CovarianceFit.Fit fit = CovarianceFit.fit(CovarianceFit.unitMeanDiagonal(sigma, 12), prepared, 12);
            assertThat(-Math.log10(1 - fit.gamma())).as("gamma %s", gamma).isCloseTo(-Math.log10(1 - gamma), within(1e-6));
            assertThat(fit.residual()).isLessThan(1e-6);
        }
    }

    @Test
    void unitMeanDiagonalScalesTheWholeMatrix() {
        assertThat(CovarianceFit.unitMeanDiagonal(new double[] {2, 1, 1, 4}, 2)).containsExactly(2 / 3.0, 1 / 3.0, 1 / 3.0, 4 / 3.0);
    }

    /** Alone on the isotropic quadratic: the best learning rate is 1/ζ and the rate there 1/ζ (Eq. 2). */
    @Test
    void learningRateSearchFindsEq2sOptimum() {
        for (double zeta : new double[] {5, 51, 400}) {
            LearningRateSearch.Optimum best = LearningRateSearch.maximise(lr -> IsotropicQuadratic.aloneRate(zeta, lr),
                    new LogGrid(-4, 0, 200));
            assertThat(best.learningRate()).isCloseTo(1 / zeta, within(1e-6 / zeta));
            assertThat(best.rate()).isCloseTo(1 / zeta, within(1e-9));
        }
    }

    /** Where the rate is NaN (no convergence) it counts as 0, so the search keeps to where it is defined. */
    @Test
    void aNanRateCountsAsNoConvergence() {
        LearningRateSearch.Optimum best = LearningRateSearch.maximise(lr -> lr > 0.1 ? Double.NaN : lr, new LogGrid(-3, 0, 50));
        assertThat(best.learningRate()).isLessThanOrEqualTo(0.1).isGreaterThan(0.08);
    }
}
