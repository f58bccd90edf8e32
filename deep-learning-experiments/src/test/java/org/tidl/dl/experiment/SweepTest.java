package org.tidl.dl.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidl.core.InvalidInputException;
import org.tidl.core.OptimizerRegistry;
import org.tidl.core.TopologyRegistry;
import org.tidl.core.io.CsvReader;
import org.tidl.dl.data.Images;

/**
 * The results folder of a sweep: one writer (lock), the environment that decides the numbers, malformed
 * resume state, shards and their merge, cells finishing out of order. Tiny grids on the real Fashion-MNIST.
 */
class SweepTest {

    static Images train;
    static Images test;

    @BeforeAll
    static void data() {
        Images[] data = FashionMnistData.head(3000, 500);
        train = data[0];
        test = data[1];
    }

    private static Experiment experiment(String... extra) {
        String text = String.join("\n", "name = s", "dataset = fashion-mnist", "model = mlp", "hidden = 16", "workers = 4",
                "batch = 8", "steps = 6", "topologies = ring; star", "learning-rates = 0.05,0.2", "evaluations = 2");
        return Experiment.parse(text, "test", List.of(extra));
    }

    private static Trainer trainer(Experiment x) {
        return new Trainer(x, TopologyRegistry.builtIn(), OptimizerRegistry.builtIn(), train, test);
    }

    private static final Sweep.Listener QUIET = new Sweep.Listener() { };

    private static Path run(Experiment x, Path out, boolean resume, Engine engine) {
        return Sweep.run(x, out, new Sweep.Options(resume, false, null), engine, QUIET);
    }

    /** An engine that computes with {@code inner} but reports another environment, or runs the cells in reverse. */
    private static Engine wrap(Trainer inner, UnaryOperator<RunEnvironment> env, boolean reverse) {
        return new Engine() {
            @Override public void validate(List<Experiment.Cell> cells) { inner.validate(cells); }
            @Override public RunEnvironment environment() { return env.apply(inner.environment()); }
            @Override public void run(List<Experiment.Cell> cells, RunEnvironment expected, Reporter reporter) {
                List<Experiment.Cell> order = new ArrayList<>(cells);
                if (reverse) {
                    Collections.reverse(order);
                }
                inner.run(order, expected, reporter);
            }
        };
    }

    /** The three tables, wall time aside (the last column of runs.csv). */
    static String tables(Path dir) throws IOException {
        return TrainingTables.withoutWallTime(dir);
    }

    // issue 10, item 12: one writer per results folder
    @Test
    void aSecondRunOnAFolderInUseIsRefusedNamingTheHoldersPid(@TempDir Path out) throws Exception {
        Experiment x = experiment("learning-rates = 0.1");
        Path dir = run(x, out, false, trainer(x));
        String before = Files.readString(dir.resolve("runs.csv"));
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LockHolder.class.getName(), dir.toString()).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(r.readLine()).isEqualTo("locked");
            assertThatThrownBy(() -> Sweep.run(x, out, new Sweep.Options(false, true, null), trainer(x), QUIET))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("in use by another tidl run (pid " + holder.pid() + ")");
            assertThatThrownBy(() -> run(x, out, true, trainer(x))).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("pid " + holder.pid());
            assertThat(Files.readString(dir.resolve("runs.csv"))).as("--fresh refused before deleting").isEqualTo(before);
        } finally {
            holder.getOutputStream().close();
            assertThat(holder.waitFor()).isZero();
        }
        // the same process: file locks are per JVM, the in-process guard catches it
        try (FolderLock held = FolderLock.acquire(dir)) {
            assertThatThrownBy(() -> run(x, out, true, trainer(x))).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("pid " + ProcessHandle.current().pid() + ", this process");
        }
        run(x, out, true, trainer(x)); // released: a resume goes through
        assertThat(Files.readString(dir.resolve("runs.csv"))).isEqualTo(before);
    }

    // issue 10, item 6: what changes the numbers is recorded, and a resume under another value is refused
    @Test
    void resumeRefusesAnotherThreadCountOrOtherDataNamingTheSetting(@TempDir Path out) throws Exception {
        Experiment x = experiment();
        Trainer t = trainer(x);
        class Killed extends RuntimeException { }
        assertThatThrownBy(() -> Sweep.run(x, out, new Sweep.Options(false, false, null), t, new Sweep.Listener() {
            @Override
            public void cellFinished(Experiment.Cell cell, CellResult result, Sweep.Status status) {
                throw new Killed();
            }
        })).isInstanceOf(Killed.class);
        Path dir = out.resolve("s");
        String env = Files.readString(dir.resolve("environment.txt"));
        assertThat(env).contains("OMP_NUM_THREADS = 1\n", "nd4j.backend = CPU", "data.train = 3000 images 1x28x28, 10 classes, sha256 ",
                "data.test = 500 images");
        String runs = Files.readString(dir.resolve("runs.csv"));
        assertThatThrownBy(() -> run(x, out, true, wrap(t, e -> e.with("OMP_NUM_THREADS", "4"), false)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("OMP_NUM_THREADS was '1' for the results in " + dir + ", now '4'")
                .hasMessageContaining("use fresh to start over");
        Trainer otherData = new Trainer(x, TopologyRegistry.builtIn(), OptimizerRegistry.builtIn(), train.head(2999), test);
        assertThatThrownBy(() -> run(x, out, true, otherData)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("data.train was '3000 images").hasMessageContaining("now '2999 images");
        assertThat(Files.readString(dir.resolve("runs.csv"))).isEqualTo(runs);
        run(x, out, true, t);
        assertThat(CsvReader.read(dir.resolve("runs.csv"))).hasSize(4);
    }

    // issue 10, item 15: malformed resume state
    @Test
    void malformedResumeStateIsRepairedWhereSafeAndRefusedWithFileAndLineOtherwise(@TempDir Path a, @TempDir Path b)
            throws IOException {
        Experiment x = experiment();
        Trainer t = trainer(x);
        String whole = tables(run(x, a, false, t));
        Path dir = run(x, b, false, t);
        Path runs = dir.resolve("runs.csv");
        Path evals = dir.resolve("evaluations.csv");
        List<String> runLines = Files.readAllLines(runs);
        List<String> evalLines = Files.readAllLines(evals);

        // refused: a garbage line, a row of another cell, a cell twice; nothing is touched
        refused(x, t, runs, insert(runLines, 2, "garbage"), "runs.csv line 2: not a row of 24 fields");
        refused(x, t, evals, insert(evalLines, 3, "x,ring,4,0.05,1,3,2.1,2.0,0.1,2.0,0.1,0.5"), "evaluations.csv line 3: cell 'x'");
        refused(x, t, runs, insert(runLines, 2, runLines.get(1).replace(",ring,", ",star,")), "runs.csv line 2: cell 0 is (ring, 4 workers");
        refused(x, t, runs, insert(runLines, 3, runLines.get(1)), "runs.csv lines 2 and 3 both record cell 0");
        List<String> badStep = new ArrayList<>(evalLines);
        badStep.set(2, evalLines.get(2).replaceFirst(",6,", ",six,"));
        refused(x, t, evals, badStep, "evaluations.csv line 3: column step is not a number: 'six'");

        // repaired: the evaluations deleted, an empty or torn-header runs.csv, a failed cell, a missing evaluation
        Files.delete(evals);
        assertThat(ran(x, t, b)).isEqualTo(4);
        assertThat(tables(dir)).isEqualTo(whole);
        Files.write(runs, new byte[0]);
        assertThat(ran(x, t, b)).isEqualTo(4);
        assertThat(tables(dir)).isEqualTo(whole);
        Files.writeString(runs, "cell,experiment,datas");
        assertThat(ran(x, t, b)).isEqualTo(4);
        assertThat(tables(dir)).isEqualTo(whole);
        List<String> failed = new ArrayList<>(Files.readAllLines(runs));
        String[] fields = failed.get(2).split(",");
        failed.set(2, String.join(",", java.util.Arrays.copyOf(fields, 14)) + ",,,,,,,,,java.lang.OutOfMemoryError: heap,12.5");
        Files.write(runs, failed);
        assertThat(ran(x, t, b)).isEqualTo(1);
        assertThat(tables(dir)).isEqualTo(whole);
        List<String> lessEvals = new ArrayList<>(Files.readAllLines(evals));
        lessEvals.remove(lessEvals.size() - 1); // the final evaluation of the last cell
        Files.write(evals, lessEvals);
        assertThat(ran(x, t, b)).isEqualTo(1);
        assertThat(tables(dir)).isEqualTo(whole);
    }

    private static List<String> insert(List<String> lines, int lineNo, String line) {
        List<String> out = new ArrayList<>(lines);
        out.add(lineNo - 1, line);
        return out;
    }

    private static void refused(Experiment x, Trainer t, Path file, List<String> lines, String message) throws IOException {
        byte[] good = Files.readAllBytes(file);
        Files.write(file, lines);
        byte[] bad = Files.readAllBytes(file);
        assertThatThrownBy(() -> run(x, file.getParent().getParent(), true, t)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(message).hasMessageContaining("use fresh to start over");
        assertThat(Files.readAllBytes(file)).isEqualTo(bad);
        Files.write(file, good);
    }

    private static int ran(Experiment x, Trainer t, Path out) {
        int[] n = {0};
        Sweep.run(x, out, new Sweep.Options(true, false, null), t, new Sweep.Listener() {
            @Override
            public void cellFinished(Experiment.Cell cell, CellResult result, Sweep.Status status) {
                n[0]++;
            }
        });
        return n[0];
    }

    // issue 11: shards K/N, merged, equal the unsharded run; mismatched shards are refused
    @Test
    void shardsMergedEqualTheUnshardedRunAndMismatchesAreRefused(@TempDir Path a, @TempDir Path b) throws IOException {
        Experiment x = experiment("learning-rates = 0.05,0.1,0.2");
        Trainer t = trainer(x);
        Path whole = run(x, a, false, t);
        for (int k = 0; k < 3; k++) {
            Path shard = Sweep.run(x, b, new Sweep.Options(false, false, new Shard(k, 3)), t, QUIET);
            assertThat(shard.getFileName().toString()).isEqualTo("s.shard-" + k + "-of-3");
            int index = k;
            assertThat(CsvReader.read(shard.resolve("runs.csv"))).extracting(r -> Integer.parseInt(r.get("cell")) % 3)
                    .hasSize(2).containsOnly(index);
            assertThat(Files.readString(shard.resolve("environment.txt"))).contains("shard = " + k + "/3\n");
        }
        List<String> warnings = new ArrayList<>();
        Merge.Result m = Merge.run(x, b, b, false, warnings::add);
        assertThat(m.done()).isEqualTo(6);
        assertThat(m.cells()).isEqualTo(6);
        assertThat(tables(m.dir())).isEqualTo(tables(whole));
        for (String f : new String[] {"experiment.txt", "environment.txt"}) {
            assertThat(Files.readString(m.dir().resolve(f))).isEqualTo(Files.readString(whole.resolve(f)));
        }
        assertThat(warnings).isEmpty();
        assertThatThrownBy(() -> Merge.run(x, b, b, false, w -> { })).hasMessageContaining("exists: pass fresh");
        run(x, b, true, t); // the merged folder resumes: nothing left to do
        assertThat(tables(m.dir())).isEqualTo(tables(whole));

        Path one = b.resolve("s.shard-1-of-3");
        Path settings = one.resolve("experiment.txt");
        String good = Files.readString(settings);
        Files.writeString(settings, good.replace("steps = 6", "steps = 7"));
        assertThatThrownBy(() -> Merge.run(x, b, b, true, w -> { })).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("s.shard-1-of-3 was run with other settings").hasMessageContaining("steps = 7");
        Files.writeString(settings, good);
        Path env = one.resolve("environment.txt");
        String goodEnv = Files.readString(env);
        Files.writeString(env, goodEnv.replace("OMP_NUM_THREADS = 1", "OMP_NUM_THREADS = 8"));
        assertThatThrownBy(() -> Merge.run(x, b, b, true, w -> { })).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("OMP_NUM_THREADS was '1' in s.shard-0-of-3, now '8' in s.shard-1-of-3");
        Files.writeString(env, goodEnv);
        try (FolderLock running = FolderLock.acquire(one)) {
            assertThatThrownBy(() -> Merge.run(x, b, b, true, w -> { })).hasMessageContaining("in use by another tidl run");
        }
        Path shardTwo = b.resolve("s.shard-2-of-3");
        try (Stream<Path> files = Files.list(shardTwo)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(shardTwo);
        assertThatThrownBy(() -> Merge.run(x, b, b, true, w -> { })).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("shard 2/3 is missing");
    }

    /** An engine that finishes cells out of order (as Spark does) still leaves the files in cell order. */
    @Test
    void cellsFinishedOutOfOrderAreStoredInCellOrder(@TempDir Path a, @TempDir Path b) throws IOException {
        Experiment x = experiment("seeds = 1,2");
        Trainer t = trainer(x);
        Path inOrder = run(x, a, false, t);
        Path reversed = run(x, b, false, wrap(t, e -> e, true));
        assertThat(tables(reversed)).isEqualTo(tables(inOrder));
        List<Map<String, String>> rows = CsvReader.read(reversed.resolve("runs.csv"));
        assertThat(rows).extracting(r -> r.get("cell")).containsExactly("0", "1", "2", "3", "4", "5", "6", "7");
    }

    // issue 10, item 13: the name is a plain folder name
    @Test
    void experimentNamesThatLeaveTheResultsRootAreRefused() {
        for (String name : new String[] {".", "..", "a/b", "../x"}) {
            assertThatThrownBy(() -> experiment("name = " + name)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("name must be");
        }
        assertThat(experiment("name = a.b-c_1").name()).isEqualTo("a.b-c_1");
    }

    @Test
    void shardsAreKOfN() {
        assertThat(Shard.parse("2/5")).isEqualTo(new Shard(2, 5));
        for (String bad : new String[] {"5/5", "-1/3", "1", "a/b", "1/0"}) {
            assertThatThrownBy(() -> Shard.parse(bad)).isInstanceOf(InvalidInputException.class).hasMessageContaining("K/N");
        }
    }
}
