package org.tidl.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checked parameter values of one spec, defaults filled in. Values were checked against their
 * {@link Parameter} declarations, so the typed getters only fail for names that were never declared.
 *
 * @since 1
 */
public final class Parameters {

    private final Map<String, String> values;

    private Parameters(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** No parameters. */
    public static Parameters empty() {
        return new Parameters(new LinkedHashMap<>());
    }

    /**
     * Checks {@code given} against {@code declared}: every key must be declared, every value must fit,
     * and every parameter without a default must be given.
     *
     * @throws IllegalArgumentException naming the first parameter that is wrong and what is allowed
     */
    public static Parameters resolve(List<Parameter> declared, Map<String, String> given) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : given.keySet()) {
            if (declared.stream().noneMatch(p -> p.name().equals(key))) {
                String known = declared.isEmpty() ? "none"
                        : String.join(", ", declared.stream().map(Parameter::name).toList());
                throw new IllegalArgumentException("unknown parameter '" + key + "' (allowed: " + known + ")");
            }
        }
        for (Parameter p : declared) {
            String v = given.get(p.name());
            if (v == null) {
                if (p.defaultValue() == null) {
                    throw new IllegalArgumentException("parameter '" + p.name() + "' is required (" + p.allowed() + ")");
                }
                v = p.defaultValue();
            }
            out.put(p.name(), p.parse(v));
        }
        return new Parameters(out);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public String text(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no parameter '" + name + "'");
        }
        return v;
    }

    public int integer(String name) {
        return Integer.parseInt(text(name));
    }

    public double real(String name) {
        return Double.parseDouble(text(name));
    }

    public int[] integers(String name) {
        String[] parts = text(name).split(",");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Integer.parseInt(parts[i].trim());
        }
        return out;
    }

    /** All values, in declaration order, as written (after defaults). */
    public Map<String, String> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
