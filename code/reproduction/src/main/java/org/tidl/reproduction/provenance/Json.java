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
}
