package org.tidl.dl.experiment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.tidl.core.InvalidInputException;
import org.tidl.dl.data.Images;

/**
 * What decides a sweep's numbers besides its experiment settings: the thread count of ND4J's native ops
 * ({@code OMP_NUM_THREADS}: OpenMP reductions sum in a thread-dependent order), the ND4J backend and the
 * native build it loaded, the BLAS, and the data (a SHA-256 of the loaded images and labels, so a changed or
 * moved file that holds the same examples is the same data). Stored beside the results as
 * {@code environment.txt}; {@code --resume} and merging shards refuse a difference in the checked entries.
 *
 * <p>The recorded-only entries (the CPU model, the Java version) are kept for the record: BLAS kernels and
 * {@code Math.log} may differ in the last bits across CPUs and JVMs, and a chaotic cell can then flip, but
 * refusing them would forbid heterogeneous clusters.
 */
public final class RunEnvironment {

    static final String FILE = "environment.txt";
    private static final String RECORD_ONLY = "# recorded, not checked";
    private static final Map<Images, String> DIGESTS = Collections.synchronizedMap(new WeakHashMap<>());

    private final Map<String, String> checked;
    private final Map<String, String> recorded;

    public RunEnvironment(Map<String, String> checked, Map<String, String> recorded) {
        this.checked = Collections.unmodifiableMap(new LinkedHashMap<>(checked));
        this.recorded = Collections.unmodifiableMap(new LinkedHashMap<>(recorded));
    }

    /** This JVM's environment, for cells trained on these images. */
    public static RunEnvironment current(Images train, Images test) {
        Map<String, String> c = new LinkedHashMap<>();
        String omp = System.getenv("OMP_NUM_THREADS");
        c.put("OMP_NUM_THREADS", omp == null || omp.isBlank() ? "unset" : omp.strip());
        Properties p = Nd4j.getExecutioner().getEnvironmentInformation();
        c.put("nd4j.backend", p.getProperty("backend", "?") + " (" + Nd4j.getBackend().getClass().getSimpleName() + ")");
        String best = "?";
        try {
            NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
            c.put("nd4j.native-build", level(ops.binaryLevel()));
            c.put("nd4j.omp-threads", Integer.toString(ops.ompGetMaxThreads()));
            best = level(ops.optimalLevel());
        } catch (RuntimeException | LinkageError e) {
            c.put("nd4j.native-build", "unknown");
        }
        c.put("blas", p.getProperty("blas.vendor", "?")); // its threads follow OMP_NUM_THREADS (ND4J reports them only once used)
        c.put("data.train", describe(train));
        c.put("data.test", describe(test));
        Map<String, String> r = new LinkedHashMap<>();
        r.put("cpu", cpuModel() + " (best native build for it: " + best + ")");
        r.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        return new RunEnvironment(c, r);
    }

    private static String level(int l) {
        return switch (l) {
            case 0 -> "generic";
            case 1 -> "x86-64";
            case 2 -> "AVX2";
            case 3 -> "AVX-512";
            default -> "level " + l;
        };
    }

    /** Shape and a SHA-256 of the examples as trained on (cached per image set: 60,000 images take ~0.3 s). */
    static String describe(Images d) {
        String digest = DIGESTS.computeIfAbsent(d, RunEnvironment::sha256);
        return d.count() + " images " + d.channels() + "x" + d.height() + "x" + d.width() + ", " + d.classes()
                + " classes, sha256 " + digest;
    }

    private static String sha256(Images d) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        for (int off = 0; off < d.labels().length; off += buf.capacity() / 4) {
            int len = Math.min(buf.capacity() / 4, d.labels().length - off);
            buf.clear();
            buf.asIntBuffer().put(d.labels(), off, len);
            md.update(buf.array(), 0, len * 4);
        }
        float[] px = d.pixels();
        for (int off = 0; off < px.length; off += buf.capacity() / 4) {
            int len = Math.min(buf.capacity() / 4, px.length - off);
            buf.clear();
            buf.asFloatBuffer().put(px, off, len);
            md.update(buf.array(), 0, len * 4);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the architecture is all we know
        }
        return System.getProperty("os.arch");
    }

    public Map<String, String> checked() {
        return checked;
    }

    /** The same environment with one more checked entry (a shard's "shard = K/N"). */
    public RunEnvironment with(String key, String value) {
        Map<String, String> c = new LinkedHashMap<>(checked);
        c.put(key, value);
        return new RunEnvironment(c, recorded);
    }

    /** The same environment without a checked entry. */
    public RunEnvironment without(String key) {
        Map<String, String> c = new LinkedHashMap<>(checked);
        c.remove(key);
        return new RunEnvironment(c, recorded);
    }

    /**
     * The first checked entry that differs, as "KEY was 'A' ..., now 'B'"; null when they agree. Entries missing
     * on one side count as "unset".
     */
    public String difference(RunEnvironment now, String before, String after) {
        Map<String, String> keys = new LinkedHashMap<>(checked);
        now.checked.forEach(keys::putIfAbsent);
        for (String k : keys.keySet()) {
            String a = checked.getOrDefault(k, "unset");
            String b = now.checked.getOrDefault(k, "unset");
            if (!a.equals(b)) {
                return k + " was '" + a + "' " + before + ", now '" + b + "'" + (after.isEmpty() ? "" : " " + after);
            }
        }
        return null;
    }

    /** The checked entries only, one {@code key = value} per line (what a computed cell carries back). */
    public String renderChecked() {
        StringBuilder sb = new StringBuilder();
        checked.forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
        return sb.toString();
    }

    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("# What decides the numbers besides experiment.txt; --resume and merge refuse a difference.\n");
        sb.append(renderChecked());
        sb.append(RECORD_ONLY).append('\n');
        recorded.forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
        return sb.toString();
    }

    /** Reads {@link #render()}'s text (or {@link #renderChecked()}'s). */
    public static RunEnvironment parse(String text, String where) {
        Map<String, String> c = new LinkedHashMap<>();
        Map<String, String> r = new LinkedHashMap<>();
        Map<String, String> into = c;
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.equals(RECORD_ONLY)) {
                into = r;
                continue;
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf(" = ");
            if (eq <= 0) {
                throw new InvalidInputException(where + " line " + lineNo + ": expected 'key = value', got '"
                        + RunLog.excerpt(line) + "'; use --fresh to start over");
            }
            into.put(line.substring(0, eq), line.substring(eq + 3));
        }
        return new RunEnvironment(c, r);
    }

    @Override
    public String toString() {
        return render();
    }
}
