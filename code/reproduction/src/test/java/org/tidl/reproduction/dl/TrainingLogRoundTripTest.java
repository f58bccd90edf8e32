package org.tidl.reproduction.dl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidl.core.OptimizerRegistry;
import org.tidl.core.TopologyRegistry;
import org.tidl.core.io.CsvReader;
import org.tidl.dl.data.FashionMnist;
import org.tidl.dl.data.Images;
import org.tidl.dl.experiment.Experiment;
import org.tidl.dl.experiment.Sweep;
import org.tidl.dl.experiment.Trainer;
import org.tidl.dl.experiment.TrainingTables;

/**
 * The trainer writes a results folder and the reproduction reads it back: the same cells and numbers, through
 * the one declaration of the tables ({@link TrainingTables}); a column the writer renamed would fail here.
 */
class TrainingLogRoundTripTest {

    private static Path train(Path out, String... extra) {
        Images train = FashionMnist.train(FashionMnist.DEFAULT_DIR).head(2000);
        Images test = FashionMnist.test(FashionMnist.DEFAULT_DIR).head(500);
        String text = String.join("\n", "name = round-trip", "dataset = fashion-mnist", "model = mlp", "hidden = 8",
                "workers = 4", "batch = 16", "steps = 6", "topologies = ring; star", "learning-rates = 0.1",
                "evaluations = 2", "eval-train-examples = 500");
        Experiment x = Experiment.parse(text, "test", List.of(extra));
        return new Trainer(x, TopologyRegistry.builtIn(), OptimizerRegistry.builtIn(), train, test)
                .run(out, false, false, new Sweep.Listener() { });
    }

    @Test
    void whatTheTrainerWritesTheReaderReads(@TempDir Path out) {
        Path dir = train(out);
        List<Map<String, String>> raw = CsvReader.read(dir.resolve(TrainingTables.RUNS_FILE));
        assertThat(raw.get(0).keySet()).containsExactlyElementsOf(TrainingTables.RUNS);
        TrainingLog.Cells cells = TrainingLog.cells(dir);
        assertThat(cells.failed()).isEmpty();
        assertThat(cells.finished()).extracting(TrainingLog.Run::topology).containsExactly("ring", "star");
        for (int k = 0; k < 2; k++) {
            TrainingLog.Run run = cells.finished().get(k);
            Map<String, String> row = raw.get(k);
            assertThat(run.cell()).isEqualTo(k);
            assertThat(run.optimizer()).isEqualTo("dsgd-atc");
            assertThat(run.workers()).isEqualTo(4);
            assertThat(run.learningRate()).isEqualTo(0.1);
            assertThat(run.seed()).isEqualTo(1);
            assertThat(run.steps()).isEqualTo(6);
            assertThat(run.diverged()).isFalse();
            assertThat(run.trainLoss()).isEqualTo(CsvReader.number(row.get(TrainingTables.TRAIN_LOSS))).isBetween(0.1, 5.0);
            assertThat(run.testAccuracy()).isEqualTo(CsvReader.number(row.get(TrainingTables.TEST_ACCURACY))).isBetween(0.0, 1.0);
            assertThat(run.consensusDistance()).isEqualTo(CsvReader.number(row.get(TrainingTables.CONSENSUS_DISTANCE)));
        }
        List<TrainingLog.Evaluation> evaluations = TrainingLog.evaluations(dir);
        assertThat(evaluations).extracting(TrainingLog.Evaluation::cell).containsExactly(0, 0, 1, 1);
        assertThat(evaluations).extracting(TrainingLog.Evaluation::step).containsExactly(3L, 6L, 3L, 6L);
        // the last evaluation of a cell is its final result
        assertThat(evaluations.get(1).trainLoss()).isEqualTo(cells.finished().get(0).trainLoss());
        assertThat(evaluations.get(3).testAccuracy()).isEqualTo(cells.finished().get(1).testAccuracy());
        assertThat(CsvReader.read(dir.resolve(TrainingTables.EVALUATIONS_FILE)).get(0).keySet())
                .containsExactlyElementsOf(TrainingTables.EVALUATIONS);
    }

    @Test
    void theCovarianceTableReadsBackAsASymmetricMatrixPerCell(@TempDir Path out) {
        Path dir = train(out, "covariance-after = 3", "covariance-repetitions = 2", "covariance-steps = 2",
                "covariance-fraction = 0.1", "ema = none");
        assertThat(CsvReader.read(dir.resolve(TrainingTables.COVARIANCES_FILE)).get(0).keySet())
                .containsExactlyElementsOf(TrainingTables.COVARIANCES);
        Map<Integer, List<TrainingLog.Covariance>> c = TrainingLog.covariances(dir);
        assertThat(c).containsOnlyKeys(0, 1);
        List<TrainingLog.Covariance> ring = c.get(0);
        assertThat(ring).hasSize(16);
        for (TrainingLog.Covariance e : ring) {
            assertThat(e.value()).isEqualTo(ring.get(e.j() * 4 + e.i()).value());
        }
        assertThat(ring.get(0).value()).isPositive(); // a variance
    }
}
