package org.tidl.core.theory;

import org.tidl.api.GossipScheme;
import org.tidl.api.SpectralSymbol;

/**
 * Effective number of neighbors n_W(γ) (paper Definition 1, Prop. 2): the variance reduction of the gossiped
 * random walk against a lone one, n_W(γ) = (1/(1−γ)) / Σ_ii(γ), with Σ_ii averaged over workers (mode mean)
 * or its largest value (mode worst).
 */
public final class EffectiveNeighbors {

    private final RandomWalkCovariance covariance;

    public EffectiveNeighbors(RandomWalkCovariance covariance) {
        this.covariance = covariance;
    }

    public static EffectiveNeighbors of(GossipScheme scheme) {
        return new EffectiveNeighbors(RandomWalkCovariance.of(scheme));
    }

    public RandomWalkCovariance covariance() {
        return covariance;
    }

    public double at(double gamma, NeighborsMode mode) {
        double v = mode == NeighborsMode.MEAN ? covariance.meanDiagonal(gamma) : covariance.maxDiagonal(gamma);
        return 1.0 / ((1 - gamma) * v);
    }

    /** Infinite graph, paper Eq. 8: n_W⁻¹ = (1−γ) ∫ λ²/(1−γλ²) dσ(λ). */
    public static double infinite(SpectralSymbol symbol, double gamma) {
        RandomWalkCovariance.checkGamma(gamma);
        double integral = SpectralIntegral.average(symbol, lambda -> lambda * lambda / (1 - gamma * lambda * lambda));
        return 1.0 / ((1 - gamma) * integral);
    }
}
