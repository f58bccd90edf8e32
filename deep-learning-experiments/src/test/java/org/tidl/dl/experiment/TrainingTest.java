package org.tidl.dl.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidl.core.InvalidInputException;
import org.tidl.core.OptimizerRegistry;
import org.tidl.core.TopologyRegistry;
import org.tidl.core.io.CsvReader;
import org.tidl.dl.data.Images;

/** End to end on the real Fashion-MNIST of Debian's dataset-fashion-mnist (installed by .ci/run). */
class TrainingTest {

    static Images train;
    static Images test;

    @BeforeAll
    static void data() {
        Images[] data = FashionMnistData.head(Integer.MAX_VALUE, 2000);
        train = data[0];
        test = data[1];
    }

    private static Experiment experiment(String... extra) {
        String text = String.join("\n", "name = t", "dataset = fashion-mnist", "model = mlp", "hidden = 32", "workers = 4",
                "batch = 16", "steps = 40", "topologies = ring", "learning-rates = 0.1", "evaluations = 2",
                "eval-train-examples = 2000");
        return Experiment.parse(text, "test", List.of(extra));
    }

    private static Trainer trainer(Experiment x, Images data) {
        return new Trainer(x, TopologyRegistry.builtIn(), OptimizerRegistry.builtIn(), data, test);
    }

    @Test
    void fourWorkersOnRealFashionMnistLowerTheLoss(@TempDir Path out) {
        Path dir = trainer(experiment(), train).run(out, false, false, new Sweep.Listener() { });
        List<Map<String, String>> evals = CsvReader.read(dir.resolve("evaluations.csv"));
        assertThat(evals).hasSize(2);
        double first = CsvReader.number(evals.get(0).get("train_loss"));
        double last = CsvReader.number(evals.get(1).get("train_loss"));
        // an untrained 10-class model sits at ln 10 = 2.30; 40 steps of 4 × 16 examples get well below
        assertThat(last).isLessThan(first).isLessThan(0.5 * Math.log(10));
        Map<String, String> run = CsvReader.read(dir.resolve("runs.csv")).get(0);
        assertThat(run.get("diverged")).isEqualTo("false");
        assertThat(CsvReader.number(run.get("test_accuracy"))).isGreaterThan(0.6);
        assertThat(CsvReader.number(run.get("consensus_distance"))).isPositive();
    }

    @Test
    void aTooLargeLearningRateIsRecordedAsDivergedAndTheSweepGoesOn(@TempDir Path out) {
        Experiment x = experiment("learning-rates = 50,0.1", "steps = 10");
        Path dir = trainer(x, train.head(3000)).run(out, false, false, new Sweep.Listener() { });
        List<Map<String, String>> runs = CsvReader.read(dir.resolve("runs.csv"));
        assertThat(runs).extracting(r -> r.get("diverged")).containsExactly("true", "false");
    }

    /** A kill after two cells (plus a torn line) and --resume give the same runs.csv as one uninterrupted run. */
    @Test
    void resumeAfterAKillReproducesTheUninterruptedResults(@TempDir Path a, @TempDir Path b) throws IOException {
        Experiment x = experiment("topologies = ring; star", "learning-rates = 0.05,0.2", "steps = 12");
        Images small = train.head(3000);
        Path whole = trainer(x, small).run(a, false, false, new Sweep.Listener() { });

        class Killed extends RuntimeException { }
        int[] finished = {0};
        assertThatThrownBy(() -> trainer(x, small).run(b, false, false, new Sweep.Listener() {
            @Override
            public void cellFinished(Experiment.Cell cell, CellResult result, Sweep.Status status) {
                if (++finished[0] == 2) {
                    throw new Killed();
                }
            }
        })).isInstanceOf(Killed.class);
        Path resumed = b.resolve("t");
        // what a kill in the middle of the next cell's appends leaves behind
        Files.writeString(resumed.resolve("evaluations.csv"), "2,star,4,0.05,1,6,2.1,2.0", StandardOpenOption.APPEND);
        Files.writeString(resumed.resolve("runs.csv"), "2,t,fashion-mnist,ml", StandardOpenOption.APPEND);
        assertThatThrownBy(() -> trainer(x, small).run(b, false, false, new Sweep.Listener() { }))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("pass resume to continue it, or fresh to start over");
        assertThatThrownBy(() -> trainer(experiment("topologies = ring; star", "learning-rates = 0.05,0.2", "steps = 13"), small)
                .run(b, true, false, new Sweep.Listener() { }))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("steps = 13");
        int[] ran = {0};
        trainer(x, small).run(b, true, false, new Sweep.Listener() {
            @Override
            public void cellFinished(Experiment.Cell cell, CellResult result, Sweep.Status status) {
                ran[0]++;
            }
        });
        assertThat(ran[0]).isEqualTo(2);
        assertThat(withoutWallTime(resumed.resolve("runs.csv"))).isEqualTo(withoutWallTime(whole.resolve("runs.csv")));
        assertThat(Files.readString(resumed.resolve("evaluations.csv"))).isEqualTo(Files.readString(whole.resolve("evaluations.csv")));
    }

    /**
     * A cell's random streams come from its own seed alone (Seeds), not from its place in the grid or from the cells
     * before it: run alone, a cell gives the rows it gives in the middle of a grid, covariances included (so cells
     * can run anywhere, in any order).
     */
    @Test
    void aCellRunAloneGivesTheRowsItGivesInItsGrid(@TempDir Path a, @TempDir Path b) throws IOException {
        Images small = train.head(3000);
        String[] shared = {"steps = 6", "evaluations = 2", "covariance-after = 4", "covariance-repetitions = 2",
            "covariance-steps = 2", "covariance-fraction = 0.001", "non-iid-alpha = 0.5"};
        List<String> grid = new java.util.ArrayList<>(List.of(shared));
        grid.addAll(List.of("topologies = star; ring", "learning-rates = 0.05,0.2", "seeds = 1,2"));
        List<String> alone = new java.util.ArrayList<>(List.of(shared));
        alone.addAll(List.of("topologies = ring", "learning-rates = 0.05", "seeds = 2"));
        Path whole = trainer(experiment(grid.toArray(new String[0])), small).run(a, false, false, new Sweep.Listener() { });
        Path single = trainer(experiment(alone.toArray(new String[0])), small).run(b, false, false, new Sweep.Listener() { });
        for (String file : new String[] {"runs.csv", "evaluations.csv", "covariances.csv"}) {
            List<String> cell = rowsWithoutCellIndex(single.resolve(file), ",ring,", ",0.05,2,");
            assertThat(cell).as(file).isNotEmpty();
            assertThat(rowsWithoutCellIndex(whole.resolve(file), ",ring,", ",0.05,2,")).as(file).isEqualTo(cell);
        }
    }

    /** The rows containing both fragments, without the cell index (first column) and runs.csv's wall time. */
    private static List<String> rowsWithoutCellIndex(Path file, String... fragments) throws IOException {
        List<String> out = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (java.util.Arrays.stream(fragments).allMatch(line::contains)) {
                String rest = line.substring(line.indexOf(','));
                out.add(file.endsWith("runs.csv") ? rest.substring(0, rest.lastIndexOf(',')) : rest);
            }
        }
        return out;
    }

    private static String withoutWallTime(Path runs) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String line : Files.readAllLines(runs, StandardCharsets.UTF_8)) {
            sb.append(line, 0, line.lastIndexOf(',')).append('\n');
        }
        return sb.toString();
    }

    @Test
    void experimentFilesAreCheckedKeyByKey() {
        assertThat(experiment("topologies = ring; star; circulant:offsets=1,2", "learning-rates = pow2half:-4:0",
                "seeds = 1,2").cells()).hasSize(3 * 5 * 2);
        assertThat(experiment("topologies = ring; star", "learning-rates@star = 0.5").cells())
                .extracting(Experiment.Cell::learningRate).containsExactly(0.1, 0.5);
        assertThatThrownBy(() -> experiment("learning-rate = 0.1")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown key 'learning-rate'");
        assertThatThrownBy(() -> experiment("learning-rates@torus = 0.1")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not one of the experiment's topologies");
        assertThatThrownBy(() -> experiment("ema = 1")).isInstanceOf(InvalidInputException.class).hasMessageContaining("ema");
        assertThat(experiment("steps = 1000", "schedule = step-decay").learningRateScale(749)).isEqualTo(1.0);
        assertThat(experiment("steps = 1000", "schedule = step-decay").learningRateScale(750)).isEqualTo(0.1);
        assertThat(experiment("steps = 1000", "schedule = step-decay").learningRateScale(900)).isEqualTo(0.01);
        assertThat(experiment("steps = 10", "evaluations = 3").evaluationSteps()).containsExactly(3, 7, 10);
        assertThat(experiment("optimizer = dsgd; gradient-tracking", "topologies = ring; star").cells())
                .extracting(Experiment.Cell::optimizer).containsExactly("dsgd", "dsgd", "gradient-tracking", "gradient-tracking");
        assertThatThrownBy(() -> experiment("split = sorted", "non-iid-alpha = 0.1")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("exclude");
    }

    /**
     * The covariance repetitions draw fresh minibatches from the training split: a later round keeps every worker's
     * Dirichlet pool and changes its draws; round 0 replays the first sampler.
     */
    @Test
    void laterRoundsKeepTheSplitAndDrawAfresh() {
        int[] labels = java.util.Arrays.copyOf(train.labels(), 3000);
        org.tidl.dl.data.Sampler first = org.tidl.dl.data.Sampler.dirichlet(8, labels, 10, 0.5, 3);
        org.tidl.dl.data.Sampler again = first.round(0);
        org.tidl.dl.data.Sampler later = first.round(1);
        int differ = 0;
        for (int w = 0; w < 8; w++) {
            assertThat(later.pool(w)).isEqualTo(first.pool(w));
            int[] a = first.next(w, 32);
            assertThat(again.next(w, 32)).isEqualTo(a);
            differ += java.util.Arrays.equals(later.next(w, 32), a) ? 0 : 1;
        }
        assertThat(differ).isEqualTo(8);
        assertThat(org.tidl.dl.data.Sampler.dirichlet(8, labels, 10, 0.5, 4).pool(0)).isNotEqualTo(first.pool(0));
    }

    /** Unshuffled data: label-sorted blocks partition the training set, each of the 16 workers sees at most 2 classes. */
    @Test
    void sortedSplitGivesEachWorkerAContiguousBlockOfLabels() {
        org.tidl.dl.data.Sampler s = org.tidl.dl.data.Sampler.sorted(16, train.labels(), 1);
        java.util.Set<Integer> all = new java.util.HashSet<>();
        for (int w = 0; w < 16; w++) {
            java.util.Set<Integer> labels = new java.util.HashSet<>();
            for (int i : s.pool(w)) {
                labels.add(train.labels()[i]);
                all.add(i);
            }
            assertThat(labels.size()).as("worker %d", w).isBetween(1, 2);
            assertThat(s.pool(w).length).isBetween(3750, 3750);
        }
        assertThat(all).hasSize(train.count());
    }
}
