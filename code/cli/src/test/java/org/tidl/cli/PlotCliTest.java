package org.tidl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tidl.cli.CliTest.assertBadInput;
import static org.tidl.cli.CliTest.run;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.tidl.core.io.CsvReader;

/** {@code plot} on the committed quick Fashion-MNIST grid (9 topologies × 9 learning rates, one cell diverged). */
class PlotCliTest {

    static final String GRID = "fashion-grid-bs16-iid-quick";

    /** The committed experiment's tables (read only: copied, never written in place). */
    static void copyCommittedGrid(Path to) throws Exception {
        Path from = Path.of("../../results/quick", GRID).toAbsolutePath().normalize();
        Files.createDirectories(to);
        for (String f : new String[] {"experiment.txt", "runs.csv", "evaluations.csv"}) {
            Files.copy(from.resolve(f), to.resolve(f));
        }
    }

    @Test
    void drawsEveryCellAndTheLossAgainstTheLearningRateWithTheDataBeside(@TempDir Path dir) throws Exception {
        Path grid = dir.resolve(GRID);
        copyCommittedGrid(grid);
        CliTest.Result r = run("plot", "--results", grid.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Path plots = grid.resolve("plots");
        List<String> written = r.out().lines().toList();
        assertThat(written).hasSize((9 * 2 + 1) * 2 + 2 + 1) // each chart as PNG and SVG, two CSVs, the provenance
                .allMatch(l -> l.startsWith(plots.toString()));
        assertThat(written.get(0)).endsWith(GRID + "-lr.png");
        assertThat(written).contains(plots.resolve(GRID + "-loss-ring.png").toString(), plots.resolve(GRID + "-accuracy-torus-4x4.png").toString(),
                plots.resolve(GRID + "-curves.csv").toString(), plots.resolve(GRID + ".provenance.json").toString());
        for (String f : written) {
            if (f.endsWith(".png")) {
                BufferedImage im = ImageIO.read(Path.of(f).toFile());
                assertThat(im.getWidth()).as(f).isEqualTo(900);
                assertThat(im.getHeight()).as(f).isEqualTo(640);
            }
        }
        assertThat(r.err()).containsPattern(GRID + ": Ring +best loss \\d\\.\\d{4} at lr [0-9.]+, largest stable lr ")
                .contains("plotted 81 cell(s) of " + GRID + " in 19 chart(s)");
        // the learning-rate table holds runs.csv's final losses; the diverged cell is marked, not drawn on a line
        Map<String, Map<String, String>> runs = new HashMap<>();
        for (Map<String, String> row : CsvReader.read(grid.resolve("runs.csv"))) {
            runs.put(row.get("topology") + "@" + row.get("learning_rate"), row);
        }
        List<Map<String, String>> lr = CsvReader.read(plots.resolve(GRID + "-lr.csv"));
        assertThat(lr).hasSize(81);
        for (Map<String, String> row : lr) {
            Map<String, String> run = runs.get(row.get("topology") + "@" + row.get("learning_rate"));
            boolean diverged = Boolean.parseBoolean(run.get("diverged"));
            // as in Fig. 4, a curve stops before the first learning rate where its topology diverged
            boolean beyond = runs.values().stream().anyMatch(o -> o.get("topology").equals(row.get("topology"))
                    && Double.parseDouble(o.get("learning_rate")) < Double.parseDouble(row.get("learning_rate"))
                    && o.get("diverged").equals("true"));
            assertThat(row.get("drawn")).isEqualTo(diverged ? "diverged" : beyond ? "beyond_divergence" : "line");
            if (diverged) {
                assertThat(row.get("train_loss")).isEmpty();
            } else { // one seed: its final loss, to the 12 digits our CSVs keep
                double want = Double.parseDouble(run.get("train_loss"));
                assertThat(Double.parseDouble(row.get("train_loss"))).isCloseTo(want, org.assertj.core.data.Offset.offset(1e-11 * want));
            }
        }
        long diverged = runs.values().stream().filter(x -> x.get("diverged").equals("true")).count();
        assertThat(lr.stream().filter(x -> x.get("drawn").equals("diverged")).count()).isEqualTo(diverged);
        // the curves table holds every evaluation of evaluations.csv, train and test, loss and accuracy
        List<Map<String, String>> evaluations = CsvReader.read(grid.resolve("evaluations.csv"));
        Map<String, Map<String, String>> curves = CsvReader.read(plots.resolve(GRID + "-curves.csv")).stream()
                .collect(Collectors.toMap(c -> c.get("cell") + "@" + c.get("step"), c -> c));
        assertThat(curves).hasSize(evaluations.size());
        for (Map<String, String> e : evaluations) {
            Map<String, String> c = curves.get(e.get("cell") + "@" + e.get("step"));
            for (String col : new String[] {"train_loss", "test_loss", "train_accuracy", "test_accuracy"}) {
                assertThat(Double.parseDouble(c.get(col))).as(col).isEqualTo(Double.parseDouble(e.get(col)));
            }
        }
        assertThat(curves.values().stream().map(c -> c.get("group")).distinct()).hasSize(9).contains("ring", "torus-4x4");
        // provenance: what it read and wrote
        JsonNode p = new ObjectMapper().readTree(plots.resolve(GRID + ".provenance.json").toFile());
        assertThat(p.get("kind").asText()).isEqualTo("plot");
        assertThat(p.get("grouping").asText()).isEqualTo("BY_SETUP");
        List<String> inputs = new ArrayList<>();
        p.get("inputs").forEach(n -> inputs.add(n.get("file").asText()));
        assertThat(inputs).containsExactly(grid.resolve("experiment.txt").toAbsolutePath().toString(),
                grid.resolve("runs.csv").toAbsolutePath().toString(), grid.resolve("evaluations.csv").toAbsolutePath().toString());
        assertThat(p.get("outputs")).hasSize(40); // 19 charts as PNG and SVG, two CSVs
        // same experiment, same bytes (into another folder, under a locale that writes 0,5 for 0.5)
        Path again = dir.resolve("again");
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY);
            assertThat(run("plot", "--results", grid.toString(), "--out", again.toString()).code()).isZero();
        } finally {
            java.util.Locale.setDefault(before);
        }
        for (String f : written.subList(0, written.size() - 1)) {
            Path name = Path.of(f).getFileName();
            assertThat(Files.readAllBytes(again.resolve(name))).as(name.toString()).isEqualTo(Files.readAllBytes(Path.of(f)));
        }
    }

    /** A cell the trainer recorded as failed (its error in a column the figures did not know) is left out, with a note. */
    @Test
    void failedCellsAreLeftOutAndNewColumnsIgnored(@TempDir Path dir) throws Exception {
        Path grid = dir.resolve(GRID);
        copyCommittedGrid(grid);
        List<String> lines = new ArrayList<>(Files.readAllLines(grid.resolve("runs.csv")));
        for (int i = 0; i < lines.size(); i++) {
            lines.set(i, lines.get(i) + (i == 0 ? ",error" : ","));
        }
        String ring = lines.stream().filter(l -> l.startsWith("30,")).findFirst().orElseThrow();
        assertThat(ring).doesNotContain("\""); // a plain row: fields split at commas
        String[] f = ring.split(",", -1);
        for (int k = 15; k < f.length - 2; k++) {
            f[k] = ""; // no results
        }
        f[f.length - 1] = "\"java.lang.IllegalStateException: worker 3, step 7\"";
        lines.set(lines.indexOf(ring), String.join(",", f));
        Files.write(grid.resolve("runs.csv"), lines);
        CliTest.Result r = run("plot", "--results", grid.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("left out 1 failed cell(s) (no results; a resume runs them again): 30");
        Path plots = grid.resolve("plots");
        assertThat(CsvReader.read(plots.resolve(GRID + "-lr.csv"))).hasSize(80);
        assertThat(CsvReader.read(plots.resolve(GRID + "-curves.csv"))).noneMatch(c -> c.get("cell").equals("30"));
        assertThat(new ObjectMapper().readTree(plots.resolve(GRID + ".provenance.json").toFile()).get("failed_cells").get(0).asInt())
                .isEqualTo(30);
    }

    @Test
    void badInputIsOneLineAndWritesNothing(@TempDir Path dir) throws Exception {
        assertBadInput(run("plot"), "--results is required");
        assertBadInput(run("plot", "--results", dir.resolve("nope").toString()), "--results: folder", "not found");
        assertBadInput(run("plot", "--results", dir.toString()), "has no runs.csv");
        Files.writeString(dir.resolve("runs.csv"), String.join(",", "cell", "optimizer", "topology", "workers", "learning_rate",
                "seed", "steps", "diverged", "train_loss", "train_accuracy", "test_loss", "test_accuracy", "consensus_distance") + "\n");
        assertBadInput(run("plot", "--results", dir.toString()), "has no evaluations.csv");
        Files.writeString(dir.resolve("evaluations.csv"), "cell,step,train_loss,train_accuracy,test_loss,test_accuracy\n");
        assertBadInput(run("plot", "--results", dir.toString()), "runs.csv: no finished cell yet");
        Files.writeString(dir.resolve("runs.csv"), "cell,optimizer,topology\n0,dsgd-atc,ring\n");
        assertBadInput(run("plot", "--results", dir.toString()), "runs.csv: no column 'workers'");
        Files.writeString(dir.resolve("file"), "x");
        assertBadInput(run("plot", "--results", dir.toString(), "--out", dir.resolve("file").toString()), "is a file, not a folder");
        assertThat(dir.resolve("plots")).doesNotExist();
    }
}
