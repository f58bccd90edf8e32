package org.tidl.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidl.core.OptimizerRegistry;
import org.tidl.core.TopologyRegistry;
import org.tidl.core.io.CsvReader;
import org.tidl.dl.data.Images;
import org.tidl.dl.experiment.CellResult;
import org.tidl.dl.experiment.Engine;
import org.tidl.dl.experiment.Experiment;
import org.tidl.dl.experiment.Sweep;
import org.tidl.dl.experiment.Trainer;
import org.tidl.dl.experiment.TrainingTables;

/**
 * The Spark engine in embedded mode, {@code local[2,3]} (two tasks at a time, three attempts per task), on a
 * small Fashion-MNIST MLP grid (8 cells of 8 steps): the same rows as the local engine, retries, a cell that
 * always fails, a driver killed mid-sweep and resumed.
 */
class SparkEngineTest {

    static JavaSparkContext sc;
    static Images[] data;

    @BeforeAll
    static void start() {
        sc = new JavaSparkContext(new SparkConf().setMaster("local[2,3]").setAppName("tidl-test").set("spark.ui.enabled", "false"));
        data = Trainer.load(experiment(), null);
    }

    @AfterAll
    static void stop() {
        sc.stop();
    }

    static Experiment experiment(String... extra) {
        String text = String.join("\n", "name = g", "dataset = fashion-mnist", "model = mlp", "hidden = 16", "workers = 2,4",
                "batch = 8", "steps = 8", "topologies = ring; star", "learning-rates = 0.05,0.2", "evaluations = 2",
                "eval-train-examples = 500", "eval-test-examples = 500");
        return Experiment.parse(text, "test", List.of(extra));
    }

    static Engine.Settings settings(Experiment x) {
        return new Engine.Settings(x, TopologyRegistry.builtIn(), OptimizerRegistry.builtIn(), List.of(),
                Trainer.dataDir(x, null), null, null, Map.of());
    }

    private static Path local(Experiment x, Path out) {
        return Sweep.run(x, out, new Sweep.Options(false, false, null), trainer(x), new Sweep.Listener() { });
    }

    private static Trainer trainer(Experiment x) {
        return new Trainer(x, TopologyRegistry.builtIn(), OptimizerRegistry.builtIn(), data[0], data[1]);
    }

    private static Path spark(Experiment x, Path out, boolean resume, Faults faults, Sweep.Listener listener) {
        try (SparkEngine e = new SparkEngine(settings(x), sc, faults)) {
            return Sweep.run(x, out, new Sweep.Options(resume, false, null), e, listener);
        }
    }

    /** The three tables, wall time aside (the last column of runs.csv). */
    static String tables(Path dir) throws IOException {
        return TrainingTables.withoutWallTime(dir);
    }

    @Test
    void localTwoThreeGivesTheLocalEnginesRowsLargestCellsFirst(@TempDir Path a, @TempDir Path b) throws IOException {
        Experiment x = experiment();
        Path local = local(x, a);
        List<Integer> order = new java.util.ArrayList<>();
        int[] maxRunning = {0};
        Path spark = spark(x, b, false, Faults.NONE, new Sweep.Listener() {
            @Override
            public void cellFinished(Experiment.Cell cell, CellResult result, Sweep.Status status) {
                order.add(cell.workers());
                maxRunning[0] = Math.max(maxRunning[0], status.running());
            }
        });
        assertThat(tables(spark)).isEqualTo(tables(local));
        assertThat(CsvReader.read(spark.resolve("runs.csv"))).hasSize(8);
        for (String f : new String[] {"experiment.txt", "environment.txt"}) {
            assertThat(Files.readString(spark.resolve(f))).isEqualTo(Files.readString(local.resolve(f)));
        }
        // the 4-worker cells were handed out first; two slots, so a 2-worker cell may overtake the last 4-worker one
        assertThat(order.subList(0, 3)).containsOnly(4);
        // what the tracker reports (a finished task's slot is reused before its end is posted: at most one more;
        // at least none: on a loaded machine every task's end can be posted before its result is read)
        assertThat(maxRunning[0]).isBetween(0, 3);
    }

    @Test
    void aTaskThatThrowsOnItsFirstAttemptIsRetriedAndTheRowsStillEqual(@TempDir Path a, @TempDir Path b) throws IOException {
        Experiment x = experiment();
        Path local = local(x, a);
        Faults flaky = (cell, attempt, step) -> {
            if (attempt == 0 && (cell == 1 && step == 0 || cell == 6 && step == 5)) {
                throw new IllegalStateException("injected fault, cell " + cell);
            }
        };
        int[] failed = {0};
        Path spark = spark(x, b, false, flaky, new Sweep.Listener() {
            @Override
            public void cellFailed(Experiment.Cell cell, String error, Sweep.Status status) {
                failed[0]++;
            }
        });
        assertThat(failed[0]).isZero();
        assertThat(tables(spark)).isEqualTo(tables(local));
    }

    @Test
    void aCellThatAlwaysFailsIsRecordedAsFailedTheOthersFinishAndResumeRunsIt(@TempDir Path a, @TempDir Path b) throws IOException {
        Experiment x = experiment();
        Path local = local(x, a);
        Faults broken = (cell, attempt, step) -> {
            if (cell == 3 && step == 2) {
                throw new IllegalStateException("injected: cell 3 always fails");
            }
        };
        List<String> errors = new java.util.ArrayList<>();
        Path spark = spark(x, b, false, broken, new Sweep.Listener() {
            @Override
            public void cellFailed(Experiment.Cell cell, String error, Sweep.Status status) {
                errors.add(cell.index() + ": " + error);
            }
        });
        assertThat(errors).containsExactly("3: 3 attempt(s), the last: java.lang.IllegalStateException: injected: cell 3 always fails");
        List<Map<String, String>> runs = CsvReader.read(spark.resolve("runs.csv"));
        assertThat(runs).hasSize(8);
        Map<String, String> failed = runs.get(3);
        assertThat(failed.get("cell")).isEqualTo("3");
        assertThat(failed.get("error")).isEqualTo("3 attempt(s), the last: java.lang.IllegalStateException: injected: cell 3 always fails");
        assertThat(failed.get("train_loss")).isEmpty();
        assertThat(failed.get("diverged")).isEmpty();
        List<String> localRuns = Files.readAllLines(local.resolve("runs.csv"));
        List<String> sparkRuns = Files.readAllLines(spark.resolve("runs.csv"));
        for (int i = 0; i <= 8; i++) {
            if (i != 4) {
                assertThat(withoutWall(sparkRuns.get(i))).isEqualTo(withoutWall(localRuns.get(i)));
            }
        }
        // --resume (here with the local engine) runs the failed cell again
        Sweep.run(x, b, new Sweep.Options(true, false, null), trainer(x), new Sweep.Listener() { });
        assertThat(tables(spark)).isEqualTo(tables(local));
    }

    @Test
    void aDriverKilledMidSweepLosesOnlyTheCellsInFlightAndResumeFinishesThem(@TempDir Path a, @TempDir Path b) throws IOException {
        Experiment x = experiment();
        Path local = local(x, a);
        class Killed extends RuntimeException { }
        int[] finished = {0};
        assertThatThrownBy(() -> spark(x, b, false, Faults.NONE, new Sweep.Listener() {
            @Override
            public void cellFinished(Experiment.Cell cell, CellResult result, Sweep.Status status) {
                if (++finished[0] == 3) {
                    throw new Killed();
                }
            }
        })).isInstanceOf(Killed.class);
        int kept = CsvReader.read(b.resolve("g/runs.csv")).size();
        assertThat(kept).isEqualTo(3);
        int[] ran = {0};
        Path resumed = spark(x, b, true, Faults.NONE, new Sweep.Listener() {
            @Override
            public void cellFinished(Experiment.Cell cell, CellResult result, Sweep.Status status) {
                ran[0]++;
            }
        });
        assertThat(ran[0]).isEqualTo(8 - kept);
        assertThat(tables(resumed)).isEqualTo(tables(local));
    }

    @Test
    void taskFailuresAreOneLine() {
        String spark = "Job aborted due to stage failure: Task 0 in stage 12.0 failed 3 times, most recent failure: Lost task 0.2 in "
                + "stage 12.0 (TID 40) (10.0.0.7 executor driver): java.lang.IllegalStateException: boom\n\tat x.y(Z.java:1)\n";
        assertThat(SparkEngine.failureOf(new RuntimeException(spark), false))
                .isEqualTo("3 attempt(s), the last: java.lang.IllegalStateException: boom");
        String invalid = "Job aborted ...: Lost task 0.0 in stage 0.0 (TID 0) (h executor driver): org.tidl.core.InvalidInputException: "
                + "cannot read /d/train-images-idx3-ubyte.gz: not found\n\tat ...";
        assertThat(SparkEngine.failureOf(new RuntimeException(invalid), true)).isEqualTo("cannot read /d/train-images-idx3-ubyte.gz: not found");
        assertThat(SparkEngine.failureOf(new RuntimeException(spark), true)).isNull();
    }

    private static String withoutWall(String line) {
        return line.substring(0, line.lastIndexOf(','));
    }
}
