package org.tidl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tidl.cli.CliTest.assertBadInput;
import static org.tidl.cli.CliTest.run;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidl.api.GossipMatrix;
import org.tidl.core.TopologyRegistry;
import org.tidl.reproduction.render.TopologyDrawing;

/** {@code ./tidl export}: a topology's W(t) as numbers (exact, re-readable) and as a drawing. */
class ExportCliTest {

    static final String THIRD = Double.toString(1.0 / 3);

    @Test
    void printsWAsTheMatrixTopologyReadsIt(@TempDir Path tmp) throws Exception {
        CliTest.Result r = run("export", "--topology", "chain", "--workers", "3");
        assertThat(r.code()).as(r.err()).isZero();
        // the path 0-1-2 with max-degree weights 1/3; the self-weights are what the scheme holds, printed so
        // that they read back as the same doubles
        GossipMatrix w = TopologyRegistry.builtIn().build("chain", 3).scheme().matrix(0);
        List<String[]> rows = r.out().lines().map(l -> l.split(",")).toList();
        assertThat(rows).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(rows.get(i)).hasSize(3);
            for (int j = 0; j < 3; j++) {
                assertThat(Double.parseDouble(rows.get(i)[j])).isEqualTo(w.get(i, j));
            }
        }
        assertThat(r.out()).startsWith("0.6666666666666667," + THIRD + ",0\n" + THIRD + ",")
                .endsWith("\n0," + THIRD + ",0.6666666666666667\n");

        // round trip: the exported W, read back by the matrix topology, has the same facts and spectral gap
        Path file = tmp.resolve("w.csv");
        assertThat(run("export", "--topology", "torus:rows=3,cols=4", "--workers", "12", "--out", file.toString()).code()).isZero();
        String original = run("describe", "--topology", "torus:rows=3,cols=4", "--workers", "12").out();
        String reread = run("describe", "--topology", "matrix:file=" + file, "--workers", "12").out();
        assertThat(reread.lines().skip(1).map(l -> l.substring(l.indexOf(",12,"))).toList())
                .isEqualTo(original.lines().skip(1).map(l -> l.substring(l.indexOf(",12,"))).toList());
    }

    @Test
    void aStepOrTheWholePeriodOfATimeVaryingScheme() {
        // one peer per step: at t = 1 worker i averages with i + 2 (mod 8), weights 1/2
        CliTest.Result t1 = run("export", "--topology", "time-varying-exponential", "--workers", "8", "--step", "1");
        List<String> rows = t1.out().lines().toList();
        assertThat(rows).hasSize(8);
        assertThat(rows.get(0)).isEqualTo("0.5,0,0.5,0,0,0,0,0");
        assertThat(rows.get(7)).isEqualTo("0,0.5,0,0,0,0,0,0.5");
        // periodic: t = 4 is t = 1 again (period log2 8 = 3)
        assertThat(run("export", "--topology", "time-varying-exponential", "--workers", "8", "--step", "4").out())
                .isEqualTo(t1.out());

        CliTest.Result period = run("export", "--topology", "time-varying-exponential", "--workers", "4", "--period");
        assertThat(period.out()).isEqualTo("step,row,column,weight\n"
                + "0,0,0,0.5\n0,0,1,0.5\n0,1,1,0.5\n0,1,2,0.5\n0,2,2,0.5\n0,2,3,0.5\n0,3,0,0.5\n0,3,3,0.5\n"
                + "1,0,0,0.5\n1,0,2,0.5\n1,1,1,0.5\n1,1,3,0.5\n1,2,0,0.5\n1,2,2,0.5\n1,3,1,0.5\n1,3,3,0.5\n");
        // a large n is fine as entries: a ring of 5000 has 3 per row
        CliTest.Result big = run("export", "--topology", "ring", "--workers", "5000", "--period");
        assertThat(big.code()).isZero();
        assertThat(big.out().lines().count()).isEqualTo(1 + 3 * 5000);
    }

    @Test
    void refusesWhatItCannotShowWithTheNumbers() {
        assertBadInput(run("export", "--topology", "ring", "--workers", "1001"),
                "--workers 1001: W as a matrix has 1002001 entries, more than the 1000000 printed (n <= 1000);"
                        + " --period lists the non-zero entries only");
        assertBadInput(run("export", "--topology", "time-varying-erdos-renyi:p=0.5", "--workers", "8", "--period"),
                "has no period (a new W every step): give --step T instead of --period");
        assertBadInput(run("export", "--topology", "ring", "--workers", "8", "--step", "1", "--period"),
                "--step and --period exclude each other");
        assertBadInput(run("export", "--topology", "ring", "--workers", "8", "--step", "-1"), "--step");
        assertBadInput(run("export", "--topology", "ring", "--workers", "8", "--draw", "ring.svg"),
                "--draw must name a .png file, got 'ring.svg'");
        assertBadInput(run("export", "--topology", "ring", "--workers", "501", "--draw", "ring.png"),
                "--draw: at most 500 workers can be drawn legibly, got --workers 501");
    }

    @Test
    void drawsTheGraphOnACircleColouredByWeight(@TempDir Path tmp) throws Exception {
        Path png = tmp.resolve("star.png");
        CliTest.Result r = run("export", "--topology", "star", "--workers", "16", "--draw", png.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(png + "\n"); // the numbers were not asked for
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(TopologyDrawing.WIDTH);
        assertThat(image.getHeight()).isEqualTo(TopologyDrawing.HEIGHT);
        // the hub (w_00 = 1/16, the lightest weight: the dark end of the scale) at the centre, the leaves
        // (w_ii = 15/16, the heaviest: the light end) on the circle, worker 1 at the top
        assertThat(new Color(image.getRGB(450, 470))).isEqualTo(TopologyDrawing.colour(0, 0, 1));
        assertThat(new Color(image.getRGB(450, 130))).isEqualTo(TopologyDrawing.colour(1, 0, 1));
        // an edge: half-way between the hub and worker 1, the hub's colour (edge weight 1/16 too)
        assertThat(new Color(image.getRGB(450, 300))).isEqualTo(TopologyDrawing.colour(0, 0, 1));
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("star.png"); // no temp file left
        }

        // with --out, the numbers are written too
        Path csv = tmp.resolve("w.csv");
        CliTest.Result both = run("export", "--topology", "ring", "--workers", "8", "--draw", tmp.resolve("ring.png").toString(),
                "--out", csv.toString());
        assertThat(both.out()).isEqualTo(tmp.resolve("ring.png") + "\n" + csv + "\n");
        assertThat(Files.readString(csv).lines().count()).isEqualTo(8);
    }
}
