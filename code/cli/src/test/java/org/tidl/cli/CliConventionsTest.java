package org.tidl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.tidl.cli.CliTest.assertBadInput;
import static org.tidl.cli.CliTest.run;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Options;
import org.tidl.reproduction.PaperData;
import org.tidl.reproduction.provenance.CodeVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, "CLI conventions": usage and version, "did you mean", Commons CLI's parse errors in our words,
 * readable ranges and aligned columns in {@code list}, progress in logs, and the Ctrl-C hint.
 */
class CliConventionsTest {

    // ---- usage, help, version

    @Test
    void noCommandIsBadInputWithTheUsageOnStderr() {
        CliTest.Result r = run();
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("tidl: error: no command given\n").contains("usage: ./tidl COMMAND [options]",
                "  describe ", "  export ", "Exit codes:");
        CliTest.Result debugOnly = run("--debug");
        assertThat(debugOnly.code()).isEqualTo(2);
        assertThat(debugOnly.out()).isEmpty();
    }

    @Test
    void helpGoesToStdoutWithExitZero() {
        for (String[] args : new String[][] {{"help"}, {"--help"}, {"-h"}, {"help", "help"}}) {
            CliTest.Result r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isZero();
            assertThat(r.err()).isEmpty();
            assertThat(r.out()).contains("usage: ./tidl COMMAND [options]", "./tidl --version");
        }
        for (String[] args : new String[][] {{"describe", "-h"}, {"describe", "--help"}, {"help", "describe"}}) {
            CliTest.Result r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isZero();
            assertThat(r.out()).startsWith("usage: ./tidl describe --topology SPEC").contains("-h,--help");
        }
        assertBadInput(run("help", "trian"), "help: unknown command 'trian' (did you mean 'train'? valid: list, ",
                "usage: ./tidl help COMMAND");
    }

    @Test
    void versionIsThePomVersionAndTheCheckoutsCommit() throws Exception {
        Path root = Path.of("../..").toAbsolutePath().normalize();
        Matcher pom = Pattern.compile("<artifactId>tidl-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(root.resolve("pom.xml")));
        assertThat(pom.find()).isTrue();
        CliTest.Result dashed = run("--version");
        CliTest.Result word = run("version");
        assertThat(dashed.code()).isZero();
        assertThat(dashed.out()).isEqualTo(word.out()).isEqualTo(VersionCommand.describe(PaperData.home()) + "\n")
                .matches("tidl " + Pattern.quote(pom.group(1)) + "( \\(commit [0-9a-f]{12}, [a-z ]+\\))?, Java "
                        + Pattern.quote(System.getProperty("java.version")) + "\n");
        assertThat(dashed.err()).isEmpty();

        // from a checkout: the commit git names, and whether tracked files changed
        assumeThat(Files.exists(root.resolve(".git"))).as("not run from a git checkout").isTrue();
        String head = git(root, "rev-parse", "HEAD");
        assumeThat(head).as("git is not installed").isNotNull();
        assertThat(VersionCommand.commit(CodeVersion.detect(root))).matches("commit " + head.substring(0, 12) + ", (clean|with uncommitted changes)");
        assertThat(VersionCommand.describe(root)).contains("(commit " + head.substring(0, 12));
        // without git, the same commit is read from the files (this checkout may be a worktree: .git is a file)
        assertThat(CodeVersion.readHead(root.resolve(".git"))).isEqualTo(head);
    }

    @Test
    void outsideACheckoutOnlyTheVersionIsShown(@TempDir Path tmp) throws Exception {
        assertThat(VersionCommand.commit(CodeVersion.detect(tmp))).isNull();
        assertThat(VersionCommand.describe(tmp)).matches("tidl \\S+, Java .*");
        // a .git folder that is not a repository: git fails and the files say nothing; no exception, no commit
        Files.createDirectories(tmp.resolve(".git"));
        assertThat(CodeVersion.readHead(tmp.resolve(".git"))).isNull();
        // a detached HEAD and a ref in packed-refs are read
        Path fake = Files.createDirectories(tmp.resolve("fake/.git"));
        Files.writeString(fake.resolve("HEAD"), "ref: refs/heads/main\n");
        Files.writeString(fake.resolve("packed-refs"), "# pack-refs with: peeled\n" + "a".repeat(40) + " refs/heads/main\n");
        assertThat(CodeVersion.readHead(fake)).isEqualTo("a".repeat(40));
        Files.writeString(fake.resolve("HEAD"), "b".repeat(40) + "\n");
        assertThat(CodeVersion.readHead(fake)).isEqualTo("b".repeat(40));
    }

    private static String git(Path root, String... args) {
        try {
            List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", root.toString()));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 ? out : null;
        } catch (Exception e) {
            return null;
        }
    }

    // ---- did you mean, parse errors

    @Test
    void misspelledNamesGetASuggestion() {
        assertBadInput(run("trian"), "unknown command 'trian' (did you mean 'train'? valid: list, describe, ");
        assertBadInput(run("frobnicate"), "unknown command 'frobnicate' (valid: list, ");
        assertBadInput(run("describe", "--topology", "ring", "--wokers", "4"),
                "unknown option '--wokers' (did you mean --workers?) (see ./tidl help describe)");
        assertBadInput(run("describe", "--topology", "ring", "--worker=4"), "unknown option '--worker=4' (did you mean --workers?)");
        assertBadInput(run("describe", "--topology", "ring", "--workers", "4", "--zzz"), "unknown option '--zzz' (see ./tidl help describe)");
        assertBadInput(run("describe", "--topology", "rign", "--workers", "4"), "unknown topology 'rign' (did you mean 'ring'?");
        assertBadInput(run("describe", "--topology", "torus:colls=4", "--workers", "16"),
                "unknown parameter 'colls' (did you mean 'cols'?");
        assertBadInput(run("quadratic", "--topology", "ring", "--workers", "4", "--lr", "0.1", "--optimizer", "dsgd-act"),
                "unknown optimizer 'dsgd-act' (did you mean 'dsgd-atc'? valid: ");
    }

    @Test
    void commonsCliParseErrorsAreOneLineInOurWords() {
        CliTest.Result missing = run("describe", "--topology", "ring", "--workers");
        assertBadInput(missing);
        assertThat(missing.err()).isEqualTo("tidl: error: --workers needs a value N (see ./tidl help describe)\n");
        assertBadInput(run("describe", "--workers", "--topology", "ring"), "--workers needs a value N");
        assertBadInput(run("describe", "-x"), "unknown option '-x' (see ./tidl help describe)");
        assertThat(run("describe", "--workers", "4", "--topology").err()).doesNotContain("Missing argument");
    }

    // ---- help texts

    @Test
    void listShowsRangesPeopleCanReadInAlignedColumns(@TempDir Path tmp) throws Exception {
        // a plugin jar with a long name: the columns make room for it
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        String longName = "a-plugin-with-a-rather-long-file-name-1.0.0-SNAPSHOT.jar";
        Files.copy(Path.of(System.getProperty("tidl.examplePluginJar")), plugins.resolve(longName));
        CliTest.Result r = run("list", "--plugins", plugins.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("2147483647", "1.7976931348623157E308", "E308")
                .contains("rows: integer >= 0, default 0", "lr: real >= 0, default 0.1", "momentum: real in [0, 1)");
        int descriptionColumn = -1;
        for (String line : r.out().lines().toList()) {
            if (!line.startsWith("  ")) {
                continue;
            }
            // a provider line: name, origin, description; a parameter line: blank columns, "  name: ..."
            int column = line.startsWith("   ") ? line.indexOf(line.strip()) - 2 : line.indexOf(
                    line.contains(longName) ? longName : "built-in") + (line.contains(longName) ? longName.length() : "built-in".length());
            if (!line.startsWith("   ")) {
                column += 2; // the gap after the origin
                while (line.charAt(column - 1) == ' ' && line.charAt(column) == ' ') {
                    column++;
                }
            }
            if (descriptionColumn < 0) {
                descriptionColumn = column;
            }
            assertThat(column).as(line).isEqualTo(descriptionColumn);
        }
        assertThat(r.out()).contains("  wheel ").contains(longName + "  example plugin: hub 0");
    }

    @Test
    void quadraticUsageMarksDefaultedOptionsAsOptional() {
        CliTest.Result r = run("help", "quadratic");
        assertThat(r.out().replaceAll("\\s+", " ")).startsWith("usage: ./tidl quadratic --topology SPEC [--topology SPEC ...] --workers N --lr LIST"
                + " [--dim D] [--batch B] [--steps T] [--target E] [--seeds K] [--seed S] [--optimizer SPEC] [--threads N]"
                + " [--out FILE]");
    }

    // ---- progress

    @Test
    void progressInALogIsOneLinePerUnitWithoutRedraws() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertThat(Progress.isTerminal(err)).isFalse();
        AtomicLong clock = new AtomicLong(0);
        Progress p = new Progress(err, "fig2      ", 4, Progress.Mode.LINES, clock::get);
        for (int i = 0; i < 4; i++) {
            clock.addAndGet(1_000_000_000L);
            p.advance(1);
        }
        p.finish();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("fig2  1/4 (25%)  elapsed 0:01\n"
                + "fig2  2/4 (50%)  elapsed 0:02\n" + "fig2  3/4 (75%)  elapsed 0:03\n" + "fig2  4/4 (100%)  done, elapsed 0:04\n");

        // fine-grained units (train counts steps): about twenty lines, not one per step
        bytes.reset();
        Progress steps = new Progress(err, "grid", 10_000, Progress.Mode.LINES, clock::get);
        for (int i = 0; i < 10_000; i++) {
            steps.advance(1);
        }
        steps.finish();
        String log = bytes.toString(StandardCharsets.UTF_8);
        assertThat(log).doesNotContain("\r");
        assertThat(log.lines().count()).isEqualTo(20); // 500, 1000, ..., 9500, and the end
    }

    @Test
    void theEtaWaitsForEnoughTimeAndWorkDoneInThisRun() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        AtomicLong clock = new AtomicLong(0);
        Progress q = new Progress(err, "q", 10, Progress.Mode.LINES, clock::get);
        clock.set(400_000_000L);
        q.advance(2); // 0.4 s for 2 units: too early for an estimate
        clock.set(6_000_000_000L);
        q.advance(1); // 6 s for 3 units: 7 left at 2 s each
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("q  2/10 (20%)  elapsed 0:00\n"
                + "q  3/10 (30%)  elapsed 0:06  ETA 0:14\n");

        // units resumed from earlier results fill the count but say nothing about the speed
        bytes.reset();
        clock.set(0);
        Progress resumed = new Progress(err, "r", 10, Progress.Mode.LINES, clock::get);
        resumed.skip(2);
        clock.set(6_000_000_000L);
        resumed.advance(1); // 1 unit in 6 s: 7 left take 42 s (not 14 s, as if the 2 resumed were done now)
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("r  2/10 (20%)  elapsed 0:00\n"
                + "r  3/10 (30%)  elapsed 0:06  ETA 0:42\n");
    }

    @Test
    void onATerminalTheBarIsRedrawnWithoutAnEarlyEta() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        AtomicLong clock = new AtomicLong(0);
        Progress p = new Progress(err, "fig1-left", 200, Progress.Mode.BAR, clock::get);
        clock.set(300_000_000L);
        p.advance(90);
        clock.set(10_000_000_000L);
        p.advance(10);
        p.finish();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).startsWith("\rfig1-left [###########-------------]  45%  90/200  elapsed 0:00 ")
                .contains("\rfig1-left [############------------]  50%  100/200  elapsed 0:10  ETA 0:10 ")
                .endsWith("\n");
        assertThat(out.substring(0, out.indexOf("\r", 1))).doesNotContain("ETA");
    }

    // ---- Ctrl-C

    @Test
    void rerunRebuildsTheCommandLineForAResumeHint() throws Exception {
        Options o = new Options().addOption(Args.opt("experiment", "FILE", ""))
                .addOption(Args.repeated("set", "KEY=VALUE", "")).addOption(Args.opt("fresh", null, ""));
        CommandLine cl = DefaultParser.builder().build().parse(o, new String[] {"--experiment", "my grid.exp", "--set",
                "steps=10", "--set", "name=it's", "--fresh"});
        assertThat(Args.rerun("train", cl, Set.of("fresh"), "--resume"))
                .isEqualTo("./tidl train --experiment 'my grid.exp' --set steps=10 --set 'name=it'\\''s' --resume");
    }

    @Test
    void anInterruptedCommandSaysSoAndHowToContinue() throws Exception {
        // a command that runs until killed: SIGTERM runs the shutdown hooks as Ctrl-C does
        Process p = java(InterruptProbe.class.getName());
        java.io.BufferedReader stderr = new java.io.BufferedReader(new java.io.InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        assertThat(stderr.readLine()).isEqualTo("probe: running");
        p.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its stderr
        StringBuilder rest = new StringBuilder();
        for (String line = stderr.readLine(); line != null; line = stderr.readLine()) {
            rest.append(line).append('\n');
        }
        p.waitFor();
        assertThat(rest.toString()).isEqualTo("tidl: interrupted; to continue: ./tidl train --experiment x --resume\n");

        // a command that ends by itself prints nothing of the kind
        Process done = java(Main.class.getName(), "version");
        String err = new String(done.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(done.waitFor()).isZero();
        assertThat(err).isEmpty();
    }

    @Test
    void theInterruptMessageEndsAnOpenBarAndStopsLaterRedraws() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try {
            Progress bar = new Progress(err, "grid", 100, Progress.Mode.BAR);
            bar.advance(100);
            Progress.interrupted(err);
            bar.advance(1); // a worker still running while the JVM exits
            String out = bytes.toString(StandardCharsets.UTF_8);
            assertThat(out).startsWith("\rgrid [").endsWith(" \ntidl: interrupted\n");
        } finally {
            Progress.reset();
        }
    }

    private static Process java(String mainClass, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** A stand-in for a long command that registered a resume hint. */
    public static final class InterruptProbe {
        public static void main(String[] args) throws Exception {
            Main.installInterruptHook();
            Progress.whenInterrupted("to continue: ./tidl train --experiment x --resume");
            System.err.println("probe: running");
            Thread.sleep(60_000);
        }
    }
}
