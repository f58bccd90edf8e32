package org.tidl.core.linalg;

import java.util.function.DoubleUnaryOperator;

/**
 * Brent's root finder (zeroin: bisection safeguarding secant and inverse quadratic steps; Brent 1973, ch. 4).
 * It keeps a bracket [a, b] with f(a), f(b) of opposite signs, so it always converges, and stops when the
 * bracket is below 4·ulp-scale tolerance: the root is then known to the last few bits of a double.
 */
public final class Brent {

    private Brent() {
    }

    /**
     * A root of f in [a, b], given fa = f(a) and fb = f(b) of opposite signs (either may be ±∞ as a limit value,
     * it is never evaluated again).
     *
     * @throws IllegalArgumentException when fa and fb do not bracket a root
     */
    public static double root(DoubleUnaryOperator f, double a, double b, double fa, double fb) {
        if (fa == 0) {
            return a;
        }
        if (fb == 0) {
            return b;
        }
        if (Math.signum(fa) == Math.signum(fb) || Double.isNaN(fa) || Double.isNaN(fb)) {
            throw new IllegalArgumentException("no sign change on [" + a + ", " + b + "]: f = " + fa + ", " + fb);
        }
        double c = a;
        double fc = fa;
        double d = b - a;
        double e = d;
        for (int iter = 0; iter < 400; iter++) {
            if (Math.signum(fb) == Math.signum(fc)) {
                c = a;
                fc = fa;
                d = b - a;
                e = d;
            }
            if (Math.abs(fc) < Math.abs(fb)) {
                a = b;
                b = c;
                c = a;
                fa = fb;
                fb = fc;
                fc = fa;
            }
            double tol = 2 * Math.ulp(Math.abs(b)) + 1e-300;
            double m = 0.5 * (c - b);
            if (Math.abs(m) <= tol || fb == 0) {
                return b;
            }
            if (Math.abs(e) < tol || Math.abs(fa) <= Math.abs(fb) || Double.isInfinite(fa) || Double.isInfinite(fc)) {
                d = m; // bisection
                e = m;
            } else {
                double s = fb / fa;
                double p;
                double q;
                if (a == c) { // secant
                    p = 2 * m * s;
                    q = 1 - s;
                } else { // inverse quadratic interpolation
                    double qa = fa / fc;
                    double r = fb / fc;
                    p = s * (2 * m * qa * (qa - r) - (b - a) * (r - 1));
                    q = (qa - 1) * (r - 1) * (s - 1);
                }
                if (p > 0) {
                    q = -q;
                } else {
                    p = -p;
                }
                if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
                    e = d;
                    d = p / q;
                } else {
                    d = m;
                    e = m;
                }
            }
            a = b;
            fa = fb;
            b += Math.abs(d) > tol ? d : Math.copySign(tol, m);
            fb = f.applyAsDouble(b);
        }
        return b;
    }
}
