package org.tidl.cli;

import java.util.ArrayList;
import java.util.List;
import org.tidl.core.InvalidInputException;

/** Number lists on the command line: "a,b,c", "lin:A:B:K" (K evenly spaced) or "log:A:B:K" (K log-spaced). */
final class Lists {

    private Lists() {
    }

    static List<Double> reals(String option, String text) {
        String s = text.trim();
        List<Double> out = new ArrayList<>();
        try {
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
            throw new InvalidInputException(option + " must be numbers separated by commas, or lin:A:B:K / log:A:B:K, got '" + text + "'");
        }
        return out;
    }
}
