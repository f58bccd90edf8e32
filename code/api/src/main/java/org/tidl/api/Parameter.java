package org.tidl.api;

import java.util.Locale;

/**
 * One parameter of a topology or optimizer: its name, type, default (null when required) and the range
 * allowed. Build with the static factories; the harness uses {@link #parse} to check a value.
 *
 * @param name         as written in a spec ({@code rows} in {@code torus:rows=4,cols=8})
 * @param type         the value's type
 * @param defaultValue the value used when the spec omits it, or null when the spec must give it
 * @param lower        smallest allowed value (numbers, list elements), or NaN for none
 * @param upper        largest allowed value, or NaN for none
 * @param upperOpen    whether {@code upper} itself is excluded
 * @param description  one line for {@code ./tidl list}
 *
 * @since 1
 */
public record Parameter(String name, ParameterType type, String defaultValue, double lower, double upper,
                        boolean upperOpen, String description) {

    public static Parameter integer(String name, Integer defaultValue, long lower, long upper, String description) {
        return new Parameter(name, ParameterType.INTEGER, defaultValue == null ? null : defaultValue.toString(),
                lower, upper, false, description);
    }

    /** A real in [lower, upper] (or [lower, upper) when {@code upperOpen}). */
    public static Parameter real(String name, Double defaultValue, double lower, double upper, boolean upperOpen,
                                 String description) {
        return new Parameter(name, ParameterType.REAL, defaultValue == null ? null : Double.toString(defaultValue),
                lower, upper, upperOpen, description);
    }

    /** Comma-separated integers, each at least {@code lower}. */
    public static Parameter integerList(String name, String defaultValue, long lower, String description) {
        return new Parameter(name, ParameterType.INTEGER_LIST, defaultValue, lower, Double.NaN, false, description);
    }

    public static Parameter path(String name, String description) {
        return new Parameter(name, ParameterType.PATH, null, Double.NaN, Double.NaN, false, description);
    }

    public static Parameter text(String name, String defaultValue, String description) {
        return new Parameter(name, ParameterType.TEXT, defaultValue, Double.NaN, Double.NaN, false, description);
    }

    /**
     * What values are allowed, in words: "integer in [1, 1000]", "real in [0, 1)", "real >= 0". An upper bound
     * that only says "what the type holds" (2147483647 for an integer, Double.MAX_VALUE for a real) is left out:
     * "integer >= 0", not "integer in [0, 2147483647]".
     */
    public String allowed() {
        String range = "";
        boolean hasLower = !Double.isNaN(lower);
        boolean hasUpper = !Double.isNaN(upper) && !upperIsTypeLimit();
        if (hasLower && hasUpper) {
            range = " in [" + fmt(lower) + ", " + fmt(upper) + (upperOpen ? ")" : "]");
        } else if (hasLower) {
            range = " >= " + fmt(lower);
        } else if (hasUpper) {
            range = (upperOpen ? " < " : " <= ") + fmt(upper);
        }
        if (type == ParameterType.INTEGER_LIST && !range.isEmpty()) {
            return "comma-separated integers, each" + range;
        }
        return type.word() + range;
    }

    /**
     * Checks {@code value} against type and range.
     *
     * @return the value, trimmed
     * @throws IllegalArgumentException naming the parameter and what is allowed
     */
    public String parse(String value) {
        String v = value == null ? "" : value.trim();
        if (v.isEmpty()) {
            throw invalid(value);
        }
        switch (type) {
            case INTEGER -> checkNumber(parseLong(v, value), value);
            case REAL -> {
                double x;
                try {
                    x = Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw invalid(value);
                }
                if (!Double.isFinite(x)) {
                    throw invalid(value);
                }
                checkNumber(x, value);
            }
            case INTEGER_LIST -> {
                for (String part : v.split(",", -1)) {
                    checkNumber(parseLong(part.trim(), value), value);
                }
            }
            case PATH, TEXT -> { }
        }
        return v;
    }

    private long parseLong(String v, String original) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw invalid(original);
        }
    }

    private void checkNumber(double x, String original) {
        if (!Double.isNaN(lower) && x < lower) {
            throw invalid(original);
        }
        if (!Double.isNaN(upper) && (x > upper || (upperOpen && x == upper))) {
            throw invalid(original);
        }
    }

    private IllegalArgumentException invalid(String value) {
        // the type's limit, left out of allowed(), is named when it is what the value broke
        String limit = upper == Integer.MAX_VALUE ? " (at most " + fmt(upper) + ")" : "";
        return new IllegalArgumentException("parameter '" + name + "' must be " + allowed() + limit + ", got '" + value + "'");
    }

    /** Whether {@code upper} is only the largest value of the type (Integer.MAX_VALUE, Long.MAX_VALUE, Double.MAX_VALUE, ∞). */
    private boolean upperIsTypeLimit() {
        return upper == Integer.MAX_VALUE || upper == (double) Long.MAX_VALUE || upper == Double.MAX_VALUE
                || upper == Double.POSITIVE_INFINITY;
    }

    private static String fmt(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        return String.format(Locale.ROOT, "%s", x);
    }
}
