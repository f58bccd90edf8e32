package org.tidl.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A plugin spec (topology or optimizer) {@code name} or {@code name:key=value,key=value}. A comma-separated piece without '='
 * continues the previous value, so list values need no quoting: {@code circulant:offsets=1,8}.
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
        int colon = s.indexOf(':');
        String name = (colon < 0 ? s : s.substring(0, colon)).trim();
        Map<String, String> values = new LinkedHashMap<>();
        if (colon >= 0) {
            String lastKey = null;
            for (String piece : s.substring(colon + 1).split(",", -1)) {
                int eq = piece.indexOf('=');
                if (eq < 0) {
                    if (lastKey == null) {
                        throw new InvalidInputException(kind + " '" + s + "': expected key=value after ':', got '" + piece + "'");
                    }
                    values.put(lastKey, values.get(lastKey) + "," + piece.trim());
                } else {
                    String key = piece.substring(0, eq).trim();
                    if (key.isEmpty()) {
                        throw new InvalidInputException(kind + " '" + s + "': empty parameter name in '" + piece + "'");
                    }
                    if (values.containsKey(key)) {
                        throw new InvalidInputException(kind + " '" + s + "': parameter '" + key + "' given twice");
                    }
                    values.put(key, piece.substring(eq + 1).trim());
                    lastKey = key;
                }
            }
        }
        return new PluginSpec(s, name, Collections.unmodifiableMap(values));
    }

    @Override
    public String toString() {
        return text;
    }
}
