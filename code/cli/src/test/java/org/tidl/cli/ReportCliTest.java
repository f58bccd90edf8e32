package org.tidl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tidl.cli.CliTest.assertBadInput;
import static org.tidl.cli.CliTest.run;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * {@code report} end to end on a small results folder (Fig. 2 and the topology table of a quick run, the committed
 * quick grid experiment drawn by {@code plot}), and the page in a real browser: headless Chromium (Debian's
 * {@code chromium}) takes a screenshot and, on a copy of the page with a probe script (the report itself has no
 * script), reports for every image whether it decoded and is laid out with a size, and every error event.
 */
class ReportCliTest {

    @TempDir
    static Path results;
    static Path page;
    static CliTest.Result made;

    @BeforeAll
    static void makeResults() throws Exception {
        System.setProperty("tidl.home", Path.of("../..").toAbsolutePath().normalize().toString());
        CliTest.Result r = run("reproduce", "--figure", "fig2", "--figure", "topologies", "--quick", "--out", results.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Path quick = results.resolve("quick");
        // a picture as SVG only (embedded as such), beside fig2's chart (as SVG too where the figures write one)
        Files.writeString(quick.resolve("topologies-sketch.svg"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"450\" height=\"120\"><rect width=\"450\" height=\"120\" "
                + "fill=\"#eef\"/><text x=\"20\" y=\"60\" font-size=\"20\">an SVG picture &amp; &lt;escaped&gt;</text></svg>\n");
        Path grid = quick.resolve("fashion-grid-bs16-iid-quick");
        PlotCliTest.copyCommittedGrid(grid);
        CliTest.Result p = run("plot", "--results", grid.toString());
        assertThat(p.code()).as(p.err()).isZero();
        made = run("report", "--results", results.toString());
        page = results.resolve("index.html");
    }

    @Test
    void thePageHoldsTheVerdictsTheFiguresTheirProvenanceAndTheExperiment() throws Exception {
        assertThat(made.code()).as(made.err()).isZero();
        assertThat(made.out()).isEqualTo(page + "\n" + results.resolve("index.provenance.json") + "\n");
        assertThat(made.err()).contains("report of 2 figure(s), 1 experiment(s) and ");
        String html = Files.readString(page);
        assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<script", "data:image/png;base64,") // every picture has its SVG now
                .contains("data:image/svg+xml;base64,", "href=\"quick/topologies-sketch.svg\">SVG</a>", "<span class=\"status PASS\">PASS</span>", "./tidl reproduce --figure fig2 --figure topologies --quick",
                "href=\"quick/fig2.csv\"", "href=\"quick/topologies.csv\"", "href=\"quick/fashion-grid-bs16-iid-quick/runs.csv\"",
                "href=\"quick/fashion-grid-bs16-iid-quick/plots/fashion-grid-bs16-iid-quick-lr.csv\"",
                "quick run &middot; finished ");
        List<java.util.Map<String, String>> runs = org.tidl.core.io.CsvReader.read(results.resolve("quick/" + PlotCliTest.GRID + "/runs.csv"));
        assertThat(html).contains(runs.size() + " cell(s) finished (" + runs.stream().filter(x -> x.get("diverged").equals("true")).count()
                + " diverged), 0 failed.");
        // the claims Fig. 2 answers on a quick run pass, with the value verify measures
        assertThat(html).contains("<td>14b</td><td><a href=\"#quick-fig-fig2\">fig2</a></td><td>Fig. 2: ring n_W(0.99)</td>"
                + "<td class=\"num\">17.08 \u00b1 0.01</td><td class=\"num\">17.0755</td>");
        CliTest.Result verify = run("verify", "--results", results.toString());
        for (String line : verify.out().lines().toList()) {
            String status = line.substring(0, 8).strip();
            String id = line.substring(8, 13).strip();
            assertThat(html).as(line).contains("<tr><td><span class=\"status " + status + "\">" + status + "</span></td><td>" + id + "</td>");
        }
        // the page's own record names what it embeds
        JsonNode record = new ObjectMapper().readTree(results.resolve("index.provenance.json").toFile());
        assertThat(record.get("kind").asText()).isEqualTo("report");
        List<String> inputs = new ArrayList<>();
        record.get("inputs").forEach(n -> inputs.add(n.get("file").asText()));
        assertThat(inputs).contains("quick/topologies-sketch.svg", "quick/fig2.provenance.json", "quick/fig2.csv",
                "quick/fashion-grid-bs16-iid-quick/plots/fashion-grid-bs16-iid-quick-lr.svg");
        // same folder, same bytes
        byte[] before = Files.readAllBytes(page);
        assertThat(run("report", "--results", results.toString()).code()).isZero();
        assertThat(Files.readAllBytes(page)).isEqualTo(before);
    }

    @Test
    void badInputIsOneLineAndWritesNothing(@TempDir Path dir) throws Exception {
        assertBadInput(run("report", "--results", dir.resolve("nope").toString()), "--results: folder", "not found");
        assertBadInput(run("report", "--results", dir.toString()), "--results: no results in " + dir, "./tidl reproduce --all --out");
        assertBadInput(run("report", "--results", results.toString(), "--out", dir.toString()), "--out: " + dir + " is a folder");
        Files.writeString(dir.resolve("a-file"), "x");
        assertBadInput(run("report", "--results", results.toString(), "--out", dir.resolve("a-file/index.html").toString()),
                "--out: " + dir.resolve("a-file") + " is a file, not a folder");
        Files.delete(dir.resolve("a-file"));
        assertBadInput(run("report", "--results", results.toString(), "--claims", dir.resolve("c.csv").toString(),
                "--out", dir.resolve("x.html").toString()), "c.csv not found");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    /** Every picture decodes and is laid out, nothing fails to load, and a screenshot shows the page. */
    @Test
    void thePageLoadsInAHeadlessBrowserWithEveryImageShown(@TempDir Path tmp) throws Exception {
        Optional<Path> chromium = chromium();
        Assumptions.assumeTrue(chromium.isPresent(), "no Chromium installed (Debian: apt-get install chromium): "
                + "the report's browser test is skipped");
        assertThat(made.code()).as(made.err()).isZero();
        String html = Files.readString(page);
        int images = count(html, "<img ");
        assertThat(images).isEqualTo(1 + 1 + 19); // the SVG sketch, fig2 (one picture, PNG or SVG) and the grid's 19 plots
        // 1. the page itself: a screenshot, and no console message or network error while it loads
        Path shot = tmp.resolve("shot.png");
        Browser s = browse(chromium.get(), tmp.resolve("profile-1"), "--screenshot=" + shot, "--window-size=1200,3000",
                "--enable-logging=stderr", "--v=0", page.toUri().toString());
        assertThat(s.exit()).as(s.err()).isZero();
        assertThat(s.err()).doesNotContain("CONSOLE", "net::ERR_", "Not allowed to load");
        BufferedImage im = ImageIO.read(shot.toFile());
        assertThat(im.getWidth()).isEqualTo(1200);
        assertThat(im.getHeight()).isEqualTo(3000);
        assertThat(colours(im)).as("a page with charts, not a blank one").isGreaterThan(50);
        String keep = System.getProperty("tidl.screenshot"); // -Dtidl.screenshot=FILE keeps it to look at
        if (keep != null) {
            Files.copy(shot, Path.of(keep), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        // 2. a copy with a probe script (in the test only): after load, each image's decoded and laid-out size
        Path probe = page.resolveSibling("probe.html");
        int head = html.indexOf("<head>") + "<head>".length();
        Files.writeString(probe, html.substring(0, head) + "\n<script>\n" + PROBE + "</script>" + html.substring(head));
        Browser d = browse(chromium.get(), tmp.resolve("profile-2"), "--dump-dom", "--virtual-time-budget=15000",
                "--run-all-compositor-stages-before-draw", "--window-size=1200,3000", probe.toUri().toString());
        Files.delete(probe);
        assertThat(d.exit()).as(d.err()).isZero();
        Matcher m = Pattern.compile("<pre id=\"tidl-probe\">(.*?)</pre>", Pattern.DOTALL).matcher(d.out());
        assertThat(m.find()).as("the probe ran: " + d.out().substring(0, Math.min(300, d.out().length()))).isTrue();
        List<String> lines = m.group(1).lines().toList();
        assertThat(lines.get(0)).isEqualTo("images " + images);
        for (String line : lines.subList(1, 1 + images)) {
            assertThat(line).startsWith("ok ");
        }
        assertThat(lines.get(1 + images)).isEqualTo("errors 0");
        // the SVG at its own size, the plot's overview at the charts' 900 × 640 (and its border), the others two to a row
        assertThat(lines).anyMatch(l -> l.matches("ok 450x120 shown 45[0-2]x12[0-2] topologies-sketch"))
                .anyMatch(l -> l.matches("ok \\d+x\\d+ shown \\d+x\\d+ fig2"))
                .anyMatch(l -> l.matches("ok 900x640 shown 90[0-2]x64[0-2] fashion-grid-bs16-iid-quick-lr"))
                .anyMatch(l -> l.matches("ok 900x640 shown [45]\\d\\dx\\d+ fashion-grid-bs16-iid-quick-loss-ring"));
    }

    /** Reports each image (decoded, natural size, laid-out size with every details opened) and every error event. */
    static final String PROBE = """
            (function () {
              var errors = [];
              window.addEventListener('error', function (e) {
                var t = e.target;
                errors.push(t && t.tagName ? 'could not load ' + t.tagName + ' ' + (t.alt || t.src || '') : 'script: ' + e.message);
              }, true);
              window.addEventListener('load', function () {
                var details = document.querySelectorAll('details');
                for (var i = 0; i < details.length; i++) { details[i].open = true; }
                var imgs = document.images, lines = ['images ' + imgs.length];
                for (var j = 0; j < imgs.length; j++) {
                  var im = imgs[j], r = im.getBoundingClientRect();
                  var ok = im.complete && im.naturalWidth > 0 && im.naturalHeight > 0 && r.width > 0 && r.height > 0;
                  lines.push((ok ? 'ok ' : 'BROKEN ') + im.naturalWidth + 'x' + im.naturalHeight + ' shown ' + Math.round(r.width)
                      + 'x' + Math.round(r.height) + ' ' + im.alt.split(':')[0]);
                }
                lines.push('errors ' + errors.length);
                errors.forEach(function (e) { lines.push(e); });
                var pre = document.createElement('pre');
                pre.id = 'tidl-probe';
                pre.textContent = lines.join('\\n');
                document.body.appendChild(pre);
              });
            })();
            """;

    record Browser(int exit, String out, String err) { }

    /** Runs headless Chromium on its own profile, nothing from the network, at most two minutes. */
    static Browser browse(Path chromium, Path profile, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(profile.getParent(), "out", ".txt");
        Path err = Files.createTempFile(profile.getParent(), "err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 120 s: " + cmd);
        }
        return new Browser(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Debian's chromium (or chromium-browser) on the PATH. */
    static Optional<Path> chromium() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            for (String name : new String[] {"chromium", "chromium-browser"}) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    private static int colours(BufferedImage im) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < im.getHeight(); y += 3) {
            for (int x = 0; x < im.getWidth(); x += 3) {
                seen.add(im.getRGB(x, y));
            }
        }
        return seen.size();
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
