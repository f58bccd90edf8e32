package org.tidl.core.quadratic;

import org.tidl.api.GossipScheme;
import org.tidl.api.Parameters;
import org.tidl.core.InvalidInputException;
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

    /**
     * Both predictions; NaN when not available or divergent.
     *
     * @param note why a prediction that applies could not be computed (e.g. n too large for the exact route), or
     *             null
     */
    public record Prediction(double eq7, double precise, String note) {
        Prediction(double eq7, double precise) {
            this(eq7, precise, null);
        }
    }

    private final GossipScheme scheme;
    private final String optimizer;
    private final boolean plain;
    private EffectiveNeighbors neighbors;
    private String preciseRefused;

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
                String note = null;
                double eq7 = Double.NaN;
                try {
                    if (neighbors == null) {
                        neighbors = EffectiveNeighbors.of(scheme);
                    }
                    EffectiveNeighbors nw = neighbors;
                    eq7 = QuadraticRate.fixedPoint(g -> nw.at(g, NeighborsMode.WORST), zeta, lr);
                } catch (InvalidInputException e) {
                    note = "no Eq. 7 prediction: " + e.getMessage();
                }
                double[] precise = {Double.NaN};
                String preciseNote = precise(() -> precise[0] = SecondMoments.rate(scheme, zeta, lr,
                        SecondMoments.Order.ADAPT_THEN_COMBINE));
                return new Prediction(eq7, precise[0], note != null ? note : preciseNote);
            }
            case "dsgd": {
                // Eq. 7 is derived for the adapt-then-combine order; only the exact map covers Eq. 19.
                double[] precise = {Double.NaN};
                String note = precise(() -> precise[0] = SecondMoments.rate(scheme, zeta, lr,
                        SecondMoments.Order.PARALLEL));
                return new Prediction(Double.NaN, precise[0], note);
            }
            default:
                return new Prediction(Double.NaN, Double.NaN);
        }
    }

    /** Runs the exact rate; a refusal (n too large, no convergence) becomes a note, not a failure of the run. */
    private String precise(Runnable exact) {
        if (preciseRefused != null) {
            return preciseRefused;
        }
        try {
            exact.run();
            return null;
        } catch (InvalidInputException e) {
            preciseRefused = "no precise prediction: " + e.getMessage();
            return preciseRefused;
        }
    }

    private static double valid(double r) {
        return r > 0 && r < 1 ? r : Double.NaN;
    }
}
