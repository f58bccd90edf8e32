package org.tidl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tidl.cli.CliTest.assertBadInput;
import static org.tidl.cli.CliTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code reproduce} and {@code verify} end to end on the fast figures. */
class ReproduceCliTest {

    @BeforeAll
    static void home() {
        // the checkout's results/published (the tests run in code/cli)
        System.setProperty("tidl.home", Path.of("../..").toAbsolutePath().normalize().toString());
    }

    @Test
    void figuresAreWrittenWithTheirCsvAndAreReproducible(@TempDir Path a, @TempDir Path b) throws Exception {
        CliTest.Result r = run("reproduce", "--figure", "fig2", "--figure", "topologies", "--figure", "fig3", "--quick",
                "--out", a.toString());
        assertThat(r.code()).as(r.err()).isZero();
        for (String f : new String[] {"fig2.png", "fig2.csv", "topologies.csv", "fig3.csv", "fig3-kinks.csv",
                "fig3-left.png", "fig3-right.png"}) {
            assertThat(r.out()).contains(a.resolve(f).toString());
            assertThat(a.resolve(f)).isNotEmptyFile();
        }
        byte[] png = Files.readAllBytes(a.resolve("fig2.png"));
        assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
        // no temp files left behind
        try (var files = Files.list(a)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
        // Fig. 3's theorem-as-printed sits below the published curve; the ratio is written down
        Map<String, String> ring = CsvReader.read(a.resolve("fig3-kinks.csv")).get(0);
        assertThat(ring.get("topology")).isEqualTo("Ring");
        assertThat(Double.parseDouble(ring.get("paper_over_ours"))).isBetween(2.5, 4.5);
        assertThat(Double.parseDouble(ring.get("paper_noise_over_ours"))).isBetween(3.9, 4.4);
        assertThat(r.err()).contains("paper/ours");
        // same command, same bytes
        assertThat(run("reproduce", "--figure", "fig2", "--out", b.toString()).code()).isZero();
        assertThat(Files.readAllBytes(b.resolve("fig2.csv"))).isEqualTo(Files.readAllBytes(a.resolve("fig2.csv")));
        assertThat(Files.readAllBytes(b.resolve("fig2.png"))).isEqualTo(png);
    }

    @Test
    void verifyPassesFailsAndSaysWhatIsMissing(@TempDir Path dir) throws Exception {
        assertThat(run("reproduce", "--figure", "fig2", "--figure", "topologies", "--out", dir.toString()).code()).isZero();
        CliTest.Result ok = run("verify", "--results", dir.toString());
        assertThat(ok.code()).as(ok.out()).isZero();
        assertThat(ok.out()).contains("PASS    14b  fig2", "PASS    7c   topologies", "NOT-RUN 9a   fig1-left",
                "NOT-RUN 18   fig4");
        assertThat(ok.out()).doesNotContain("FAIL");
        // a result that disagrees with the paper fails, with exit code 1
        Path fig2 = dir.resolve("fig2.csv");
        List<String> lines = Files.readAllLines(fig2);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("Ring,ring,32,0.99,")) {
                lines.set(i, "Ring,ring,32,0.99,18.5,17.0755");
            }
        }
        Files.write(fig2, lines);
        CliTest.Result bad = run("verify", "--results", dir.toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.out()).contains("FAIL    14b  fig2        Fig. 2: ring n_W(0.99): expected 17.08 ±0.01, measured 18.5");
    }

    @Test
    void verifyListsKnownDiscrepanciesWithTheirFactor(@TempDir Path dir) {
        assertThat(run("reproduce", "--figure", "fig1-left", "--quick", "--out", dir.toString()).code()).isZero();
        CliTest.Result v = run("verify", "--results", dir.toString());
        assertThat(v.code()).as(v.out()).isZero();
        assertThat(v.out()).contains("PASS    9a   fig1-left", "PASS    10a  fig1-left")
                .containsPattern("KNOWN   13 +fig1-left .*measured 34\\.76\\d* \\(paper/ours = 1\\.14\\d\\)");
    }

    @Test
    void badReproduceInput(@TempDir Path dir) {
        assertBadInput(run("reproduce", "--figure", "fig9", "--out", dir.toString()), "unknown figure 'fig9'", "fig1-left");
        assertBadInput(run("reproduce", "--out", dir.toString()), "--figure NAME or --all");
        assertBadInput(run("verify", "--claims", dir.resolve("none.csv").toString()), "--claims");
    }
}
