package org.tidl.reproduction.provenance;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes a value as JSON (RFC 8259), indented, keys in their given order: maps, records (their components, in
 * declaration order), collections and primitive arrays, strings (escaped), numbers (non-finite ones as null),
 * booleans, enums (their names), paths, and null. Anything else is written as its {@code toString()}.
 *
 * <p>{@link #parse} reads JSON back (the report reads the provenance sidecars with it): objects as ordered maps,
 * arrays as lists, numbers as {@code Long} when whole and in range, else {@code Double}.
 */
public final class Json {

    private Json() {
    }

    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        value(sb, value, 0);
        return sb.append('\n').toString();
    }

    private static void value(StringBuilder sb, Object v, int depth) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            string(sb, s);
        } else if (v instanceof Boolean b) {
            sb.append(b);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            sb.append(Double.isFinite(d) ? Double.toString(d) : "null");
        } else if (v instanceof Number n) {
            sb.append(n);
        } else if (v instanceof Enum<?> e) {
            string(sb, e.name());
        } else if (v instanceof Path p) {
            string(sb, p.toString());
        } else if (v instanceof Map<?, ?> m) {
            object(sb, m.entrySet().iterator(), m.size(), depth);
        } else if (v instanceof Record r) {
            RecordComponent[] parts = r.getClass().getRecordComponents();
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            for (RecordComponent c : parts) {
                try {
                    java.lang.reflect.Method get = c.getAccessor();
                    get.setAccessible(true);
                    m.put(c.getName(), get.invoke(r));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    m.put(c.getName(), "(unreadable: " + e.getClass().getSimpleName() + ")");
                }
            }
            object(sb, m.entrySet().iterator(), m.size(), depth);
        } else if (v instanceof Collection<?> c) {
            array(sb, c.toArray(), depth);
        } else if (v instanceof double[] a) {
            array(sb, java.util.Arrays.stream(a).boxed().toArray(), depth);
        } else if (v instanceof int[] a) {
            array(sb, java.util.Arrays.stream(a).boxed().toArray(), depth);
        } else if (v instanceof long[] a) {
            array(sb, java.util.Arrays.stream(a).boxed().toArray(), depth);
        } else if (v instanceof Object[] a) {
            array(sb, a, depth);
        } else {
            string(sb, v.toString());
        }
    }

    private static void object(StringBuilder sb, Iterator<? extends Map.Entry<?, ?>> it, int size, int depth) {
        if (size == 0) {
            sb.append("{}");
            return;
        }
        sb.append("{\n");
        while (it.hasNext()) {
            Map.Entry<?, ?> e = it.next();
            indent(sb, depth + 1);
            string(sb, String.valueOf(e.getKey()));
            sb.append(": ");
            value(sb, e.getValue(), depth + 1);
            sb.append(it.hasNext() ? ",\n" : "\n");
        }
        indent(sb, depth);
        sb.append('}');
    }

    private static void array(StringBuilder sb, Object[] items, int depth) {
        if (items.length == 0) {
            sb.append("[]");
            return;
        }
        boolean flat = true;
        for (Object o : items) {
            flat &= o == null || o instanceof Number || o instanceof Boolean;
        }
        if (flat) { // numbers on one line: a grid of 200 learning rates stays readable
            sb.append('[');
            for (int i = 0; i < items.length; i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                value(sb, items[i], depth);
            }
            sb.append(']');
            return;
        }
        sb.append("[\n");
        for (int i = 0; i < items.length; i++) {
            indent(sb, depth + 1);
            value(sb, items[i], depth + 1);
            sb.append(i + 1 < items.length ? ",\n" : "\n");
        }
        indent(sb, depth);
        sb.append(']');
    }

    private static void indent(StringBuilder sb, int depth) {
        sb.append("  ".repeat(depth));
    }

    /** A JSON string: quotes, backslashes and control characters escaped (and U+2028/2029, for JavaScript). */
    static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /**
     * Parses one JSON value (RFC 8259): objects become {@code LinkedHashMap<String, Object>} (keys in file order; a
     * repeated key keeps its last value), arrays {@code List<Object>}, strings {@code String}, numbers {@code Long}
     * when written without fraction or exponent and in range, else {@code Double}; true/false, and null.
     *
     * @throws IllegalArgumentException naming the offset and what was expected, on anything else
     */
    public static Object parse(String text) {
        Parser p = new Parser(text);
        p.space();
        Object v = p.value(0);
        p.space();
        if (p.at < text.length()) {
            throw p.error("end of the text");
        }
        return v;
    }

    /** A recursive-descent reader of one JSON text. */
    private static final class Parser {
        /** Nesting limit: our records nest a few levels; a deeper text is not ours and must not overflow the stack. */
        private static final int MAX_DEPTH = 200;

        private final String s;
        private int at;

        Parser(String s) {
            this.s = s;
        }

        IllegalArgumentException error(String expected) {
            String found = at < s.length() ? "'" + s.charAt(at) + "'" : "the end";
            return new IllegalArgumentException("JSON offset " + at + ": expected " + expected + ", found " + found);
        }

        void space() {
            while (at < s.length() && (s.charAt(at) == ' ' || s.charAt(at) == '\t' || s.charAt(at) == '\n' || s.charAt(at) == '\r')) {
                at++;
            }
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("at most " + MAX_DEPTH + " nested levels");
            }
            if (at >= s.length()) {
                throw error("a value");
            }
            char c = s.charAt(at);
            switch (c) {
                case '{' -> {
                    return object(depth);
                }
                case '[' -> {
                    return array(depth);
                }
                case '"' -> {
                    return string();
                }
                case 't' -> {
                    return word("true", Boolean.TRUE);
                }
                case 'f' -> {
                    return word("false", Boolean.FALSE);
                }
                case 'n' -> {
                    return word("null", null);
                }
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw error("a value");
                }
            }
        }

        private Object word(String w, Object v) {
            if (!s.startsWith(w, at)) {
                throw error(w);
            }
            at += w.length();
            return v;
        }

        private Map<String, Object> object(int depth) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            at++;
            space();
            if (at < s.length() && s.charAt(at) == '}') {
                at++;
                return m;
            }
            while (true) {
                space();
                if (at >= s.length() || s.charAt(at) != '"') {
                    throw error("a key in quotes");
                }
                String key = string();
                space();
                expect(':');
                space();
                m.put(key, value(depth + 1));
                space();
                if (at < s.length() && s.charAt(at) == ',') {
                    at++;
                    continue;
                }
                expect('}');
                return m;
            }
        }

        private java.util.List<Object> array(int depth) {
            java.util.List<Object> out = new java.util.ArrayList<>();
            at++;
            space();
            if (at < s.length() && s.charAt(at) == ']') {
                at++;
                return out;
            }
            while (true) {
                space();
                out.add(value(depth + 1));
                space();
                if (at < s.length() && s.charAt(at) == ',') {
                    at++;
                    continue;
                }
                expect(']');
                return out;
            }
        }

        private void expect(char c) {
            if (at >= s.length() || s.charAt(at) != c) {
                throw error("'" + c + "'");
            }
            at++;
        }

        private String string() {
            at++; // the opening quote
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (at >= s.length()) {
                    throw error("a closing quote");
                }
                char c = s.charAt(at++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c < 0x20) {
                    at--;
                    throw error("an escaped control character");
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                if (at >= s.length()) {
                    throw error("an escape");
                }
                char e = s.charAt(at++);
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (at + 4 > s.length()) {
                            throw error("four hex digits");
                        }
                        int code = 0;
                        for (int i = 0; i < 4; i++) {
                            int d = Character.digit(s.charAt(at), 16);
                            if (d < 0) {
                                throw error("a hex digit");
                            }
                            code = code * 16 + d;
                            at++;
                        }
                        sb.append((char) code);
                    }
                    default -> {
                        at--;
                        throw error("an escape (\\\" \\\\ / b f n r t u)");
                    }
                }
            }
        }

        private Object number() {
            int start = at;
            if (s.charAt(at) == '-') {
                at++;
            }
            int intStart = at;
            digits();
            if (at == intStart || (s.charAt(intStart) == '0' && at - intStart > 1)) {
                at = intStart;
                throw error("a digit (no leading zeros)");
            }
            boolean whole = true;
            if (at < s.length() && s.charAt(at) == '.') {
                at++;
                whole = false;
                int f = at;
                digits();
                if (at == f) {
                    throw error("a digit after '.'");
                }
            }
            if (at < s.length() && (s.charAt(at) == 'e' || s.charAt(at) == 'E')) {
                at++;
                whole = false;
                if (at < s.length() && (s.charAt(at) == '+' || s.charAt(at) == '-')) {
                    at++;
                }
                int x = at;
                digits();
                if (at == x) {
                    throw error("a digit in the exponent");
                }
            }
            String t = s.substring(start, at);
            if (whole) {
                try {
                    return Long.parseLong(t);
                } catch (NumberFormatException tooBig) {
                    return Double.parseDouble(t);
                }
            }
            return Double.parseDouble(t);
        }

        private void digits() {
            while (at < s.length() && s.charAt(at) >= '0' && s.charAt(at) <= '9') {
                at++;
            }
        }
    }
}
