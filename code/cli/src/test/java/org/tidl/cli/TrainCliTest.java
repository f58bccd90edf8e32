package org.tidl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tidl.cli.CliTest.assertBadInput;
import static org.tidl.cli.CliTest.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidl.core.io.CsvReader;

/**
 * {@code train}'s results folder through the command line (issue 10, items 6, 12, 13, 15), with a second
 * process where the point is another process: a run holding the folder, another OMP_NUM_THREADS.
 */
class TrainCliTest {

    private static Path experiment(Path dir, String... extra) throws IOException {
        List<String> lines = new ArrayList<>(List.of("name = tiny", "dataset = fashion-mnist", "model = mlp", "hidden = 8",
                "workers = 4", "steps = 4", "topologies = ring; star", "learning-rates = 0.1", "evaluations = 1",
                "eval-train-examples = 500", "eval-test-examples = 500"));
        for (String e : extra) { // a key given again replaces the default line (an experiment names each key once)
            String key = e.substring(0, e.indexOf('=')).strip();
            lines.removeIf(l -> l.substring(0, l.indexOf('=')).strip().equals(key));
            lines.add(e);
        }
        Path exp = dir.resolve("tiny.exp");
        Files.write(exp, lines);
        return exp;
    }

    /** {@code ./tidl ARGS} in another JVM, with extra environment variables. */
    private static ProcessBuilder tidl(Path logs, List<String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(logs.resolve("out.txt").toFile())
                .redirectError(logs.resolve("err.txt").toFile());
        for (int i = 0; i < env.size(); i += 2) {
            pb.environment().put(env.get(i), env.get(i + 1));
        }
        return pb;
    }

    // item 13: the experiment's name must be a plain folder name
    @Test
    void anExperimentNamedDotOrDotDotIsRefusedAndNothingIsWrittenOutsideTheResultsRoot(@TempDir Path dir) throws IOException {
        Path exp = experiment(dir);
        Path out = dir.resolve("a").resolve("results");
        for (String name : new String[] {"..", "."}) {
            assertBadInput(run("train", "--experiment", exp.toString(), "--out", out.toString(), "--set", "name=" + name),
                    "name must be");
            assertBadInput(run("train", "--experiment", exp.toString(), "--out", out.toString(), "--fresh", "--set",
                    "name=" + name), "name must be");
        }
        assertThat(dir.resolve("a").resolve("runs.csv")).doesNotExist();
        assertThat(out.resolve("runs.csv")).doesNotExist();
    }

    // item 12: one writer per results folder
    @Test
    void aSecondTrainOnAFolderInUseIsRefusedNamingTheHoldersPid(@TempDir Path dir) throws Exception {
        // twenty cells of seconds each: the first run still holds the folder while the others knock
        Path exp = experiment(dir, "steps = 4000", "learning-rates = 0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.1");
        Path out = dir.resolve("results");
        Process first = tidl(dir, List.of(), "train", "--experiment", exp.toString(), "--out", out.toString()).start();
        try {
            Path runs = out.resolve("tiny").resolve("runs.csv");
            for (int i = 0; i < 1200 && !Files.exists(runs); i++) {
                assertThat(first.isAlive()).as("the first run: %s", Files.readString(dir.resolve("err.txt"))).isTrue();
                Thread.sleep(50);
            }
            assertThat(runs).exists();
            String before = Files.readString(runs); // the header, and any cell the first run finished meanwhile
            assertBadInput(run("train", "--experiment", exp.toString(), "--out", out.toString(), "--resume"),
                    "in use by another tidl run (pid " + first.pid() + ")");
            assertBadInput(run("train", "--experiment", exp.toString(), "--out", out.toString(), "--fresh"),
                    "pid " + first.pid());
            assertThat(first.isAlive()).as("the first run still holds the folder").isTrue();
            assertThat(Files.readString(runs)).as("--fresh refused before deleting anything").startsWith(before);
        } finally {
            first.destroyForcibly();
            first.waitFor(30, TimeUnit.SECONDS);
        }
    }

    // item 6: OMP_NUM_THREADS (and the rest of what changes the numbers) is recorded; a resume under another is refused
    @Test
    void resumeUnderAnotherOmpNumThreadsIsRefusedNamingTheOldAndNewValue(@TempDir Path dir) throws Exception {
        Path exp = experiment(dir);
        String out = dir.resolve("results").toString();
        CliTest.Result first = run("train", "--experiment", exp.toString(), "--out", out);
        assertThat(first.code()).as(first.err()).isZero();
        String env = Files.readString(dir.resolve("results/tiny/environment.txt"));
        String now = System.getenv("OMP_NUM_THREADS") == null ? "unset" : System.getenv("OMP_NUM_THREADS").strip();
        assertThat(env).contains("OMP_NUM_THREADS = " + now + "\n", "nd4j.backend = ", "blas = ", "data.train = 60000 images");
        String other = now.equals("3") ? "5" : "3";
        Process second = tidl(dir, List.of("OMP_NUM_THREADS", other), "train", "--experiment", exp.toString(), "--out", out,
                "--resume").start();
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);
        assertThat(second.exitValue()).as(err).isEqualTo(2);
        assertThat(err.strip()).doesNotContain("\n").contains("OMP_NUM_THREADS was '" + now + "'", "now '" + other + "'", "--fresh");
        assertThat(dir.resolve("out.txt")).isEmptyFile();
    }

    // item 15: malformed resume state
    @Test
    void malformedResumeStateIsAOneLineErrorNamingFileAndLineOrIsRepaired(@TempDir Path dir) throws IOException {
        Path exp = experiment(dir);
        String out = dir.resolve("results").toString();
        assertThat(run("train", "--experiment", exp.toString(), "--out", out).code()).isZero();
        Path runs = dir.resolve("results/tiny/runs.csv");
        Path evals = dir.resolve("results/tiny/evaluations.csv");
        List<String> good = Files.readAllLines(runs);
        List<String> garbage = new ArrayList<>(good);
        garbage.add(1, "garbage");
        Files.write(runs, garbage);
        assertBadInput(run("train", "--experiment", exp.toString(), "--out", out, "--resume"), "runs.csv line 2", "--fresh");
        Files.write(runs, new byte[0]); // empty: rewritten with its header, every cell runs again
        assertThat(run("train", "--experiment", exp.toString(), "--out", out, "--resume").code()).isZero();
        assertThat(Files.readAllLines(runs).get(0)).startsWith("cell,experiment,");
        assertThat(CsvReader.read(runs)).hasSize(2);
        Files.delete(evals); // finished cells without their evaluations run again
        CliTest.Result again = run("train", "--experiment", exp.toString(), "--out", out, "--resume");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.err()).contains("lack rows of 2 finished cell(s)");
        assertThat(CsvReader.read(evals)).hasSize(2);
        assertThat(Files.readAllLines(runs).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList())
                .isEqualTo(good.stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList());
    }
}
