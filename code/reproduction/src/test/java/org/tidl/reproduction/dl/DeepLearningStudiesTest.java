package org.tidl.reproduction.dl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.tidl.core.OptimizerRegistry;
import org.tidl.core.TopologyRegistry;
import org.tidl.core.io.CsvReader;
import org.tidl.dl.data.FashionMnist;
import org.tidl.dl.data.Images;
import org.tidl.dl.experiment.Experiment;
import org.tidl.dl.experiment.Trainer;
import org.tidl.reproduction.Dataset;
import org.tidl.reproduction.PaperData;
import org.tidl.reproduction.Reproducer;
import org.tidl.reproduction.Reproductions;
import org.tidl.reproduction.RunSettings;
import org.tidl.reproduction.StudyContext;
import org.tidl.reproduction.Variant;
import org.tidl.reproduction.provenance.CodeVersion;
import org.tidl.reproduction.provenance.Machine;
import org.tidl.reproduction.provenance.Provenance;
import org.tidl.reproduction.provenance.Sha256;

/** The deep-learning figures on a tiny real experiment (Fashion-MNIST of Debian's dataset-fashion-mnist). */
class DeepLearningStudiesTest {

    static final String TINY = String.join("\n", "name = tiny-grid", "dataset = fashion-mnist", "model = mlp", "hidden = 8",
            "workers = 4", "steps = 4", "topologies = ring; star; fully-connected", "learning-rates = 0.1,0.2",
            "evaluations = 1", "eval-train-examples = 500", "eval-test-examples = 500", "");

    /** Trains with the real trainer, whatever experiment a figure asks for. */
    static final class TinyTraining implements Training {
        int trainedCells;

        @Override
        public Experiment experiment(String name) {
            return Experiment.parse(TINY, "tiny", List.of());
        }

        @Override
        public Path run(Experiment x, Path root) {
            Images[] data = Trainer.load(x, null);
            return new Trainer(x, TopologyRegistry.builtIn(), OptimizerRegistry.builtIn(), data[0], data[1]).run(root, true, false,
                    new org.tidl.dl.experiment.Sweep.Listener() {
                        @Override
                        public void cellFinished(Experiment.Cell cell, org.tidl.dl.experiment.CellResult result,
                                org.tidl.dl.experiment.Sweep.Status status) {
                            trainedCells++;
                        }
                    });
        }
    }

    @Test
    void lossGridTrainsOnceRecordsTheEngineAndRedrawsTheSameBytes(@TempDir Path dir) throws Exception {
        assertThat(FashionMnist.DEFAULT_DIR.resolve("train-images-idx3-ubyte.gz"))
                .as("Fashion-MNIST: apt-get install dataset-fashion-mnist (.ci/run does)").exists();
        TinyTraining training = new TinyTraining();
        AtomicLong progress = new AtomicLong();
        StudyContext ctx = new StudyContext(TopologyRegistry.builtIn(), OptimizerRegistry.builtIn(), PaperData.load(), training,
                dir, progress::addAndGet);
        RunSettings settings = new RunSettings(Variant.QUICK, 1, 1);
        Provenance.Invocation inv = new Provenance.Invocation(List.of("test"), new CodeVersion(null, null, List.of(), "t"),
                Machine.current(), List.of());
        var figure = Reproductions.find("fig4-fashion").orElseThrow();
        assertThat(figure.dataset()).isEqualTo(Dataset.FASHION_MNIST);
        assertThat(figure.work(settings, ctx)).isEqualTo(6 * 4);

        Reproducer.Outcome first = Reproducer.make(figure, settings, ctx, inv);
        assertThat(training.trainedCells).isEqualTo(6);
        Path csv = dir.resolve("fig4-fashion.csv");
        assertThat(first.written()).containsExactly(csv, dir.resolve("fig4-fashion.png"), dir.resolve("fig4-fashion.svg"));
        List<java.util.Map<String, String>> rows = CsvReader.read(csv);
        assertThat(rows).hasSize(6).extracting(r -> r.get("topology")).containsOnly("Ring", "Star", "Fully connected");
        assertThat(first.reports()).hasSize(3).allMatch(l -> l.startsWith("fig4-fashion: "));
        JsonNode p = new ObjectMapper().readTree(first.provenance().toFile());
        assertThat(p.get("deep_learning_engine").get("nd4j_backend").asText()).isNotBlank();
        assertThat(p.get("deep_learning_engine").get("max_threads").asInt()).isPositive();
        assertThat(p.get("experiments").get(0).get("cells_trained_now").asInt()).isEqualTo(6);
        assertThat(p.get("config").get("experiment").asText()).isEqualTo("fashion-grid-bs16-iid-quick");
        assertThat(p.get("inputs")).extracting(n -> n.get("file").asText())
                .contains("tiny-grid/runs.csv", "tiny-grid/evaluations.csv", "tiny-grid/experiment.txt");
        JsonNode out = p.get("outputs").get(0);
        assertThat(out.get("file").asText()).isEqualTo("fig4-fashion.csv");
        assertThat(out.get("sha256").asText()).isEqualTo(Sha256.of(csv));
        assertThat(out.get("bytes").asLong()).isEqualTo(Files.size(csv));

        byte[] before = Files.readAllBytes(csv);
        byte[] png = Files.readAllBytes(dir.resolve("fig4-fashion.png"));
        byte[] svg = Files.readAllBytes(dir.resolve("fig4-fashion.svg"));
        Reproducer.Outcome again = Reproducer.make(figure, settings, ctx, inv);
        assertThat(training.trainedCells).isEqualTo(6); // resumed: nothing trained
        JsonNode q = new ObjectMapper().readTree(again.provenance().toFile());
        assertThat(q.has("deep_learning_engine")).isFalse();
        assertThat(q.get("experiments").get(0).get("cells_trained_now").asInt()).isZero();
        assertThat(Files.readAllBytes(csv)).isEqualTo(before);
        assertThat(Files.readAllBytes(dir.resolve("fig4-fashion.png"))).isEqualTo(png);
        assertThat(Files.readAllBytes(dir.resolve("fig4-fashion.svg"))).isEqualTo(svg);
    }

    static NeighborsLossStudy.Point point(String spec, int n, NeighborsLossStudy.Kind kind, double loss, double stableLr) {
        return new NeighborsLossStudy.Point(spec, spec, n, kind, 0.1, loss, 1 + loss, 1 - loss, stableLr, false);
    }

    /** The findings behind the claims, counted by hand on a small grid. */
    @Test
    void findingsFollowThePapersOrdering() {
        NeighborsLossStudy.Kind g = NeighborsLossStudy.Kind.GRID;
        NeighborsLossStudy.Kind s = NeighborsLossStudy.Kind.SCALING;
        List<NeighborsLossStudy.Point> pts = List.of(point("fully-connected", 16, g, 0.20, 0.5), point("hypercube", 16, g, 0.30, 0.25),
                point("circulant:offsets=1,4", 16, g, 0.25, 0.5), point("ring", 16, g, 0.50, 0.25), point("star", 16, g, 0.40, 0.125),
                point("solo", 16, g, 0.90, 0.5), point("torus:rows=4,cols=4", 16, g, 0.10, 1),
                point("fully-connected", 2, s, 0.6, 1), point("fully-connected", 4, s, 0.7, 1), point("fully-connected", 8, s, 0.3, 1));
        NeighborsLossStudy.Findings f = NeighborsLossStudy.findings(pts);
        // hypercube (rank 1) above the torus (rank 2), ring (3) above star (5); the true 2-D torus has no rank
        assertThat(f.orderingViolations()).isEqualTo(2);
        assertThat(f.starMinusRingLoss()).isCloseTo(-0.10, within(1e-12));
        assertThat(f.starMinusRingGap()).isCloseTo(0.10, within(1e-12));
        assertThat(f.soloMinusWorstOther()).isCloseTo(0.40, within(1e-12));
        assertThat(f.bestOtherMinusFc()).isCloseTo(-0.10, within(1e-12)); // the 2-D torus beats fully connected
        assertThat(f.stableLrRatio()).isEqualTo(1.0); // max(hypercube 0.25, torus 0.5) / FC 0.5
        // n = 2, 4, 8, 16: 0.6, 0.7, 0.3, 0.2: one increase
        assertThat(f.fcScalingViolations()).isEqualTo(1);
        assertThat(f.rhoNeighbors()).isCloseTo(1.0, within(1e-12)); // n_W = 1 + loss: perfectly ordered
        assertThat(f.rhoGap()).isCloseTo(-1.0, within(1e-12));
    }
}
