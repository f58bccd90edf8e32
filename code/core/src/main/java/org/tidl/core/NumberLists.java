package org.tidl.core;

import java.util.ArrayList;
import java.util.List;
import org.tidl.core.io.Csv;

/**
 * Numbers and number lists on the command line and in experiment files, checked against a declared range
 * before anything uses them: a whole number that does not fit is refused, never wrapped around or cut.
 *
 * <p>Lists: "a,b,c", "lin:A:B:K" (K evenly spaced), "log:A:B:K" (K log-spaced) or "pow2half:K1:K2" (2^(k/2)
 * for k = K1..K2, rounded to 4 decimals: the paper's learning-rate grid). A list holds at least one and at
 * most {@link #MAX_VALUES} values.
 */
public final class NumberLists {

    /** The most values one list may expand to (a grid axis; more is a typo, e.g. lin:0:1:1e9). */
    public static final int MAX_VALUES = 100_000;

    private static final String LIST_FORMS = "numbers separated by commas, or lin:A:B:K / log:A:B:K / pow2half:K1:K2";

    private NumberLists() {
    }

    /**
     * A whole number in [min, max].
     *
     * @param what the parameter's name for the message ("--steps", "steps")
     */
    public static long whole(String what, String text, long min, long max) {
        String s = text == null ? "" : text.strip();
        long v;
        try {
            v = Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(what + " must be " + wholeRange(min, max) + ", got " + Messages.quote(text));
        }
        if (v < min || v > max) {
            throw new InvalidInputException(what + " must be " + wholeRange(min, max) + ", got " + Messages.quote(text));
        }
        return v;
    }

    /** As {@link #whole} for a value that must fit an int. */
    public static int wholeInt(String what, String text, int min, int max) {
        return (int) whole(what, text, min, max);
    }

    /** "a whole number in [1, 2147483647]", "a whole number >= 0". */
    public static String wholeRange(long min, long max) {
        if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
            return "a whole number (64-bit)";
        }
        if (max == Long.MAX_VALUE) {
            return "a whole number >= " + min;
        }
        return "a whole number in [" + min + ", " + max + "]";
    }

    /**
     * A finite real in [min, max] (bounds excluded when {@code minOpen} / {@code maxOpen}); NaN and infinities
     * are refused.
     */
    public static double real(String what, String text, double min, boolean minOpen, double max, boolean maxOpen) {
        String allowed = realRange(min, minOpen, max, maxOpen);
        double v;
        try {
            v = Double.parseDouble(text == null ? "" : text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(what + " must be " + allowed + ", got " + Messages.quote(text));
        }
        if (!inRange(v, min, minOpen, max, maxOpen)) {
            throw new InvalidInputException(what + " must be " + allowed + ", got " + Messages.quote(text));
        }
        return v;
    }

    private static boolean inRange(double v, double min, boolean minOpen, double max, boolean maxOpen) {
        return Double.isFinite(v) && (minOpen ? v > min : v >= min) && (maxOpen ? v < max : v <= max);
    }

    /** "a number in (0, 1]", "a number > 0". */
    public static String realRange(double min, boolean minOpen, double max, boolean maxOpen) {
        boolean noMax = max == Double.MAX_VALUE || max == Double.POSITIVE_INFINITY;
        boolean noMin = min == -Double.MAX_VALUE || min == Double.NEGATIVE_INFINITY;
        if (noMin && noMax) {
            return "a finite number";
        }
        if (noMax) {
            return "a number " + (minOpen ? "> " : ">= ") + Csv.number(min);
        }
        if (noMin) {
            return "a number " + (maxOpen ? "< " : "<= ") + Csv.number(max);
        }
        return "a number in " + (minOpen ? "(" : "[") + Csv.number(min) + ", " + Csv.number(max) + (maxOpen ? ")" : "]");
    }

    /** A list of finite reals (any sign); at least one value. */
    public static List<Double> reals(String option, String text) {
        String s = text == null ? "" : text.strip();
        List<Double> out = new ArrayList<>();
        try {
            if (s.startsWith("pow2half:")) {
                String[] p = s.substring(9).split(":", -1);
                if (p.length != 2) {
                    throw new NumberFormatException();
                }
                int k1 = Integer.parseInt(p[0].strip());
                int k2 = Integer.parseInt(p[1].strip());
                if (k2 < k1 || (long) k2 - k1 >= MAX_VALUES) {
                    throw new NumberFormatException();
                }
                for (int k = k1; k <= k2; k++) {
                    out.add(Math.round(Math.pow(2, k / 2.0) * 1e4) / 1e4);
                }
                return finite(option, text, out);
            }
            if (s.startsWith("lin:") || s.startsWith("log:")) {
                String[] p = s.substring(4).split(":", -1);
                if (p.length != 3) {
                    throw new NumberFormatException();
                }
                double a = Double.parseDouble(p[0].strip());
                double b = Double.parseDouble(p[1].strip());
                int k = Integer.parseInt(p[2].strip());
                if (k < 1 || k > MAX_VALUES || (s.startsWith("log:") && (a <= 0 || b <= 0))) {
                    throw new NumberFormatException();
                }
                for (int i = 0; i < k; i++) {
                    double f = k == 1 ? 0 : (double) i / (k - 1);
                    out.add(s.startsWith("lin:") ? a + (b - a) * f
                            : Math.exp(Math.log(a) + (Math.log(b) - Math.log(a)) * f));
                }
                return finite(option, text, out);
            }
            if (s.isEmpty() || s.replace(",", "").isBlank()) {
                throw new InvalidInputException(option + " must hold at least one number (" + LIST_FORMS + "), got "
                        + Messages.quote(text));
            }
            String[] parts = s.split(",", -1);
            if (parts.length > MAX_VALUES) {
                throw new NumberFormatException();
            }
            for (String part : parts) {
                out.add(Double.parseDouble(part.strip()));
            }
        } catch (NumberFormatException e) {
            throw new InvalidInputException(option + " must be " + LIST_FORMS + " (at most " + MAX_VALUES
                    + " values), got " + Messages.quote(text));
        }
        return finite(option, text, out);
    }

    private static List<Double> finite(String option, String text, List<Double> values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new InvalidInputException(option + " must be finite numbers, got " + Messages.quote(text));
            }
        }
        return values;
    }

    /** A list of reals, each in the given range (see {@link #real}). */
    public static List<Double> reals(String option, String text, double min, boolean minOpen, double max, boolean maxOpen) {
        List<Double> out = reals(option, text);
        for (double v : out) {
            if (!inRange(v, min, minOpen, max, maxOpen)) {
                throw new InvalidInputException(option + " values must be " + realRange(min, minOpen, max, maxOpen)
                        + ", got " + Csv.number(v));
            }
        }
        return out;
    }

    /**
     * A list of whole numbers, each in [min, max]: "a,b,c" is parsed exactly (no detour through double, so a
     * 64-bit seed keeps every digit); the lin/log/pow2half forms must give whole values.
     */
    public static List<Long> wholes(String option, String text, long min, long max) {
        String s = text == null ? "" : text.strip();
        List<Long> out = new ArrayList<>();
        if (s.startsWith("lin:") || s.startsWith("log:") || s.startsWith("pow2half:")) {
            for (double v : reals(option, text)) {
                if (v != Math.rint(v) || Math.abs(v) >= 0x1p53) {
                    throw new InvalidInputException(option + " must be whole numbers, got " + Csv.number(v)
                            + " from " + Messages.quote(text));
                }
                out.add((long) v);
            }
        } else {
            if (s.replace(",", "").isBlank()) {
                throw new InvalidInputException(option + " must hold at least one whole number (" + LIST_FORMS
                        + "), got " + Messages.quote(text));
            }
            String[] parts = s.split(",", -1);
            if (parts.length > MAX_VALUES) {
                throw new InvalidInputException(option + " holds more than " + MAX_VALUES + " values");
            }
            for (String part : parts) {
                try {
                    out.add(Long.parseLong(part.strip()));
                } catch (NumberFormatException e) {
                    throw new InvalidInputException(option + " must be whole numbers in [" + min + ", " + max
                            + "] separated by commas, got " + Messages.quote(part.strip()) + " in " + Messages.quote(text));
                }
            }
        }
        for (long v : out) {
            if (v < min || v > max) {
                throw new InvalidInputException(option + " values must be " + wholeRange(min, max) + ", got " + v);
            }
        }
        return out;
    }
}
