package org.tidl.reproduction;

/**
 * {@code points} values 10^a … 10^b, evenly spaced in the exponent (numpy's logspace(a, b, points)).
 *
 * @param from   the first exponent a
 * @param to     the last exponent b
 * @param points how many (at least 2)
 */
public record LogGrid(double from, double to, int points) {

    public LogGrid {
        if (points < 2) {
            throw new IllegalArgumentException("a grid needs at least 2 points, got " + points);
        }
    }

    public double[] values() {
        double[] out = new double[points];
        for (int i = 0; i < points; i++) {
            out[i] = Math.pow(10, from + (to - from) * i / (points - 1));
        }
        return out;
    }
}
