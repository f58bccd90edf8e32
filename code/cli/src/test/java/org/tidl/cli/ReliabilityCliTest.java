package org.tidl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.tidl.cli.CliTest.assertBadInput;
import static org.tidl.cli.CliTest.run;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidl.core.io.CsvReader;

/**
 * The failures a hostile tester found (issue 10, items 8-11, 16, 18, 19, 21), end to end through {@link Main}:
 * every one is one line on stderr naming what is wrong and what is allowed, with the documented exit code,
 * nothing on stdout, and never a Java stack trace.
 */
class ReliabilityCliTest {

    static final String TOPOLOGY = "org.tidl.api.TopologyProvider";
    static final String OPTIMIZER = "org.tidl.api.OptimizerProvider";

    static CliTest.Result runWithEnv(String pluginsEnv, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), pluginsEnv);
        return new CliTest.Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static void assertNoStackTrace(CliTest.Result r) {
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception in thread").doesNotContain("Caused by");
    }

    static String[] topology(String cls, String name, String extra) {
        return new String[] {cls, "package test;\n"
                + "public class " + cls + " implements org.tidl.api.TopologyProvider" + extra + " {\n"
                + "public String name() { return \"" + name + "\"; }\n"
                + "public String description() { return \"test plugin\"; }\n"
                + "public int apiVersion() { return org.tidl.api.PluginApi.VERSION; }\n"
                + "public org.tidl.api.GossipScheme create(int n, org.tidl.api.Parameters p, org.tidl.api.TopologyResolver r) {"
                + " return org.tidl.api.GossipScheme.fixed(org.tidl.api.GossipMatrix.identity(n)); }\n"
                + "}\n"};
    }

    static final String LR = "public java.util.List<org.tidl.api.Parameter> parameters() { return java.util.List.of("
            + "org.tidl.api.Parameter.real(\"lr\", 0.1, 0, 10, false, \"lr\")); }";

    /** An optimizer plugin whose step() runs {@code body} (with c the StepContext). */
    static String[] optimizer(String cls, String name, String body) {
        return QuadraticCliTest.optimizer(cls, name, LR,
                QuadraticCliTest.configure("return (c, x) -> { " + body + " };"));
    }

    // ---- item 8: a jar built for a newer Java, or missing a dependency, is skipped; every command still works

    @Test
    void aPluginForANewerJavaOrWithAMissingDependencyIsSkippedAndTheRestWorks(@TempDir Path tmp) throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        PluginJars.build(tmp, plugins.resolve("newer.jar"), TOPOLOGY, List.<String[]>of(topology("Newer", "newer", "")),
                List.of("Newer"), List.of(), 70); // class file version 70: Java 26
        PluginJars.build(tmp, plugins.resolve("needs-dep.jar"), TOPOLOGY, List.<String[]>of(
                        new String[] {"Missing", "package test; public interface Missing { }"},
                        topology("NeedsDep", "needs-dep", ", test.Missing"),
                        topology("Fine", "still-here", "")),
                List.of("NeedsDep", "Fine"), List.of("Missing"), 0);

        CliTest.Result d = run("describe", "--plugins", plugins.toString(), "--topology", "ring", "--workers", "4");
        assertThat(d.code()).as(d.err()).isZero();
        assertThat(d.out()).contains("ring,4,1,true,true,2,2,4,2,");
        assertNoStackTrace(d);
        assertThat(d.err().lines().toList()).containsExactly(
                "tidl: warning: plugin needs-dep.jar, class test.NeedsDep: skipped: class test.Missing is missing"
                        + " (not in the jar, nor on the class path: bundle the plugin's dependencies into its jar)",
                "tidl: warning: plugin newer.jar, class test.Newer: skipped: compiled for Java 26, but this is Java "
                        + Runtime.version().feature() + " (rebuild the plugin with --release " + Runtime.version().feature() + ")");
        // the rest of the jar stays usable
        CliTest.Result list = run("list", "--format", "csv", "--plugins", plugins.toString());
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("topology,still-here,needs-dep.jar,").doesNotContain("topology,newer,");
    }

    // ---- item 9: plugin failures outside create() name the jar and class, exit 2, no stack trace

    @Test
    void aProviderWhoseDescriptionOrParametersThrowDoesNotBreakList(@TempDir Path tmp) throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        String[] badDescription = {"BadDescription", "package test;\n"
                + "public class BadDescription implements org.tidl.api.TopologyProvider {\n"
                + "public String name() { return \"bad-description\"; }\n"
                + "public String description() { throw new IllegalStateException(\"no words\"); }\n"
                + "public int apiVersion() { return org.tidl.api.PluginApi.VERSION; }\n"
                + "public org.tidl.api.GossipScheme create(int n, org.tidl.api.Parameters p, org.tidl.api.TopologyResolver r) { return null; }\n}\n"};
        PluginJars.build(tmp, plugins.resolve("topologies.jar"), TOPOLOGY, List.<String[]>of(badDescription, topology("Good", "good", "")));
        PluginJars.build(tmp, plugins.resolve("optimizers.jar"), OPTIMIZER, List.<String[]>of(QuadraticCliTest.optimizer("BadParameters",
                "bad-parameters", "public java.util.List<org.tidl.api.Parameter> parameters() { throw new StackOverflowError(); }",
                "public org.tidl.api.OptimizerConfig configure(org.tidl.api.Parameters p) { return null; }")));
        for (String format : new String[] {"text", "csv"}) {
            CliTest.Result list = run("list", "--format", format, "--plugins", plugins.toString());
            assertThat(list.code()).as(list.err()).isZero();
            assertThat(list.out()).contains("good").contains("dsgd-atc").doesNotContain("bad-description")
                    .doesNotContain("bad-parameters");
            assertThat(list.err()).contains(
                    "tidl: warning: plugin topologies.jar, class test.BadDescription: skipped: IllegalStateException: no words",
                    "tidl: warning: plugin optimizers.jar, class test.BadParameters: skipped: StackOverflowError");
            assertNoStackTrace(list);
        }
    }

    @Test
    void anExceptionOrErrorInAPluginStepNamesThePluginAndExitsTwo(@TempDir Path tmp) throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        PluginJars.build(tmp, plugins.resolve("steps.jar"), OPTIMIZER, List.<String[]>of(
                optimizer("StepError", "step-error", "throw new AssertionError(\"step broke\");"),
                optimizer("LateFailure", "late-failure", "if (c.step() == 3) throw new IllegalStateException(\"step 3 broke\");")));
        CliTest.Result error = run("quadratic", "--plugins", plugins.toString(), "--topology", "ring", "--workers", "4",
                "--lr", "0.1", "--steps", "10", "--seeds", "2", "--optimizer", "step-error");
        assertBadInput(error, "plugin steps.jar, class test.StepError", "step()", "AssertionError: step broke");
        assertNoStackTrace(error);
        CliTest.Result late = run("quadratic", "--plugins", plugins.toString(), "--topology", "ring", "--workers", "4",
                "--lr", "0.1", "--steps", "10", "--seeds", "2", "--optimizer", "late-failure");
        assertBadInput(late, "plugin steps.jar, class test.LateFailure: step() at step 3 failed: IllegalStateException: step 3 broke");
        // --debug shows where it happened, the plugin's own frames included
        CliTest.Result debug = run("quadratic", "--plugins", plugins.toString(), "--topology", "ring", "--workers", "4",
                "--lr", "0.1", "--steps", "10", "--seeds", "2", "--optimizer", "step-error", "--debug");
        assertThat(debug.code()).isEqualTo(2);
        assertThat(debug.err()).contains("Caused by: java.lang.AssertionError: step broke", "at test.StepError");
    }

    @Test
    void aPluginSpectrumOrInfiniteGraphThatThrowsNamesThePlugin(@TempDir Path tmp) throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        String[] source = {"Spectral", "package test;\n"
                + "public class Spectral implements org.tidl.api.TopologyProvider {\n"
                + "public String name() { return \"spectral\"; }\n"
                + "public String description() { return \"test plugin\"; }\n"
                + "public int apiVersion() { return org.tidl.api.PluginApi.VERSION; }\n"
                + "public org.tidl.api.GossipScheme create(int n, org.tidl.api.Parameters p, org.tidl.api.TopologyResolver r) { return new S(n); }\n"
                + "public java.util.Optional<org.tidl.api.SpectralSymbol> infinite(org.tidl.api.Parameters p) {\n"
                + "  return java.util.Optional.of(new org.tidl.api.SpectralSymbol() {\n"
                + "    public int dimension() { return 1; }\n"
                + "    public double eigenvalue(double[] theta) { throw new ArithmeticException(\"no symbol\"); } }); }\n"
                + "static final class S implements org.tidl.api.GossipScheme, org.tidl.api.ConvolutionSpectrum {\n"
                + "  final int n; S(int n) { this.n = n; }\n"
                + "  public int size() { return n; }\n"
                + "  public int period() { return 1; }\n"
                + "  public org.tidl.api.GossipMatrix matrix(long t) { return org.tidl.api.GossipMatrix.identity(n); }\n"
                + "  public void eigenvalues(long t, double[] re, double[] im) { throw new IllegalStateException(\"no spectrum\"); }\n"
                + "}\n}\n"};
        PluginJars.build(tmp, plugins.resolve("spectral.jar"), TOPOLOGY, List.<String[]>of(source));
        CliTest.Result finite = run("describe", "--plugins", plugins.toString(), "--topology", "spectral", "--workers", "4");
        assertBadInput(finite, "plugin spectral.jar, class test.Spectral: eigenvalues() failed: IllegalStateException: no spectrum");
        assertNoStackTrace(finite);
        CliTest.Result infinite = run("neighbors", "--plugins", plugins.toString(), "--topology", "spectral", "--workers", "inf",
                "--gamma", "0.5");
        assertBadInput(infinite, "plugin spectral.jar, class test.Spectral: infinite().eigenvalue() failed: ArithmeticException: no symbol");
    }

    /** Fashion-MNIST-shaped IDX files (uncompressed), so train runs without the real data set. */
    static Path fashionData(Path dir, int train, int test) throws IOException {
        Files.createDirectories(dir);
        for (String[] part : new String[][] {{"train", Integer.toString(train)}, {"t10k", Integer.toString(test)}}) {
            int n = Integer.parseInt(part[1]);
            try (DataOutputStream images = new DataOutputStream(Files.newOutputStream(dir.resolve(part[0] + "-images-idx3-ubyte")));
                 DataOutputStream labels = new DataOutputStream(Files.newOutputStream(dir.resolve(part[0] + "-labels-idx1-ubyte")))) {
                images.writeInt(0x803);
                images.writeInt(n);
                images.writeInt(28);
                images.writeInt(28);
                labels.writeInt(0x801);
                labels.writeInt(n);
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < 784; k++) {
                        images.writeByte((i * 31 + k * 7) % 256);
                    }
                    labels.writeByte(i % 10);
                }
            }
        }
        return dir;
    }

    static Path tinyExperiment(Path dir, String... extra) throws IOException {
        StringBuilder sb = new StringBuilder(String.join("\n", "name = tiny", "dataset = fashion-mnist", "model = mlp",
                "hidden = 8", "workers = 2", "batch = 4", "steps = 6", "topologies = ring", "learning-rates = 0.1",
                "evaluations = 1", "eval-train-examples = 20", "eval-test-examples = 10"));
        for (String e : extra) {
            sb.append('\n').append(e);
        }
        return Files.writeString(dir.resolve("tiny.exp"), sb.append('\n').toString());
    }

    @Test
    void aFailingPluginStepInTrainingNamesThePlugin(@TempDir Path tmp) throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        PluginJars.build(tmp, plugins.resolve("steps.jar"), OPTIMIZER, List.<String[]>of(
                optimizer("LateFailure", "late-failure", "if (c.step() == 3) throw new IllegalStateException(\"step 3 broke\");")));
        Path data = fashionData(tmp.resolve("data"), 40, 10);
        CliTest.Result r = run("train", "--plugins", plugins.toString(), "--experiment", tinyExperiment(tmp).toString(),
                "--set", "optimizer=late-failure", "--data-dir", data.toString(), "--out", tmp.resolve("results").toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().filter(l -> l.startsWith("tidl: error:")).toList()).containsExactly(
                "tidl: error: plugin steps.jar, class test.LateFailure: step() at step 3 failed: IllegalStateException: step 3 broke");
        assertNoStackTrace(r);
    }

    @Test
    void benchDlFindsPluginOptimizers(@TempDir Path plugins) throws Exception {
        Files.copy(Path.of(System.getProperty("tidl.examplePluginJar")), plugins.resolve("example.jar"));
        CliTest.Result r = run("bench-dl", "--plugins", plugins.toString(), "--workers", "2", "--hidden", "4", "--steps", "1",
                "--optimizer", "multi-gossip");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(CsvReader.parse(r.out()).get(0).get("optimizer")).isEqualTo("multi-gossip");
    }

    // ---- item 10: a run that cannot fit is refused up front: exit 3, the numbers, the setting to change

    @Test
    void runsThatCannotFitAreRefusedBeforeAllocatingWithTheNumbers(@TempDir Path tmp) throws Exception {
        long start = System.nanoTime();
        CliTest.Result train = run("train", "--experiment", tinyExperiment(tmp).toString(), "--set", "workers=100000000",
                "--data-dir", tmp.resolve("no-data").toString(), "--out", tmp.resolve("results").toString());
        assertThat(train.code()).as(train.err()).isEqualTo(3);
        assertThat(train.out()).isEmpty();
        assertThat(train.err().strip()).doesNotContain("\n")
                .contains("100000000 workers × 6,370 parameters × 3 matrices", "TiB of ND4J memory", "lower workers");
        assertThat(tmp.resolve("results")).doesNotExist();
        CliTest.Result bench = run("bench-dl", "--workers", "5000", "--hidden", "5000");
        assertThat(bench.code()).as(bench.err()).isEqualTo(3);
        assertThat(bench.out()).isEmpty();
        assertThat(bench.err()).doesNotContain("measuring the machine").contains("5000 workers × 3,975,010 parameters × 4 matrices", "GiB of ND4J memory")
                .containsAnyOf("TIDL_PHYSICAL", "this machine's");
        assertNoStackTrace(bench);
        assertThat((System.nanoTime() - start) / 1e9).as("refused before allocating").isLessThan(30);
    }

    // ---- item 11: whole numbers that do not fit are refused, never wrapped

    @Test
    void numbersThatOverflowAreRefusedUpFront(@TempDir Path tmp) throws Exception {
        Path exp = tinyExperiment(tmp);
        String out = tmp.resolve("results").toString();
        assertBadInput(run("train", "--experiment", exp.toString(), "--out", out, "--set", "steps=4294967297"),
                "steps must be a whole number in [1, 2147483647], got '4294967297'");
        assertBadInput(run("train", "--experiment", exp.toString(), "--out", out, "--set", "steps=2147483648"), "steps");
        assertBadInput(run("train", "--experiment", exp.toString(), "--out", out, "--set", "hidden=4294967296"),
                "hidden must be a whole number in [1, 1000000]");
        assertBadInput(run("train", "--experiment", exp.toString(), "--out", out, "--set", "batch=1000000000"),
                "batch must be a whole number in [1, 100000]");
        assertBadInput(run("train", "--experiment", exp.toString(), "--out", out, "--set", "workers=4294967298"),
                "workers values must be a whole number in [1, 2147483647]");
        assertThat(tmp.resolve("results")).doesNotExist();
        assertBadInput(run("quadratic", "--topology", "ring", "--workers", "4", "--lr", "0.1", "--steps", "99999999999"),
                "--steps must be a whole number in [1, ");
        assertBadInput(run("describe", "--topology", "ring", "--workers", "4294967300"), "--workers", "[1, 2147483647]");
        assertBadInput(run("quadratic", "--topology", "ring", "--workers", "4", "--lr", "0.1", "--threads", "100000"),
                "--threads must be a whole number in [1, 4096]");
    }

    // ---- item 16: a write error on stdout is an error

    @Test
    void aWriteErrorOnStdoutIsNotASuccess() {
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"describe", "--topology", "ring", "--workers", "4"}, new PrintStream(full, true),
                new PrintStream(err, true, StandardCharsets.UTF_8), null);
        assertThat(code).isEqualTo(5);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("tidl: error: could not write to standard output\n");
    }

    // ---- item 18: nonsense is refused (or does what it says)

    @Test
    void silentlyAcceptedNonsenseIsRefused(@TempDir Path tmp) throws Exception {
        assertBadInput(run("neighbors", "--topology", "ring", "--workers", "4", "--gamma", ","), "--gamma must hold at least one number");
        assertBadInput(run("rate", "--topology", "ring", "--workers", "4", "--zeta", "10", "--lr", ","), "--lr must hold at least one number");
        assertBadInput(run("rate", "--topology", "ring", "--workers", "4", "--zeta", "10", "--lr", "0.1,"), "--lr");
        assertBadInput(run("describe", "--topology", "ring", "--workers", "4", "--workers", "8"),
                "--workers is given more than once ('4' and '8')");
        assertBadInput(run("describe", "--topology", "ring", "--work", "4"), "unknown option '--work' (did you mean --workers?)");
        assertBadInput(run("describe", "--topology", "ring", "--workers", "4", "--out", ""), "--out needs a value");
        assertBadInput(run("help", "nope"), "help: unknown command 'nope'", "usage: ./tidl help COMMAND");
        assertBadInput(run("quadratic", "--topology", "ring", "--workers", "4", "--lr", "0.1", "--optimizer", "dsgd:lr=0.5"),
                "optimizer 'dsgd:lr=0.5': do not set lr in the spec", "--lr");
        assertBadInput(run("bench-dl", "--hidden", "64"), "--hidden needs --workers");
        assertBadInput(run("list", "--format", "csv", "--format", "text"), "--format is given more than once");
        // repeatable options stay repeatable
        assertThat(run("describe", "--topology", "ring", "--topology", "star", "--workers", "4").out().lines().count()).isEqualTo(3);

        Path exp = tinyExperiment(tmp);
        String out = tmp.resolve("results").toString();
        for (String[] c : new String[][] {
                {"learning-rates=,", "learning-rates must hold at least one number"},
                {"abort-test-loss=NaN", "abort-test-loss must be a number > 0, got 'NaN'"},
                {"abort-test-loss=-1", "abort-test-loss must be a number > 0"},
                {"eval-train-examples=-5", "eval-train-examples must be a whole number in [0, 2147483647]"},
                {"covariance-after=-1", "covariance-after must be a whole number in [0, 2147483647]"},
                {"optimizer=dsgd:lr=0.5", "do not set lr in the spec"},
                {"ema=NaN", "ema must be none or a number in [0, 1)"}}) {
            assertBadInput(run("train", "--experiment", exp.toString(), "--out", out, "--set", c[0]), c[1]);
        }
        assertBadInput(run("train", "--experiment", exp.toString(), "--out", out, "--set", "steps=3", "--set", "steps=4"),
                "--set: key 'steps' is given twice");
        Path twice = tinyExperiment(tmp, "steps = 9");
        assertBadInput(run("train", "--experiment", twice.toString(), "--out", out),
                "tiny.exp:13: key 'steps' is given twice (first on line 7)");
        assertThat(tmp.resolve("results")).doesNotExist();
    }

    // ---- item 19: plugin folders and jars that are not what they claim

    @Test
    void pluginFoldersAndJarsThatAreNotWhatTheyClaimAreReported(@TempDir Path tmp) throws Exception {
        assertBadInput(run("list", "--plugins", tmp.resolve("nonexistent").toString()), "--plugins", "does not exist");
        Path file = Files.writeString(tmp.resolve("file.txt"), "x");
        assertBadInput(run("describe", "--topology", "ring", "--workers", "4", "--plugins", file.toString()),
                "--plugins", "is a file, not a folder");

        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Files.write(plugins.resolve("empty.jar"), new byte[0]);
        Files.writeString(plugins.resolve("text.jar"), "not a zip");
        byte[] example = Files.readAllBytes(Path.of(System.getProperty("tidl.examplePluginJar")));
        Files.write(plugins.resolve("truncated.jar"), java.util.Arrays.copyOf(example, example.length / 2));
        PluginJars.build(tmp, plugins.resolve("no-services.jar"), "some.other.Service", List.<String[]>of(topology("X", "x", "")));
        Files.copy(Path.of(System.getProperty("tidl.examplePluginJar")), plugins.resolve("example.jar"));
        CliTest.Result list = runWithEnv(tmp.resolve("missing-env-folder").toString(), "list", "--format", "csv",
                "--plugins", plugins.toString());
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out()).contains("topology,wheel,example.jar,", "optimizer,multi-gossip,example.jar,");
        assertThat(list.err().lines().toList()).containsExactly(
                "tidl: warning: plugins folder " + tmp.resolve("missing-env-folder") + " does not exist",
                "tidl: warning: plugin empty.jar: skipped: not a readable jar file (the file is empty)",
                "tidl: warning: plugin no-services.jar: holds no providers (no META-INF/services/org.tidl.api.TopologyProvider"
                        + ", api.OptimizerProvider or dl.spi.* file), skipped",
                "tidl: warning: plugin text.jar: skipped: not a readable jar file (not a zip archive)",
                "tidl: warning: plugin truncated.jar: skipped: not a readable jar file (truncated or damaged zip, "
                        + example.length / 2 + " bytes: zip END header not found)");
    }

    // ---- item 21: diagnostics a person understands

    @Test
    void badInputIsQuotedShortAndReadable(@TempDir Path tmp) throws Exception {
        // a file of NUL-separated secrets (as /proc/self/environ) is not echoed
        Path environ = Files.write(tmp.resolve("environ"), "API_TOKEN=s3cr3t\0HOME=/root\0".getBytes(StandardCharsets.UTF_8));
        CliTest.Result secret = run("describe", "--topology", "matrix:file=" + environ, "--workers", "2");
        assertBadInput(secret, "is not a text file");
        assertThat(secret.err()).doesNotContain("s3cr3t");
        // a binary file: not "Input length = 1"
        Path binary = Files.write(tmp.resolve("w.csv"), new byte[] {(byte) 0xC3, 0x28, '\n'});
        assertBadInput(run("describe", "--topology", "matrix:file=" + binary, "--workers", "2"),
                "is not UTF-8 text (invalid byte at offset 0)");
        // a 120 KB spec is quoted in at most 80 characters
        String huge = "x".repeat(120_000);
        CliTest.Result big = run("describe", "--topology", huge, "--workers", "4");
        assertBadInput(big, "unknown topology 'xxx", "(120000 characters)");
        assertThat(big.err().length()).isLessThan(1100);
        // a UTF-8 byte-order mark (Windows editors) is not part of the first number or key
        Path bom = Files.write(tmp.resolve("bom.csv"), "\uFEFF0.5,0.5\n0.5,0.5\n".getBytes(StandardCharsets.UTF_8));
        CliTest.Result withBom = run("describe", "--topology", "matrix:file=" + bom, "--workers", "2");
        assertThat(withBom.code()).as(withBom.err()).isZero();
        Path exp = tinyExperiment(tmp);
        Files.writeString(exp, "\uFEFF" + Files.readString(exp) + "bogus = 1\n");
        CliTest.Result expBom = run("train", "--experiment", exp.toString(), "--out", tmp.resolve("r").toString());
        assertBadInput(expBom, "tiny.exp:13: unknown key 'bogus'");
        // a standard error needs two walks
        assertBadInput(run("neighbors", "--topology", "ring", "--workers", "4", "--gamma", "0.5", "--method", "simulate",
                "--repetitions", "1"), "--repetitions must be a whole number in [2, ");
    }

    @Test
    void anUnreadableFileSaysPermissionDenied(@TempDir Path tmp) throws Exception {
        Path locked = Files.writeString(tmp.resolve("w.csv"), "1\n");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        assumeThat(Files.isReadable(locked)).as("running as root: every file is readable").isFalse();
        assertBadInput(run("describe", "--topology", "matrix:file=" + locked, "--workers", "1"),
                "matrix file " + locked + ": permission denied");
    }

    @Test
    void theLauncherChecksItsMemorySettings() throws Exception {
        Path launcher = Path.of("../../tidl").toAbsolutePath().normalize();
        for (String[] c : new String[][] {{"TIDL_HEAP", "abc"}, {"TIDL_OFFHEAP", "12 GB"}, {"TIDL_PHYSICAL", "-1g"}}) {
            ProcessBuilder pb = new ProcessBuilder("bash", launcher.toString(), "list").redirectErrorStream(false);
            pb.environment().put(c[0], c[1]);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).isEqualTo(2);
            assertThat(out).isEmpty();
            assertThat(err).isEqualTo("tidl: error: " + c[0] + " must be a size such as 8g, 512m or 16384m (a whole number"
                    + " with k, m, g or t), got '" + c[1] + "'\n");
        }
    }
}
