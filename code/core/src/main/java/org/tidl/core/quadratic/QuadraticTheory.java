package org.tidl.core.quadratic;

import org.tidl.api.GossipScheme;
import org.tidl.api.Parameters;
import org.tidl.core.theory.EffectiveNeighbors;
import org.tidl.core.theory.IsotropicQuadratic;
import org.tidl.core.theory.NeighborsMode;
import org.tidl.core.theory.QuadraticRate;
import org.tidl.core.theory.SecondMoments;

/**
 * What theory predicts for a built-in optimizer on the isotropic quadratic: the paper's closed forms (Eq. 2
 * alone, Eq. 3 all-reduce, Eq. 7 for adapt-then-combine D-SGD) and the exact second-moment rate
 * ({@link SecondMoments}). NaN where no prediction applies: plugins, momentum or weight decay, random schemes.
 */
public final class QuadraticTheory {

    /** Both predictions; NaN when not available or divergent. */
    public record Prediction(double eq7, double precise) { }

    private final GossipScheme scheme;
    private final String optimizer;
    private final boolean plain;
    private EffectiveNeighbors neighbors;

    public QuadraticTheory(GossipScheme scheme, String optimizer, Parameters parameters) {
        this.scheme = scheme;
        this.optimizer = optimizer;
        this.plain = parameters.has("momentum") && parameters.real("momentum") == 0
                && parameters.has("weight-decay") && parameters.real("weight-decay") == 0;
    }

    public Prediction predict(double zeta, double lr) {
        if (!plain || scheme.period() == GossipScheme.APERIODIC) {
            return new Prediction(Double.NaN, Double.NaN);
        }
        switch (optimizer) {
            case "alone": {
                double r = valid(IsotropicQuadratic.aloneRate(zeta, lr));
                return new Prediction(r, r);
            }
            case "all-reduce": {
                double r = valid(IsotropicQuadratic.centralizedRate(zeta, lr, scheme.size()));
                return new Prediction(r, r);
            }
            case "dsgd-atc": {
                if (neighbors == null) {
                    neighbors = EffectiveNeighbors.of(scheme);
                }
                EffectiveNeighbors nw = neighbors;
                return new Prediction(QuadraticRate.fixedPoint(g -> nw.at(g, NeighborsMode.WORST), zeta, lr),
                        SecondMoments.rate(scheme, zeta, lr, SecondMoments.Order.ADAPT_THEN_COMBINE));
            }
            case "dsgd":
                // Eq. 7 is derived for the adapt-then-combine order; only the exact map covers Eq. 19.
                return new Prediction(Double.NaN, SecondMoments.rate(scheme, zeta, lr, SecondMoments.Order.PARALLEL));
            default:
                return new Prediction(Double.NaN, Double.NaN);
        }
    }

    private static double valid(double r) {
        return r > 0 && r < 1 ? r : Double.NaN;
    }
}
