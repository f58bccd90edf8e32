package org.tidl.reproduction.render;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tidl.reproduction.PaperTopology;

/** What legends call optimizers and topologies: their usual names instead of the specs the command line takes. */
final class Names {

    private Names() {
    }

    /** "D-SGD (ATC)" for dsgd-atc, "DeTAG" for detag, ...; any other name as it is. */
    static String optimizer(String name) {
        return switch (name) {
            case "dsgd" -> "D-SGD";
            case "dsgd-atc" -> "D-SGD (ATC)";
            case "gradient-tracking" -> "gradient tracking";
            case "detag" -> "DeTAG";
            case "al-dsgd" -> "AL-DSGD";
            case "local-sgd" -> "local SGD";
            case "all-reduce" -> "all-reduce";
            default -> name;
        };
    }

    /**
     * The paper's name of a topology at n workers ("Torus (4x4)"), "MATCHA (hypercube, budget 0.5)" for MATCHA's
     * random matchings, else the spec.
     */
    static String topology(String spec, int workers) {
        if (spec.startsWith("matcha:")) {
            Map<String, String> p = parameters(spec.substring("matcha:".length()));
            String base = p.containsKey("base") ? PaperTopology.label(p.get("base"), workers) : "?";
            return "MATCHA (" + base.toLowerCase(java.util.Locale.ROOT) + (p.containsKey("budget") ? ", budget " + p.get("budget") : "") + ")";
        }
        return PaperTopology.label(spec, workers);
    }

    /** key=value pairs separated by commas, in order. */
    private static Map<String, String> parameters(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String kv : text.split(",")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                out.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
            }
        }
        return out;
    }
}
