package org.tidl.reproduction.provenance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a result was computed: Java, operating system, CPU model and cores, heap limit.
 *
 * @param cpu the processor's model name (Linux: /proc/cpuinfo; Windows: PROCESSOR_IDENTIFIER; else the architecture)
 */
public record Machine(String java, String jvm, String os, String cpu, int cores, long maxHeapMib) {

    public static Machine current() {
        return new Machine(System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                cpuModel(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
    }

    static String cpuModel() {
        Path info = Path.of("/proc/cpuinfo");
        if (Files.isReadable(info)) {
            try (var lines = Files.lines(info)) {
                String model = lines.filter(l -> l.toLowerCase(Locale.ROOT).startsWith("model name"))
                        .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(null);
                if (model != null) {
                    return model;
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // fall through
            }
        }
        String windows = System.getenv("PROCESSOR_IDENTIFIER");
        return windows != null ? windows : System.getProperty("os.arch");
    }
}
