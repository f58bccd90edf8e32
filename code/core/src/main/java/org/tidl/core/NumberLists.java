package org.tidl.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Number lists on the command line and in experiment files: "a,b,c", "lin:A:B:K" (K evenly spaced),
 * "log:A:B:K" (K log-spaced) or "pow2half:K1:K2" (2^(k/2) for k = K1..K2, rounded to 4 decimals: the paper's
 * learning-rate grid, digest E.1).
 */
public final class NumberLists {

    private NumberLists() {
    }

    public static List<Double> reals(String option, String text) {
        String s = text.trim();
        List<Double> out = new ArrayList<>();
        try {
            if (s.startsWith("pow2half:")) {
                String[] p = s.substring(9).split(":");
                if (p.length != 2) {
                    throw new NumberFormatException();
                }
                int k1 = Integer.parseInt(p[0]);
                int k2 = Integer.parseInt(p[1]);
                if (k2 < k1) {
                    throw new NumberFormatException();
                }
                for (int k = k1; k <= k2; k++) {
                    out.add(Math.round(Math.pow(2, k / 2.0) * 1e4) / 1e4);
                }
                return out;
            }
            if (s.startsWith("lin:") || s.startsWith("log:")) {
                String[] p = s.substring(4).split(":");
                if (p.length != 3) {
                    throw new NumberFormatException();
                }
                double a = Double.parseDouble(p[0]);
                double b = Double.parseDouble(p[1]);
                int k = Integer.parseInt(p[2]);
                if (k < 1 || (s.startsWith("log:") && (a <= 0 || b <= 0))) {
                    throw new NumberFormatException();
                }
                for (int i = 0; i < k; i++) {
                    double f = k == 1 ? 0 : (double) i / (k - 1);
                    out.add(s.startsWith("lin:") ? a + (b - a) * f
                            : Math.exp(Math.log(a) + (Math.log(b) - Math.log(a)) * f));
                }
                return out;
            }
            for (String part : s.split(",")) {
                double v = Double.parseDouble(part.trim());
                if (!Double.isFinite(v)) {
                    throw new NumberFormatException();
                }
                out.add(v);
            }
        } catch (NumberFormatException e) {
            throw new InvalidInputException(option + " must be numbers separated by commas, or lin:A:B:K / log:A:B:K / pow2half:K1:K2, got '" + text + "'");
        }
        return out;
    }
}
