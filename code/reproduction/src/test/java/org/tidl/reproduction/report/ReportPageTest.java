package org.tidl.reproduction.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidl.reproduction.Variant;
import org.tidl.reproduction.dl.TrainingLogTest;
import org.tidl.reproduction.provenance.Json;
import org.tidl.reproduction.render.Fig2Render;
import org.tidl.reproduction.render.ReportPage;
import org.tidl.reproduction.verify.Claim;
import org.tidl.reproduction.verify.Verifier;

/** The report of a results folder: what belongs where, the verdicts, escaping, embedding, links, same bytes. */
class ReportPageTest {

    static final String SVG = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"30\" height=\"20\">"
            + "<rect width=\"30\" height=\"20\" fill=\"red\"/></svg>\n";

    @TempDir
    static Path root;
    @TempDir
    static Path elsewhere;
    static List<Claim> claims;
    static ResultsReport report;

    @BeforeAll
    static void folder() throws Exception {
        Path quick = Variant.QUICK.folder(root);
        Files.createDirectories(quick.resolve("my-exp"));
        Files.writeString(root.resolve("fig2.csv"), String.join(",", Fig2Render.TABLE.schema().names())
                + "\nRing,ring,32,0.99,17.0755,17.0754\n");
        png(root.resolve("fig2.png"), 40, 30);
        Files.writeString(root.resolve("fig2.svg"), SVG);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("format", "tidl-provenance/1");
        record.put("kind", "figure");
        record.put("name", "fig2");
        record.put("command", List.of("reproduce", "--figure", "fig2", "--out", "<script>alert(1)</script>"));
        record.put("code", Map.of("commit", "0123456789abcdef0123456789abcdef01234567", "dirty", false));
        record.put("settings", Map.of("variant", "FULL", "seed", 7));
        record.put("started", "2024-01-02T03:04:05Z");
        record.put("finished", "2024-01-02T03:04:06Z");
        record.put("outputs", List.of(Map.of("file", "fig2.csv"), Map.of("file", "fig2.png"), Map.of("file", "fig2-gone.png")));
        Files.writeString(root.resolve("fig2.provenance.json"), Json.write(record));
        png(root.resolve("fig4-fashion.png"), 20, 10); // Fig. 4 on Fashion-MNIST, not CIFAR-10's fig4
        png(root.resolve("fig4.png"), 21, 11);
        Files.writeString(root.resolve("topologies.provenance.json"), "{\"kind\": \"figure\", oops}");
        Files.writeString(root.resolve("verdicts.csv"), "id,status\n1,PASS\n");
        Files.writeString(root.resolve("verdicts.provenance.json"), Json.write(Map.of("kind", "verification")));
        Files.writeString(root.resolve(".fig2.csv123.tmp"), "a temp file of a killed write");
        Files.writeString(root.resolve("notes.txt"), "not a result");
        Path exp = quick.resolve("my-exp");
        Files.writeString(exp.resolve("runs.csv"), TrainingLogTest.RUNS_HEADER
                + "0,my-exp,fashion-mnist,mlp,16,ring,dsgd-atc,0.25,1,16,200,constant,0.95,iid,13,200,false,0.42,0.85,0.45,0.84,0.01,,9.5,a\n"
                + "1,my-exp,fashion-mnist,mlp,16,ring,dsgd-atc,0.5,1,16,200,constant,0.95,iid,13,,,,,,,,<b>boom</b>,3,b\n");
        Files.writeString(exp.resolve("experiment.txt"), "name = my-exp\ndescription = <i>mine</i> & more\n");
        claims = Claim.readAll(Files.writeString(elsewhere.resolve("claims.csv"),
                "id,figure,statement,expected,tolerance,measured_by,known_discrepancy,run\n"
                        + "14b,fig2,\"Fig. 2: ring n_W(0.99) <& \"\"quoted\"\">\",17.08,0.01,value|fig2.csv|n_w|curve=Ring;gamma=0.99,,either\n"
                        + "x1,fig2,too high,18,0.01,value|fig2.csv|n_w|curve=Ring;gamma=0.99,,either\n"
                        + "9a,fig1-left,\"Alone: fewest steps\",232.5,1%,min|fig1-left.csv|theory_steps|curve=Alone,,either\n"));
        report = ResultsReport.collect(root, claims, " --out " + root);
    }

    static void png(Path file, int w, int h) throws Exception {
        BufferedImage im = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        im.setRGB(1, 1, 0xff0000);
        ImageIO.write(im, "png", file.toFile());
    }

    @Test
    void filesBelongToTheFigureWithTheLongestMatchingName() {
        ResultsReport.RunFolder full = report.runs().get(0);
        assertThat(full.variant()).isEqualTo(Variant.FULL);
        // catalogue order; topologies is listed for its (unreadable) record
        assertThat(full.figures()).extracting(ResultsReport.Entry::name).containsExactly("topologies", "fig2", "fig4-fashion", "fig4");
        ResultsReport.Entry fig2 = full.figures().get(1);
        assertThat(fig2.pictures()).containsExactly(new ResultsReport.Picture("fig2", root.resolve("fig2.png"), root.resolve("fig2.svg")));
        assertThat(fig2.tables()).containsExactly(root.resolve("fig2.csv"));
        assertThat(fig2.missing()).containsExactly("fig2-gone.png");
        assertThat(fig2.provenance().commandLine()).isEqualTo("./tidl reproduce --figure fig2 --out '<script>alert(1)</script>'");
        assertThat(full.figures().get(2).pictures()).extracting(ResultsReport.Picture::name).containsExactly("fig4-fashion");
        assertThat(full.figures().get(3).pictures()).extracting(ResultsReport.Picture::name).containsExactly("fig4");
        assertThat(full.others()).extracting(ResultsReport.Entry::name).containsExactly("verdicts");
        assertThat(full.others().get(0).provenance().kind()).isEqualTo("verification");
        assertThat(full.experiments()).isEmpty();
        ResultsReport.RunFolder quick = report.runs().get(1);
        assertThat(quick.experiments()).hasSize(1);
        ResultsReport.Experiment exp = quick.experiments().get(0);
        assertThat(exp.cells().finished()).hasSize(1);
        assertThat(exp.cells().failed()).extracting(f -> f.error()).containsExactly("<b>boom</b>");
        assertThat(exp.files()).extracting(p -> p.getFileName().toString()).containsExactly("experiment.txt", "runs.csv");
        assertThat(report.warnings()).singleElement().asString().contains("topologies.provenance.json", "not valid JSON");
    }

    @Test
    void verdictsAreTheVerifiers() {
        assertThat(report.verdicts()).extracting(v -> v.verdict().status())
                .containsExactly(Verifier.Status.PASS, Verifier.Status.FAIL, Verifier.Status.NOT_RUN);
        assertThat(report.verdicts().get(0).verdict().measured()).isEqualTo(17.0755);
        assertThat(report.measured()).containsExactly(root.resolve("fig2.csv"));
    }

    @Test
    void pageEscapesEverythingEmbedsPicturesAndLinksRelatively() {
        String page = ReportPage.render(report, root);
        // nothing from the files reaches the page unescaped
        assertThat(page).doesNotContain("<script", "<b>boom", "<i>mine")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;boom&lt;/b&gt;", "&lt;i&gt;mine&lt;/i&gt; &amp; more",
                        "Fig. 2: ring n_W(0.99) &lt;&amp; &quot;quoted&quot;&gt;");
        // self-contained: every picture a data: URI, no remote resource of any kind
        Matcher src = Pattern.compile("\\s(src|href)=\"([^\"]*)\"").matcher(page);
        int images = 0;
        while (src.find()) {
            String url = src.group(2);
            assertThat(url).as(src.group()).doesNotContain("://").doesNotStartWith("//");
            if (src.group(1).equals("src")) {
                assertThat(url).startsWith("data:image/");
                images++;
            }
        }
        assertThat(images).isEqualTo(3).isEqualTo(count(page, "<img "));
        assertThat(page).doesNotContain("@import", "url(");
        // the SVG where there is one, the PNG with its size otherwise
        assertThat(page).contains("src=\"data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(SVG.getBytes(StandardCharsets.UTF_8)) + "\"")
                .contains("width=\"20\" height=\"10\" alt=\"fig4-fashion: ").contains("width=\"21\" height=\"11\" alt=\"fig4: ");
        assertThat(page).contains("href=\"fig2.csv\">fig2.csv</a>", "href=\"fig2.png\">PNG</a>", "href=\"fig2.svg\">SVG</a>",
                "href=\"quick/my-exp/runs.csv\">runs.csv</a>", "href=\"verdicts.csv\">verdicts.csv</a>");
        // the verdicts, the record, what is missing, what could not be read
        assertThat(page).contains("<span class=\"status PASS\">PASS</span>", "<span class=\"status FAIL\">FAIL</span>",
                "1 claim(s) NOT-RUN here", ">17.0755<", "17.08 \u00b1 0.01", "Recorded as written but missing: fig2-gone.png",
                "code 0123456789 &middot; seed 7 &middot; full run &middot; finished 2024-01-02T03:04:06Z",
                "1 cell(s) finished (0 diverged), 1 failed.", "not valid JSON");
        assertThat(page).doesNotContain("notes.txt", ".fig2.csv123");
        assertThat(count(page, "<details")).isEqualTo(count(page, "</details>"));
        assertThat(count(page, "<article")).isEqualTo(count(page, "</article>"));
    }

    @Test
    void sameFolderSamePageInAnyLocale() {
        String page = ReportPage.render(ResultsReport.collect(root, claims, " --out " + root), root);
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(ReportPage.render(ResultsReport.collect(root, claims, " --out " + root), root)).isEqualTo(page);
        } finally {
            Locale.setDefault(before);
        }
        // a page elsewhere links back into the folder
        assertThat(ReportPage.render(report, root.resolve("quick"))).contains("href=\"../fig2.csv\"");
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
