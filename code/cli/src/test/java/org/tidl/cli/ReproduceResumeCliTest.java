package org.tidl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tidl.cli.CliTest.assertBadInput;
import static org.tidl.cli.CliTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.tidl.reproduction.Reproduction;
import org.tidl.reproduction.Reproductions;

/**
 * {@code reproduce} of a deep-learning figure over a results folder that already holds training results: it
 * says what it resumed and how to retrain ({@code --fresh}), and {@code --deep-learning} makes what its help says.
 * The checkout here is a temporary one whose quick grid experiment is tiny (3 cells of 4 steps), so the test
 * trains in seconds and does not depend on the committed results.
 */
class ReproduceResumeCliTest {

    private static final String GRID = "fashion-grid-bs16-iid-quick";
    private static final String SCALING = "fashion-grid-bs16-iid-scaling-quick";

    private String savedHome;

    @BeforeEach
    void tinyCheckout(@TempDir Path home) throws Exception {
        savedHome = System.getProperty("tidl.home");
        Path experiments = Files.createDirectories(home.resolve("deep-learning-experiments/experiments"));
        Files.writeString(experiments.resolve(GRID + ".exp"), String.join("\n", "name = " + GRID, "dataset = fashion-mnist",
                "model = mlp", "hidden = 8", "workers = 4", "steps = 4", "topologies = ring; star; fully-connected",
                "learning-rates = 0.1", "evaluations = 1", "eval-train-examples = 500", "eval-test-examples = 500", ""));
        Files.writeString(experiments.resolve(SCALING + ".exp"), String.join("\n", "name = " + SCALING, "dataset = fashion-mnist",
                "model = mlp", "hidden = 8", "workers = 2,4", "steps = 4", "topologies = fully-connected",
                "learning-rates = 0.1", "evaluations = 1", "eval-train-examples = 500", "eval-test-examples = 500", ""));
        Files.createDirectories(home.resolve("results/published"));
        System.setProperty("tidl.home", home.toString());
    }

    @AfterEach
    void restoreHome() {
        if (savedHome == null) {
            System.clearProperty("tidl.home");
        } else {
            System.setProperty("tidl.home", savedHome);
        }
    }

    @Test
    void aResumedExperimentIsAnnouncedWithItsCountsAndFreshRetrainsIt(@TempDir Path results) throws Exception {
        Path grid = results.resolve("quick").resolve(GRID);
        String[] both = {"reproduce", "--figure", "fig4-fashion", "--figure", "fig6-fashion", "--quick", "--out", results.toString()};
        CliTest.Result first = run(both);
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.err()).as("nothing to resume in an empty folder, nor in what this run trained").doesNotContain("resumed");
        assertThat(trainedNow(results, "fig4-fashion")).containsExactly(3);
        assertThat(trainedNow(results, "fig6-fashion")).containsExactly(0, 2);

        // a fresh clone: every cell already there, only the figures are redrawn, and the user is told so, once
        // per experiment (fig6-fashion reads fig4-fashion's grid again)
        CliTest.Result redraw = run(both);
        assertThat(redraw.code()).as(redraw.err()).isZero();
        assertThat(redraw.err()).contains("tidl: reproduce: " + GRID + ": resumed 3 of 3 cells from " + grid
                + "; use --fresh to retrain\n", "tidl: reproduce: " + SCALING + ": resumed 2 of 2 cells from "
                + results.resolve("quick").resolve(SCALING) + "; use --fresh to retrain\n");
        assertThat(redraw.err().split("resumed", -1)).hasSize(3);
        assertThat(trainedNow(results, "fig4-fashion")).containsExactly(0);
        assertThat(trainedNow(results, "fig6-fashion")).containsExactly(0, 0);

        // an interrupted run: the cells left are trained, the others resumed
        Path runs = grid.resolve("runs.csv");
        List<String> lines = Files.readAllLines(runs);
        Files.write(runs, lines.subList(0, lines.size() - 1));
        CliTest.Result partial = run("reproduce", "--figure", "fig4-fashion", "--quick", "--out", results.toString());
        assertThat(partial.code()).as(partial.err()).isZero();
        assertThat(partial.err()).contains("resumed 2 of 3 cells from " + grid + ", training the other 1; use --fresh to retrain all");
        assertThat(trainedNow(results, "fig4-fashion")).containsExactly(1);

        // --fresh: everything trained again, nothing announced as resumed, and the grid the two figures share is
        // discarded and trained once, not once per figure
        String[] fresh = java.util.stream.Stream.concat(java.util.Arrays.stream(both), java.util.stream.Stream.of("--fresh"))
                .toArray(String[]::new);
        CliTest.Result again = run(fresh);
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.err()).doesNotContain("resumed");
        assertThat(trainedNow(results, "fig4-fashion")).containsExactly(3);
        assertThat(trainedNow(results, "fig6-fashion")).containsExactly(0, 2);
        assertThat(Files.readAllLines(runs)).hasSize(lines.size());
    }

    @Test
    void freshNeedsADeepLearningFigure(@TempDir Path results) {
        assertBadInput(run("reproduce", "--figure", "fig2", "--fresh", "--out", results.toString()), "--fresh", "--deep-learning");
        assertThat(results).isEmptyDirectory();
    }

    /** The help says --deep-learning makes the Fashion-MNIST figures and --all the others; so does the command. */
    @Test
    void deepLearningMakesTheFashionFiguresAndAllAddsTheOthers() {
        List<String> fashion = names(ReproduceCommand.figures(false, true, null));
        assertThat(fashion).containsExactly("fig4-fashion", "fig5-fashion", "fig6-fashion", "study-optimizers-fashion");
        List<String> all = names(ReproduceCommand.figures(true, false, null));
        assertThat(all).contains("fig1-left", "fig2", "rates").doesNotContainAnyElementsOf(fashion).doesNotContain("fig4");
        assertThat(names(ReproduceCommand.figures(true, true, new String[] {"fig2"})))
                .containsExactlyElementsOf(java.util.stream.Stream.concat(all.stream(), fashion.stream()).toList());
        CliTest.Result help = run("help", "reproduce");
        String text = (help.out() + help.err()).replaceAll("\\s+", " ");
        assertThat(text).contains("--deep-learning the Fashion-MNIST deep-learning figures (" + String.join(", ", fashion) + ")")
                .contains("add --all for the others too").contains("--fresh");
        assertThat(Reproductions.ALL.stream().filter(Reproduction::deepLearning).map(Reproduction::name))
                .as("CIFAR-10 figures only by name").contains("fig4", "fig5", "fig6");
    }

    /** The resume line while a bar is drawn: the bar is wiped, the line printed whole, the bar drawn again below. */
    @Test
    void aNoteClearsTheBarAndRedrawsIt() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream err = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
        java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong(0);
        Progress p = new Progress(err, "grid", 10, Progress.Mode.BAR, clock::get);
        clock.set(300_000_000L);
        p.advance(5);
        String bar = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        p.note("resumed 5 of 10 cells");
        String after = bytes.toString(java.nio.charset.StandardCharsets.UTF_8).substring(bar.length());
        assertThat(after).isEqualTo("\r" + " ".repeat(bar.length() - 1) + "\rresumed 5 of 10 cells\n" + bar);

        bytes.reset();
        new Progress(err, "grid", 10, Progress.Mode.LINES, clock::get).note("resumed 5 of 10 cells");
        assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("resumed 5 of 10 cells\n");
    }

    private static List<String> names(List<Reproduction<?, ?>> figures) {
        return figures.stream().map(Reproduction::name).toList();
    }

    /** cells_trained_now of each experiment in a figure's provenance record. */
    private static List<Integer> trainedNow(Path results, String figure) throws Exception {
        JsonNode p = new ObjectMapper().readTree(results.resolve("quick/" + figure + ".provenance.json").toFile());
        List<Integer> out = new java.util.ArrayList<>();
        p.get("experiments").forEach(e -> out.add(e.get("cells_trained_now").asInt()));
        return out;
    }
}
