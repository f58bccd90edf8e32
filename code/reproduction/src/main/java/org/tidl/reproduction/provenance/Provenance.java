package org.tidl.reproduction.provenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tidl.core.io.Csv;

/**
 * How a set of result files was made, written beside them as {@code NAME.provenance.json}: the code version, the
 * command, the settings and configuration, the machine, plugin jars, the deep-learning engine where it ran,
 * start and end time, the files read and the files written (each with its SHA-256). Volatile fields (times,
 * machine) live only here, so the results themselves stay byte-identical from run to run.
 */
public final class Provenance {

    /** The sidecar's file name suffix. */
    public static final String SUFFIX = ".provenance.json";

    /** The format's name and version, the first field of every sidecar. */
    public static final String FORMAT = "tidl-provenance/1";

    /**
     * What every file of one command run shares.
     *
     * @param command    the command as parsed: its name, then each option and value, as given
     * @param pluginJars the plugin jars the run's topologies and optimizers were loaded from
     */
    public record Invocation(List<String> command, CodeVersion code, Machine machine, List<Path> pluginJars) { }

    /** A file with its size and SHA-256, named relative to the sidecar's folder where it lies inside it. */
    public record FileRecord(String file, long bytes, String sha256) {

        /** @param folder null: name the file by its absolute path */
        static FileRecord of(Path folder, Path file) {
            Path abs = file.toAbsolutePath().normalize();
            Path base = folder == null ? null : folder.toAbsolutePath().normalize();
            String name = base != null && abs.startsWith(base) ? base.relativize(abs).toString().replace('\\', '/') : abs.toString();
            try {
                return new FileRecord(name, Files.size(file), Sha256.of(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private final Map<String, Object> fields = new LinkedHashMap<>();

    /**
     * @param kind what made the files ("figure", "verification")
     * @param name the name the sidecar is called by (a figure's name)
     */
    public Provenance(String kind, String name, Invocation invocation) {
        fields.put("format", FORMAT);
        fields.put("kind", kind);
        fields.put("name", name);
        fields.put("command", invocation.command());
        fields.put("code", invocation.code());
        fields.put("machine", invocation.machine());
        List<FileRecord> plugins = new ArrayList<>();
        for (Path jar : invocation.pluginJars()) {
            plugins.add(FileRecord.of(null, jar));
        }
        fields.put("plugins", plugins);
    }

    /** Adds a field (after those already there); a record or map becomes a JSON object. */
    public Provenance with(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    /**
     * Writes {@code folder/NAME.provenance.json} atomically, with the times and the files read and written.
     *
     * @return the sidecar's path
     */
    public Path write(Path folder, Instant started, Instant finished, List<Path> inputs, List<Path> outputs) {
        Map<String, Object> all = new LinkedHashMap<>(fields);
        all.put("started", started.toString());
        all.put("finished", finished.toString());
        all.put("inputs", inputs.stream().map(p -> FileRecord.of(folder, p)).toList());
        all.put("outputs", outputs.stream().map(p -> FileRecord.of(folder, p)).toList());
        Path sidecar = folder.resolve(fields.get("name") + SUFFIX);
        Csv.writeAtomically(sidecar, Json.write(all));
        return sidecar;
    }

    /** The sidecar of {@code name} in {@code folder}. */
    public static Path sidecar(Path folder, String name) {
        return folder.resolve(name + SUFFIX);
    }
}
