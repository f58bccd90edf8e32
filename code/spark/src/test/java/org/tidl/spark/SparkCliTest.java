package org.tidl.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidl.cli.Main;
import org.tidl.core.io.CsvReader;

/**
 * {@code ./tidl train --engine spark} end to end through the command line: one progress line per cell, the
 * local engine's rows, bad input before Spark starts, and a driver process killed (SIGKILL) mid-sweep, then
 * resumed.
 */
class SparkCliTest {

    record Result(int code, String out, String err) { }

    static Result tidl(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), null);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path experiment(Path dir, String... lines) throws IOException {
        List<String> all = new ArrayList<>(List.of("name = c", "dataset = fashion-mnist", "model = mlp", "batch = 8",
                "evaluations = 2", "eval-train-examples = 500", "eval-test-examples = 500"));
        all.addAll(List.of(lines));
        Path exp = dir.resolve("c.exp");
        Files.write(exp, all);
        return exp;
    }

    @Test
    void engineSparkPrintsALinePerCellAndWritesTheLocalEnginesRows(@TempDir Path dir) throws IOException {
        Path exp = experiment(dir, "hidden = 16", "workers = 2,4", "steps = 8", "topologies = ring; star", "learning-rates = 0.05,0.2");
        Result spark = tidl("train", "--experiment", exp.toString(), "--out", dir.resolve("s").toString(), "--engine", "spark",
                "--master", "local[2,2]");
        assertThat(spark.code()).as(spark.err()).isZero();
        assertThat(spark.out()).isEqualTo(dir.resolve("s/c/runs.csv") + "\n" + dir.resolve("s/c/evaluations.csv") + "\n");
        assertThat(spark.err()).contains("tidl: train: c: 8 cells to run (0 already done) on spark", "| done 8/8, running ");
        assertThat(spark.err().lines().filter(l -> l.startsWith("tidl: train: cell "))).hasSize(8)
                .allMatch(l -> l.matches("tidl: train: cell \\d \\[(ring|star), [24] workers, lr 0\\.(05|2), seed 1\\]: (train loss \\d\\.\\d{4}, "
                        + "test accuracy 0\\.\\d{4}|diverged at step \\d) \\(\\d+\\.\\d s\\) \\| done \\d/8, running \\d, failed 0, ETA \\d+:\\d\\d"),
                        "one line per cell");
        Result local = tidl("train", "--experiment", exp.toString(), "--out", dir.resolve("l").toString());
        assertThat(local.code()).as(local.err()).isZero();
        assertThat(SparkEngineTest.tables(dir.resolve("s/c"))).isEqualTo(SparkEngineTest.tables(dir.resolve("l/c")));
    }

    @Test
    void badSparkInputIsOneLineBeforeSparkStarts(@TempDir Path dir) throws IOException {
        Path exp = experiment(dir, "hidden = 16", "workers = 2", "steps = 8", "topologies = ring", "learning-rates = 0.05");
        String out = dir.resolve("r").toString();
        assertBad(tidl("train", "--experiment", exp.toString(), "--out", out, "--master", "local[2]"), "--master needs --engine spark");
        assertBad(tidl("train", "--experiment", exp.toString(), "--out", out, "--engine", "flink"), "--engine must be local or spark");
        assertBad(tidl("train", "--experiment", exp.toString(), "--out", out, "--engine", "spark", "--data-dir", dir.toString()),
                "data file " + dir.resolve("train-images-idx3-ubyte") + " not found");
        assertBad(tidl("train", "--experiment", exp.toString(), "--out", out, "--engine", "spark", "--conf", "novalue"), "--conf: expected KEY=VALUE");
        assertBad(tidl("train", "--experiment", exp.toString(), "--out", out, "--shard", "3/3"), "shard must be K/N");
        assertThat(dir.resolve("r")).doesNotExist();
    }

    private static void assertBad(Result r, String fragment) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).startsWith("tidl: error: ").doesNotContain("\n").contains(fragment);
    }

    /** The driver (a real process) killed with SIGKILL after two cells: --resume on Spark finishes with the same rows. */
    @Test
    void aDriverKilledMidSweepIsResumedWithTheLocalEnginesRows(@TempDir Path dir) throws Exception {
        Path exp = experiment(dir, "hidden = 32", "workers = 4", "steps = 80", "topologies = ring; star; fully-connected",
                "learning-rates = 0.05,0.2");
        Path out = dir.resolve("k");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of(System.getProperty("tidl.sparkJavaOptions", "").split("\\s+")));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "train", "--experiment",
                exp.toString(), "--out", out.toString(), "--engine", "spark", "--master", "local[1,2]"));
        Process driver = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("driver.log").toFile()).start();
        Path runs = out.resolve("c/runs.csv");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        try {
            while (!Files.exists(runs) || Files.readAllLines(runs).size() < 3) { // header + two cells
                assertThat(driver.isAlive() && System.nanoTime() < deadline).as("the driver, alive for at most 5 minutes: %s",
                        Files.readString(dir.resolve("driver.log"))).isTrue();
                Thread.sleep(20);
            }
        } finally {
            driver.destroyForcibly(); // SIGKILL: no shutdown hooks, the lock goes with the process
            driver.waitFor(30, TimeUnit.SECONDS);
        }
        int kept = CsvReader.read(runs).size();
        assertThat(kept).as("killed mid-sweep").isBetween(2, 5);
        Result resumed = tidl("train", "--experiment", exp.toString(), "--out", out.toString(), "--resume", "--engine", "spark",
                "--master", "local[2,2]");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains((6 - kept) + " cells to run (" + kept + " already done)");
        assertThat(tidl("train", "--experiment", exp.toString(), "--out", dir.resolve("l").toString()).code()).isZero();
        assertThat(SparkEngineTest.tables(out.resolve("c"))).isEqualTo(SparkEngineTest.tables(dir.resolve("l/c")));
    }
}
