package org.tidl.core.theory;

/** Constants of the isotropic random quadratic of paper Section 3.1. */
public final class IsotropicQuadratic {

    private IsotropicQuadratic() {
    }

    /** Noise level ζ = (1 + b + d)/b for dimension d and batch b (E‖g(x)‖² = ζ‖x‖²; ζ = d + 2 for b = 1). */
    public static double zeta(int dimension, int batch) {
        return (1.0 + batch + dimension) / batch;
    }

    /** The tuned centralized learning rate 1/ζ(d, b·n) = b·n/(1 + b·n + d) (the authors' {@code tuned_centralized_lr}). */
    public static double tunedCentralizedLearningRate(int dimension, int batch, int workers) {
        return 1.0 / zeta(dimension, batch * workers);
    }

    /** Rate of a lone worker, paper Eq. 2: r = 1 − (1−η)² − (ζ−1)η². */
    public static double aloneRate(double zeta, double lr) {
        return 1 - (1 - lr) * (1 - lr) - (zeta - 1) * lr * lr;
    }

    /** Rate of n workers with exact averaging, paper Eq. 3: r = 1 − (1−η)² − (ζ−1)η²/n. */
    public static double centralizedRate(double zeta, double lr, double workers) {
        return 1 - (1 - lr) * (1 - lr) - (zeta - 1) * lr * lr / workers;
    }

    /** Steps until the loss falls by {@code factor} at rate r: ln(factor)/ln(1−r) (Fig. 1's y axis, not rounded). */
    public static double stepsToTarget(double rate, double factor) {
        return Math.log(factor) / Math.log(1 - rate);
    }
}
