package org.tidl.reproduction.provenance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tidl.core.Messages;

/**
 * A {@code NAME.provenance.json} sidecar read back (see {@link Provenance} for what it holds), for showing it: the
 * fields as parsed, the text as written, or why it could not be read. A sidecar written by an older or newer
 * version may lack fields; every accessor answers null or an empty list then.
 *
 * @param fields the top-level object (empty when unreadable)
 * @param text   the file's text (empty when unreadable)
 * @param error  why it could not be read or parsed (null when it was)
 */
public record ProvenanceRecord(Path file, Map<String, Object> fields, String text, String error) {

    /** Reads {@code file}; a missing, unreadable or malformed file gives a record with its {@link #error}. */
    public static ProvenanceRecord read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return new ProvenanceRecord(file, Map.of(), "", "cannot read " + file + ": " + Messages.reason(e));
        }
        try {
            if (Json.parse(text) instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> fields = (Map<String, Object>) m;
                return new ProvenanceRecord(file, fields, text, null);
            }
            return new ProvenanceRecord(file, Map.of(), text, file + ": not a JSON object");
        } catch (IllegalArgumentException e) {
            return new ProvenanceRecord(file, Map.of(), text, file + ": not valid JSON (" + e.getMessage() + ")");
        }
    }

    public boolean readable() {
        return error == null;
    }

    /** What made the files: "figure", "verification", "plot", ... (null if absent). */
    public String kind() {
        return string(fields.get("kind"));
    }

    /** The command as parsed: its name, then each option and value. */
    public List<String> command() {
        return strings(fields.get("command"));
    }

    /** The command as one line to paste into a shell ({@code ./tidl reproduce --figure fig2 --quick}); null if absent. */
    public String commandLine() {
        List<String> c = command();
        if (c.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder("./tidl");
        for (String part : c) {
            sb.append(' ').append(Messages.shellWord(part));
        }
        return sb.toString();
    }

    /** The code's git commit (null outside a checkout or if absent). */
    public String commit() {
        return string(object("code").get("commit"));
    }

    /** Whether the code had uncommitted changes (null when not known). */
    public Boolean dirty() {
        return object("code").get("dirty") instanceof Boolean b ? b : null;
    }

    /** The changed files of a dirty checkout. */
    public List<String> changed() {
        return strings(object("code").get("changed"));
    }

    /** The project version the classes were built from (null if absent). */
    public String version() {
        return string(object("code").get("version"));
    }

    /** FULL or QUICK (null for outputs that have no variant, such as a plot). */
    public String variant() {
        return string(object("settings").get("variant"));
    }

    /** The run's root seed as written (null if absent). */
    public String seed() {
        return string(object("settings").get("seed"));
    }

    public String started() {
        return string(fields.get("started"));
    }

    public String finished() {
        return string(fields.get("finished"));
    }

    /** The machine's fields (java, os, cpu, cores, ...); empty if absent. */
    public Map<String, Object> machine() {
        return object("machine");
    }

    /** The names of the files it records as written, as recorded (relative to its folder where inside it). */
    public List<String> outputs() {
        List<String> out = new ArrayList<>();
        if (fields.get("outputs") instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> m && m.get("file") instanceof String f) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    /** A top-level object field (empty when absent or not an object). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> object(String key) {
        return fields.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** A scalar as text (numbers as JSON writes them); null for null, objects and arrays. */
    public static String string(Object v) {
        if (v == null || v instanceof Map || v instanceof List) {
            return null;
        }
        return v.toString();
    }

    private static List<String> strings(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            for (Object o : l) {
                String s = string(o);
                out.add(s == null ? "" : s);
            }
        }
        return out;
    }
}
