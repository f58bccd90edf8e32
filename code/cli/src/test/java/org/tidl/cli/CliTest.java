package org.tidl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end, in-process: output format, plugins (good and broken) and bad input. */
class CliTest {

    record Result(int code, String out, String err) { }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), null);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static void assertBadInput(Result r, String... fragments) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).doesNotContain("\n").startsWith("tidl: error: ");
        for (String f : fragments) {
            assertThat(r.err()).contains(f);
        }
    }

    @Test
    void listShowsBuiltInsInTextAndCsv(@TempDir Path empty) {
        Result text = run("list", "--plugins", empty.toString());
        assertThat(text.code()).isZero();
        assertThat(text.out()).contains("ring", "social-network", "rows: integer", "built-in");
        Result csv = run("list", "--format", "csv", "--plugins", empty.toString());
        assertThat(csv.out()).startsWith("kind,name,origin,description\n");
        assertThat(csv.out()).contains("topology,hypercube,built-in,");
        assertThat(csv.out().lines().filter(l -> l.startsWith("topology,")).count()).isEqualTo(29);
        assertThat(csv.out().lines().filter(l -> l.startsWith("optimizer,")).count()).isEqualTo(7);
    }

    /** Running out of memory names the limit that was hit and the setting to change. */
    @Test
    void outOfMemorySaysWhichSettingToChange() {
        OutOfMemoryError nd4j = new OutOfMemoryError("Cannot allocate new LongPointer(2): totalBytes = 256, physicalBytes = 2235M");
        nd4j.initCause(new OutOfMemoryError("Physical memory usage is too high: physicalBytes (2235M) > maxPhysicalBytes (2048M)"));
        assertThat(Main.outOfMemory(nd4j)).contains("TIDL_PHYSICAL").doesNotContain("\n");
        assertThat(Main.outOfMemory(new OutOfMemoryError("Cannot allocate 4096 bytes: totalBytes = 12G > maxBytes")))
                .contains("TIDL_OFFHEAP");
        assertThat(Main.outOfMemory(new OutOfMemoryError("Java heap space"))).contains("TIDL_HEAP");
    }

    @Test
    void neighborsCsvWithQuotedSpecs() {
        Result r = run("neighbors", "--topology", "circulant:offsets=1,8", "--topology", "ring", "--workers", "32",
                "--gamma", "0,0.951");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("topology,workers,gamma,mode,effective_neighbors");
        assertThat(lines.get(1)).isEqualTo("\"circulant:offsets=1,8\",32,0,mean,5");
        assertThat(lines.get(2)).startsWith("\"circulant:offsets=1,8\",32,0.951,mean,20.63");
        assertThat(lines.get(4)).startsWith("ring,32,0.951,mean,8.855");
        Result sim = run("neighbors", "--topology", "ring", "--workers", "16", "--gamma", "0.5", "--method", "simulate",
                "--seed", "3", "--repetitions", "2000");
        assertThat(sim.out()).startsWith("topology,workers,gamma,mode,effective_neighbors,standard_error,standard_error_covers\n");
        assertThat(sim.out()).isEqualTo(run("neighbors", "--topology", "ring", "--workers", "16", "--gamma", "0.5",
                "--method", "simulate", "--seed", "3", "--repetitions", "2000").out());
    }

    @Test
    void describeAndRate() {
        Result d = run("describe", "--topology", "star", "--workers", "32");
        assertThat(d.out()).isEqualTo("topology,workers,period,symmetric,doubly_stochastic,min_degree,max_degree,edges,diameter,spectral_gap\n"
                + "star,32,1,true,true,1,31,31,2,0.03125\n");
        Result r = run("rate", "--topology", "ring", "--workers", "32", "--zeta", "50", "--lr", "0.0933,0.9", "--method", "precise");
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("topology,workers,zeta,lr,method,rate");
        assertThat(lines.get(1)).startsWith("ring,32,50,0.0933,precise,0.12558");
        assertThat(lines.get(2)).isEqualTo("ring,32,50,0.9,precise,"); // diverges: empty rate
        Result inf = run("rate", "--topology", "ring", "--workers", "inf", "--zeta", "51", "--lr", "0.0901");
        assertThat(inf.out()).contains("ring,inf,51,0.0901,fixed-point,0.124");
    }

    @Test
    void outWritesTheFileAtomically(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/nw.csv");
        Result r = run("neighbors", "--topology", "ring", "--workers", "8", "--gamma", "0.5", "--out", file.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("wrote 1 row to");
        assertThat(Files.readString(file)).startsWith("topology,workers,gamma,mode,effective_neighbors\nring,8,0.5,mean,");
        try (var s = Files.list(file.getParent())) {
            assertThat(s.count()).isEqualTo(1); // no temp file left behind
        }
    }

    @Test
    void badInputIsOneLineExitTwoAndNothingOnStdout(@TempDir Path dir) throws Exception {
        assertBadInput(run("neighbors", "--topology", "nope", "--workers", "8", "--gamma", "0.5"),
                "unknown topology 'nope'", "ring", "hypercube");
        assertBadInput(run("neighbors", "--topology", "hypercube", "--workers", "30", "--gamma", "0.5"), "power of 2", "30");
        assertBadInput(run("describe", "--topology", "torus:rows=4,cols=7", "--workers", "32"), "rows*cols");
        assertBadInput(run("neighbors", "--topology", "ring", "--workers", "8", "--gamma", "1.5"), "--gamma", "[0, 1)");
        assertBadInput(run("neighbors", "--topology", "matrix:file=" + dir.resolve("missing.csv"), "--workers", "2",
                "--gamma", "0.5"), "not found");
        Path bad = dir.resolve("w.csv");
        Files.writeString(bad, "0.9,0.2\n0.5,0.5\n");
        assertBadInput(run("neighbors", "--topology", "matrix:file=" + bad, "--workers", "2", "--gamma", "0.5"),
                "row 0 sums to");
        assertBadInput(run("neighbors", "--topology", "ring", "--workers", "zero", "--gamma", "0.5"), "--workers");
        assertBadInput(run("rate", "--topology", "ring", "--workers", "8", "--zeta", "0.5", "--lr", "0.1"), "--zeta");
        assertBadInput(run("neighbors", "--topology", "ring", "--workers", "8", "--gamma", "0.5", "--bogus"), "bogus");
        assertBadInput(run("frobnicate"), "unknown command");
        // a late bad topology must not leave the earlier rows on stdout
        assertBadInput(run("neighbors", "--topology", "ring", "--topology", "nope", "--workers", "8", "--gamma", "0.5"),
                "nope");
    }

    @Test
    void examplePluginJarIsFoundAndUsable(@TempDir Path plugins) throws Exception {
        Path jar = Path.of(System.getProperty("tidl.examplePluginJar", "missing"));
        assertThat(jar).as("example plugin jar (build with mvn verify)").exists();
        Files.copy(jar, plugins.resolve(jar.getFileName()));
        // not on the test class path: only the plugins folder brings it
        assertThat(run("list", "--format", "csv").out()).doesNotContain("wheel");
        Result list = run("list", "--format", "csv", "--plugins", plugins.toString());
        assertThat(list.out()).contains("topology,wheel," + jar.getFileName() + ",");
        Result nw = run("neighbors", "--plugins", plugins.toString(), "--topology", "wheel", "--workers", "16",
                "--gamma", "0,0.9");
        assertThat(nw.code()).as(nw.err()).isZero();
        assertThat(nw.out()).contains("wheel,16,0,mean,", "wheel,16,0.9,mean,");
    }

    @Test
    void brokenPluginsAreReportedAndSkipped(@TempDir Path tmp) throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        buildPlugin(tmp, plugins.resolve("broken.jar"), List.of(
                source("Throws", "throws-on-load", "public Throws() { throw new IllegalStateException(\"boom\"); }", "null"),
                source("BadMatrix", "bad-matrix", "",
                        "org.tidl.api.GossipScheme.fixed(org.tidl.api.GossipMatrix.fromDense(new double[n][n]))"),
                source("Dup", "ring", "", "null")));
        Result list = run("list", "--format", "csv", "--plugins", plugins.toString());
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("topology,bad-matrix,broken.jar,").contains("topology,ring,built-in,")
                .doesNotContain("throws-on-load");
        assertThat(list.err()).contains("plugin broken.jar, class test.Throws: skipped: IllegalStateException: boom");
        assertThat(list.err()).contains("plugin broken.jar, class test.Dup: skipped: topology name 'ring' is already taken");
        // the good topologies still work; the bad matrix is refused when used
        assertThat(run("neighbors", "--plugins", plugins.toString(), "--topology", "ring", "--workers", "4",
                "--gamma", "0").code()).isZero();
        Result bad = run("neighbors", "--plugins", plugins.toString(), "--topology", "bad-matrix", "--workers", "4",
                "--gamma", "0");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.out()).isEmpty();
        assertThat(bad.err()).contains("plugin broken.jar, class test.BadMatrix").contains("row 0 sums to 0.0");
    }

    static String[] source(String cls, String name, String ctor, String create) {
        String src = "package test;\n"
                + "public class " + cls + " implements org.tidl.api.TopologyProvider {\n"
                + ctor + "\n"
                + "public String name() { return \"" + name + "\"; }\n"
                + "public String description() { return \"test plugin\"; }\n"
                + "public int apiVersion() { return org.tidl.api.PluginApi.VERSION; }\n"
                + "public org.tidl.api.GossipScheme create(int n, org.tidl.api.Parameters p, org.tidl.api.TopologyResolver r) { return " + create + "; }\n"
                + "}\n";
        return new String[] {cls, src};
    }

    /** Compiles provider sources against the API and packs them as a plugin jar with a services file. */
    static void buildPlugin(Path work, Path jar, List<String[]> sources) throws Exception {
        buildPlugin(work, jar, sources, "org.tidl.api.TopologyProvider");
    }

    static void buildPlugin(Path work, Path jar, List<String[]> sources, String service) throws Exception {
        PluginJars.build(work, jar, service, sources);
    }
}
