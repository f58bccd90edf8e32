package org.tidl.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plugin spec (topology or optimizer): {@code name} or {@code name:key=value,key=value}.
 *
 * <p>The grammar: a value in brackets is taken verbatim, commas and '=' included, without its outer brackets; this
 * is how a spec holds other specs ({@code matcha:base=[torus:rows=4,cols=8],budget=0.5},
 * {@code cycle:of=[ring,star,torus:rows=4,cols=8]}; brackets nest). Outside brackets, a comma-separated piece without
 * '=' continues the previous value, so list values need no brackets at the top level:
 * {@code circulant:offsets=1,8} is {@code circulant:offsets=[1,8]}. A list of specs (the value of {@code of}) is
 * split by {@link #list}.
 */
public record PluginSpec(String text, String name, Map<String, String> values) {

    /** A topology spec. */
    public static PluginSpec parse(String text) {
        return parse("topology", text);
    }

    /** A spec of the given kind ("topology", "optimizer"), named in error messages. */
    public static PluginSpec parse(String kind, String text) {
        String s = text == null ? "" : text.trim();
        if (s.isEmpty()) {
            throw new InvalidInputException(kind + " spec is empty (expected name or name:key=value,...)");
        }
        int colon = topLevel(s, ':');
        String name = (colon < 0 ? s : s.substring(0, colon)).trim();
        Map<String, String> values = new LinkedHashMap<>();
        if (colon >= 0) {
            String lastKey = null;
            for (String piece : pieces(s.substring(colon + 1), kind, s)) {
                int eq = topLevel(piece, '=');
                if (eq < 0) {
                    if (lastKey == null) {
                        throw new InvalidInputException(kind + " '" + s + "': expected key=value after ':', got '" + piece + "'");
                    }
                    values.put(lastKey, values.get(lastKey) + "," + unbracket(piece.trim()));
                } else {
                    String key = piece.substring(0, eq).trim();
                    if (key.isEmpty()) {
                        throw new InvalidInputException(kind + " '" + s + "': empty parameter name in '" + piece + "'");
                    }
                    if (values.containsKey(key)) {
                        throw new InvalidInputException(kind + " '" + s + "': parameter '" + key + "' given twice");
                    }
                    values.put(key, unbracket(piece.substring(eq + 1).trim()));
                    lastKey = key;
                }
            }
        }
        return new PluginSpec(s, name, Collections.unmodifiableMap(values));
    }

    /**
     * The specs of a list value ({@code ring,star,torus:rows=4,cols=8}): a piece that is bracketed, has no '=' or
     * has ':' before its first '=' starts a spec; a {@code key=value} piece belongs to the spec before it. A
     * bracketed piece loses its brackets ({@code [[circulant:offsets=[1,8]],ring]} lists two specs).
     *
     * <p>Deprecated form, still read: specs separated by '|' with ';' for ',' inside one ({@code ring|torus:rows=4;cols=8}),
     * recognised by a '|' in a list without brackets.
     */
    public static List<String> list(String kind, String text) {
        String s = text == null ? "" : text.trim();
        List<String> out = new ArrayList<>();
        if (s.indexOf('|') >= 0 && s.indexOf('[') < 0) {
            for (String legacy : s.split("\\|", -1)) {
                out.add(legacyNested(legacy.trim()));
            }
        } else if (!s.isEmpty()) {
            StringBuilder current = null;
            for (String piece : pieces(s, kind, s)) {
                String p = piece.trim();
                int eq = topLevel(p, '=');
                int colon = topLevel(p, ':');
                boolean starts = p.startsWith("[") || eq < 0 || colon >= 0 && colon < eq;
                if (starts) {
                    if (current != null) {
                        out.add(current.toString());
                    }
                    current = new StringBuilder(unbracket(p));
                } else if (current == null) {
                    throw new InvalidInputException(kind + " list '" + s + "': expected a " + kind + " spec, got '" + p + "'");
                } else {
                    current.append(',').append(p);
                }
            }
            out.add(current.toString());
        }
        for (String spec : out) {
            if (spec.isBlank()) {
                throw new InvalidInputException(kind + " list '" + s + "': empty " + kind + " spec");
            }
        }
        return out;
    }

    /**
     * A nested spec as a composite's parameter holds it. Deprecated form, still read: ';' for ',' in a spec without
     * brackets ({@code erdos-renyi:p=0.3;seed=2}).
     */
    public static String legacyNested(String text) {
        return text.indexOf(';') >= 0 && text.indexOf('[') < 0 ? text.replace(';', ',') : text;
    }

    /** The text split at the commas outside brackets. */
    private static List<String> pieces(String s, String kind, String whole) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                if (--depth < 0) {
                    throw unbalanced(kind, whole);
                }
            } else if (c == ',' && depth == 0) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        if (depth != 0) {
            throw unbalanced(kind, whole);
        }
        out.add(s.substring(start));
        return out;
    }

    /** The index of the first {@code c} outside brackets, or -1. */
    private static int topLevel(String s, char c) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char x = s.charAt(i);
            if (x == '[') {
                depth++;
            } else if (x == ']') {
                depth--;
            } else if (x == c && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** "[x]" → "x" when the first bracket closes at the end; anything else as it is. */
    private static String unbracket(String v) {
        if (v.length() < 2 || v.charAt(0) != '[' || v.charAt(v.length() - 1) != ']') {
            return v;
        }
        int depth = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']' && --depth == 0) {
                return i == v.length() - 1 ? v.substring(1, i).trim() : v;
            }
        }
        return v;
    }

    private static InvalidInputException unbalanced(String kind, String whole) {
        return new InvalidInputException(kind + " '" + whole + "': unbalanced brackets (a nested spec is written in "
                + "[...], e.g. matcha:base=[torus:rows=4,cols=8])");
    }

    @Override
    public String toString() {
        return text;
    }
}
