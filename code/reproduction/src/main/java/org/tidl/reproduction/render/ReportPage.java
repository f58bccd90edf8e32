package org.tidl.reproduction.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tidl.core.Messages;
import org.tidl.core.io.Csv;
import org.tidl.reproduction.Variant;
import org.tidl.reproduction.dl.TrainingLog;
import org.tidl.reproduction.provenance.ProvenanceRecord;
import org.tidl.reproduction.report.ResultsReport;
import org.tidl.reproduction.verify.Claim;
import org.tidl.reproduction.verify.Verifier;

/**
 * A results folder as one HTML page ({@code ./tidl report}): the verdict on every published claim, each figure
 * with its pictures, tables and provenance, the deep-learning experiments and their plots. The page stands
 * alone and works offline: pictures are embedded as {@code data:} URIs (the SVG where there is one, else the
 * PNG; an SVG goes in as an image, not as inline markup, so the ids inside two SVGs cannot collide and nothing
 * in one can run), the style sheet is inline, and collapsing uses {@code <details>} (no JavaScript). Links to
 * the CSV tables and picture files are relative to the page's folder. The bytes depend only on the files read:
 * no clock, no machine (times and machines appear as the provenance records hold them).
 */
public final class ReportPage {

    private static final String CSS = """
            :root { color-scheme: light; }
            body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1b1b1b;
                   margin: 0 auto; max-width: 1100px; padding: 0 20px 40px; background: #fff; }
            h1 { font-size: 1.6em; margin: 1em 0 .3em; }
            h2 { font-size: 1.3em; margin: 1.6em 0 .5em; padding-bottom: .2em; border-bottom: 2px solid #d0d7de; }
            h3 { font-size: 1.1em; margin: 1.4em 0 .3em; }
            h4 { font-size: 1em; margin: 1em 0 .3em; }
            code, pre { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .9em; }
            pre { background: #f6f8fa; border: 1px solid #d0d7de; padding: 8px; overflow-x: auto; white-space: pre-wrap;
                  word-break: break-all; }
            a { color: #0b5cad; }
            .lead, .desc { color: #444; }
            nav ul { padding-left: 1.2em; }
            nav li { margin: .2em 0; }
            article { border-top: 1px solid #eaeef2; padding-top: .2em; }
            figure { margin: .6em 0 1em; }
            figure img { display: block; max-width: 100%; height: auto; border: 1px solid #eaeef2; }
            figcaption { font-size: .85em; color: #555; margin-top: .2em; }
            .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 8px; }
            table { border-collapse: collapse; width: 100%; font-size: .88em; }
            th, td { border: 1px solid #d0d7de; padding: 4px 6px; vertical-align: top; text-align: left; }
            th { background: #f6f8fa; }
            td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
            .status { display: inline-block; min-width: 6.5em; text-align: center; font-weight: 600; border-radius: 3px;
                      padding: 0 4px; }
            .PASS { background: #dafbe1; color: #116329; }
            .KNOWN { background: #fff1c2; color: #7d4e00; }
            .FAIL { background: #ffdce0; color: #a40e26; }
            .UNRESOLVED { background: #f0d9ff; color: #6e2597; }
            .NOT-RUN { background: #eaeef2; color: #57606a; }
            .counts span { margin-right: .8em; }
            details { margin: .4em 0; }
            summary { cursor: pointer; color: #333; }
            dl.prov { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: .5em 0; }
            dl.prov dt { font-weight: 600; color: #444; }
            dl.prov dd { margin: 0; overflow-wrap: anywhere; }
            .warn { background: #fff8e5; border-left: 4px solid #d4a72c; padding: 4px 10px; }
            .hint { color: #555; font-size: .9em; }
            footer { margin-top: 3em; color: #666; font-size: .85em; }
            """;

    /** Pictures of one output shown in full; beyond this many, all but the first are collapsed. */
    static final int SHOWN = 3;

    private final ResultsReport report;
    private final Path pageFolder;
    private final StringBuilder h = new StringBuilder(1 << 16);

    private ReportPage(ResultsReport report, Path pageFolder) {
        this.report = report;
        this.pageFolder = pageFolder;
    }

    /**
     * The page for {@code report}, its links relative to {@code pageFolder} (the folder the page is written to).
     *
     * @throws UncheckedIOException when a picture cannot be read
     */
    public static String render(ResultsReport report, Path pageFolder) {
        ReportPage p = new ReportPage(report, pageFolder);
        p.page();
        return p.h.toString();
    }

    private void page() {
        String root = report.root().toString();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>tidl results: ").append(esc(root)).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<header>\n<h1>Results in <code>").append(esc(root)).append("</code></h1>\n")
                .append("<p class=\"lead\">Written by <code>./tidl report</code> from this folder: the paper's published claims as ")
                .append("<code>./tidl verify</code> judges them, every figure of <code>./tidl reproduce</code> found here with ")
                .append("its tables and how it was made (from its provenance record), and the deep-learning experiments. ")
                .append("Pictures are embedded; links to tables and files are relative to this page.</p>\n</header>\n");
        contents();
        if (!report.warnings().isEmpty()) {
            h.append("<section id=\"warnings\">\n<h2>Could not be read</h2>\n<ul class=\"warn\">\n");
            for (String w : report.warnings()) {
                h.append("<li>").append(esc(w)).append("</li>\n");
            }
            h.append("</ul>\n</section>\n");
        }
        verdicts();
        for (ResultsReport.RunFolder run : report.runs()) {
            runFolder(run);
        }
        h.append("<footer>\n<p>Made by <code>./tidl report</code>. Times, machines and code versions are those the ")
                .append("provenance records (<code>NAME.provenance.json</code>) hold; the page itself records none, so the ")
                .append("same results give the same page.</p>\n</footer>\n</body>\n</html>\n");
    }

    private void contents() {
        h.append("<nav>\n<h2>Contents</h2>\n<ul>\n");
        h.append("<li><a href=\"#claims\">Claims of the paper</a>: ").append(counts()).append("</li>\n");
        for (ResultsReport.RunFolder run : report.runs()) {
            if (run.isEmpty()) {
                continue;
            }
            h.append("<li>").append(runTitle(run.variant())).append(":");
            String sep = " ";
            for (ResultsReport.Entry e : run.figures()) {
                h.append(sep).append("<a href=\"#").append(id(run.variant(), "fig", e.name())).append("\">").append(esc(e.name()))
                        .append("</a>");
                sep = ", ";
            }
            if (!run.experiments().isEmpty()) {
                h.append(sep).append("<a href=\"#").append(id(run.variant(), "section", "experiments"))
                        .append("\">deep-learning experiments (").append(run.experiments().size()).append(")</a>");
                sep = ", ";
            }
            if (!run.others().isEmpty()) {
                h.append(sep).append("<a href=\"#").append(id(run.variant(), "section", "others")).append("\">other files</a>");
            }
            h.append("</li>\n");
        }
        h.append("</ul>\n</nav>\n");
    }

    private String counts() {
        Map<Verifier.Status, Integer> n = new EnumMap<>(Verifier.Status.class);
        for (Verifier.Status s : Verifier.Status.values()) {
            n.put(s, 0);
        }
        report.verdicts().forEach(v -> n.merge(v.verdict().status(), 1, Integer::sum));
        StringBuilder sb = new StringBuilder("<span class=\"counts\">");
        for (Verifier.Status s : Verifier.Status.values()) {
            sb.append("<span>").append(n.get(s)).append(' ').append(s.label()).append("</span>");
        }
        return sb.append("</span>").toString();
    }

    private void verdicts() {
        h.append("<section id=\"claims\">\n<h2>Claims of the paper</h2>\n<p>").append(counts()).append("</p>\n")
                .append("<p class=\"hint\">Each published claim recomputed from this folder, as <code>./tidl verify --results ")
                .append(esc(report.root().toString())).append("</code> judges it: PASS within the tolerance; KNOWN a documented ")
                .append("disagreement with the paper (the factor is given); FAIL outside the tolerance; UNRESOLVED the figure ")
                .append("ran but its table cannot answer; NOT-RUN the figure was not made here (the detail names the command).</p>\n");
        if (report.verdicts().isEmpty()) {
            h.append("<p>No claims.</p>\n</section>\n");
            return;
        }
        List<ResultsReport.ClaimVerdict> checked = new ArrayList<>();
        List<ResultsReport.ClaimVerdict> notRun = new ArrayList<>();
        for (ResultsReport.ClaimVerdict cv : report.verdicts()) {
            (cv.verdict().status() == Verifier.Status.NOT_RUN ? notRun : checked).add(cv);
        }
        if (checked.isEmpty()) {
            h.append("<p>No claim could be checked on this folder.</p>\n");
        } else {
            verdictTable(checked);
        }
        if (!notRun.isEmpty()) {
            // usually most of the list (a folder holds some of the figures): collapsed, the checked ones stay in view
            h.append("<details>\n<summary>").append(notRun.size())
                    .append(" claim(s) NOT-RUN here: their figures were not made in this folder</summary>\n");
            verdictTable(notRun);
            h.append("</details>\n");
        }
        h.append("</section>\n");
    }

    private void verdictTable(List<ResultsReport.ClaimVerdict> rows) {
        h.append("<table class=\"verdicts\">\n<thead><tr><th>Status</th><th>Claim</th><th>Figure</th><th>Statement</th>")
                .append("<th>Expected</th><th>Measured</th><th>Detail</th></tr></thead>\n<tbody>\n");
        for (ResultsReport.ClaimVerdict cv : rows) {
            Claim c = cv.claim();
            Verifier.Verdict v = cv.verdict();
            String label = v.status().label();
            h.append("<tr><td><span class=\"status ").append(label).append("\">").append(label).append("</span></td>")
                    .append("<td>").append(esc(c.id())).append("</td><td>");
            String figure = c.figure().name();
            java.util.Optional<ResultsReport.RunFolder> at = report.firstRunWith(figure);
            if (at.isPresent()) {
                h.append("<a href=\"#").append(id(at.get().variant(), "fig", figure)).append("\">").append(esc(figure)).append("</a>");
            } else {
                h.append(esc(figure));
            }
            h.append("</td><td>").append(esc(c.statement())).append("</td><td class=\"num\">").append(esc(expected(c)))
                    .append("</td><td class=\"num\">").append(Double.isNaN(v.measured()) ? "&mdash;" : esc(number(v.measured())))
                    .append("</td><td>").append(esc(detail(c, v))).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    /** What the claim expects: "17.08 ± 0.01", "&gt; 0", or a dash for a protocol claim. */
    private static String expected(Claim c) {
        if (c.expectation() instanceof Claim.Near n) {
            return n.expectedText() + " \u00b1 " + n.toleranceText();
        }
        if (c.expectation() instanceof Claim.Bound b) {
            return b.text();
        }
        return "\u2014";
    }

    /** The verdict's line without the statement it starts with (the statement has its own column). */
    private static String detail(Claim c, Verifier.Verdict v) {
        String d = v.detail();
        String prefix = c.statement() + ": ";
        return d.startsWith(prefix) ? d.substring(prefix.length()) : d;
    }

    /** Six significant digits, as verify prints measured values. */
    private static String number(double x) {
        return Csv.number(Verifier.round(x));
    }

    private static String runTitle(Variant v) {
        return v == Variant.FULL ? "Full run" : "Quick run";
    }

    private void runFolder(ResultsReport.RunFolder run) {
        Variant v = run.variant();
        h.append("<section id=\"").append(id(v, "section", "run")).append("\">\n<h2>").append(runTitle(v)).append(": <code>")
                .append(esc(run.folder().toString())).append("</code></h2>\n");
        if (run.isEmpty()) {
            h.append("<p>No results in this folder.</p>\n");
        } else if (run.figures().isEmpty()) {
            h.append("<p>No figure of <code>./tidl reproduce</code> in this folder.</p>\n");
        }
        for (ResultsReport.Entry e : run.figures()) {
            entry(e, id(v, "fig", e.name()), "h3");
        }
        if (!run.experiments().isEmpty()) {
            h.append("<h3 id=\"").append(id(v, "section", "experiments")).append("\">Deep-learning experiments (")
                    .append(runTitle(v).toLowerCase(Locale.ROOT)).append(")</h3>\n");
            for (ResultsReport.Experiment x : run.experiments()) {
                experiment(v, x);
            }
        }
        if (!run.others().isEmpty()) {
            h.append("<h3 id=\"").append(id(v, "section", "others")).append("\">Other result files</h3>\n");
            for (ResultsReport.Entry e : run.others()) {
                entry(e, id(v, "other", e.name()), "h4");
            }
        }
        h.append("</section>\n");
    }

    /** One figure (or other output): heading, description, pictures, tables, missing files, provenance. */
    private void entry(ResultsReport.Entry e, String id, String heading) {
        entry(e, id, heading, e.name());
    }

    /**
     * One output under {@code title}. Of more than {@link #SHOWN} pictures (a plot's chart per setup), the first is
     * shown and the rest are collapsed, two to a row, so that a long experiment does not bury what follows.
     */
    private void entry(ResultsReport.Entry e, String id, String heading, String title) {
        h.append("<article id=\"").append(id).append("\">\n<").append(heading).append('>').append(esc(title)).append("</")
                .append(heading).append(">\n");
        if (e.figure() != null) {
            h.append("<p class=\"desc\">").append(esc(e.figure().description())).append("</p>\n");
        }
        String about = e.figure() == null ? e.name() : e.figure().description();
        List<ResultsReport.Picture> pictures = e.pictures();
        int shown = pictures.size() > SHOWN ? 1 : pictures.size();
        for (ResultsReport.Picture p : pictures.subList(0, shown)) {
            picture(p, about);
        }
        if (shown < pictures.size()) {
            h.append("<details>\n<summary>").append(pictures.size() - shown).append(" more picture(s)</summary>\n<div class=\"grid\">\n");
            for (ResultsReport.Picture p : pictures.subList(shown, pictures.size())) {
                picture(p, about);
            }
            h.append("</div>\n</details>\n");
        }
        if (!e.tables().isEmpty()) {
            h.append("<p>Tables:").append(links(e.tables())).append("</p>\n");
        }
        if (!e.missing().isEmpty()) {
            h.append("<p class=\"warn\">Recorded as written but missing: ").append(esc(String.join(", ", e.missing())))
                    .append("</p>\n");
        }
        if (e.provenance() != null) {
            provenance(e.provenance());
        } else if (e.figure() != null) {
            h.append("<p class=\"hint\">No provenance record (<code>").append(esc(e.name()))
                    .append(".provenance.json</code>) beside these files.</p>\n");
        }
        h.append("</article>\n");
    }

    private void picture(ResultsReport.Picture p, String about) {
        Path shown = p.shown();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(shown);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + shown + ": " + Messages.reason(e), e);
        }
        boolean svg = shown.equals(p.svg());
        h.append("<figure>\n<img src=\"data:").append(svg ? "image/svg+xml" : "image/png").append(";base64,")
                .append(Base64.getEncoder().encodeToString(bytes)).append('"');
        int[] size = svg ? null : pngSize(bytes);
        if (size != null) {
            h.append(" width=\"").append(size[0]).append("\" height=\"").append(size[1]).append('"');
        }
        h.append(" alt=\"").append(esc(p.name() + ": " + about)).append("\">\n<figcaption>").append(esc(p.name())).append(" &middot; ");
        String sep = "";
        if (p.svg() != null) {
            h.append(link(p.svg(), "SVG"));
            sep = " &middot; ";
        }
        if (p.png() != null) {
            h.append(sep).append(link(p.png(), "PNG"));
        }
        h.append("</figcaption>\n</figure>\n");
    }

    /** Width and height from a PNG's IHDR chunk (null if the bytes are not a PNG). */
    static int[] pngSize(byte[] b) {
        byte[] sig = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        if (b.length < 24 || !java.util.Arrays.equals(b, 0, 8, sig, 0, 8) || b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') {
            return null;
        }
        int w = ((b[16] & 0xff) << 24) | ((b[17] & 0xff) << 16) | ((b[18] & 0xff) << 8) | (b[19] & 0xff);
        int hh = ((b[20] & 0xff) << 24) | ((b[21] & 0xff) << 16) | ((b[22] & 0xff) << 8) | (b[23] & 0xff);
        return w > 0 && hh > 0 ? new int[] {w, hh} : null;
    }

    private void experiment(Variant v, ResultsReport.Experiment x) {
        h.append("<article id=\"").append(id(v, "exp", x.name())).append("\">\n<h4>").append(esc(x.name())).append("</h4>\n<p>");
        TrainingLog.Cells cells = x.cells();
        if (cells != null) {
            long diverged = cells.finished().stream().filter(TrainingLog.Run::diverged).count();
            h.append(cells.finished().size()).append(" cell(s) finished (").append(diverged).append(" diverged), ")
                    .append(cells.failed().size()).append(" failed. ");
        } else if (x.readError() != null) {
            h.append("runs.csv could not be read: ").append(esc(x.readError())).append(". ");
        } else {
            h.append("No cell finished yet (no runs.csv). ");
        }
        h.append("Files:").append(links(x.files())).append("</p>\n");
        if (cells != null && !cells.failed().isEmpty()) {
            h.append("<details class=\"warn\"><summary>Failed cells (").append(cells.failed().size())
                    .append("; a resume runs them again)</summary>\n<ul>\n");
            for (TrainingLog.Failed f : cells.failed()) {
                h.append("<li>cell ").append(f.cell()).append(" (").append(esc(f.optimizer())).append(", ").append(esc(f.topology()))
                        .append(", lr ").append(esc(Csv.number(f.learningRate()))).append(", seed ").append(f.seed()).append("): ")
                        .append(esc(f.error())).append("</li>\n");
            }
            h.append("</ul>\n</details>\n");
        }
        if (x.settings() != null) {
            h.append("<details><summary>Settings (").append(esc(TrainingLog.SETTINGS)).append(")</summary>\n<pre>")
                    .append(esc(x.settings())).append("</pre>\n</details>\n");
        }
        if (x.plots().isEmpty()) {
            h.append("<p class=\"hint\">Draw its loss and accuracy curves with <code>./tidl plot --results ")
                    .append(esc(Messages.shellWord(x.folder().toString()))).append("</code>.</p>\n");
        }
        for (ResultsReport.Entry e : x.plots()) {
            entry(e, id(v, "plot", x.name() + "/" + e.name()), "h4", "Plots of " + e.name() + " (./tidl plot)");
        }
        h.append("</article>\n");
    }

    /** A record's summary line (command, code, seed, run, time) over the whole record, collapsed. */
    private void provenance(ProvenanceRecord p) {
        h.append("<details class=\"provenance\">\n<summary>Provenance: ");
        if (!p.readable()) {
            h.append(esc(p.file().getFileName().toString())).append(" could not be read</summary>\n<p class=\"warn\">")
                    .append(esc(p.error())).append("</p>\n</details>\n");
            return;
        }
        List<String> parts = new ArrayList<>();
        if (p.commandLine() != null) {
            parts.add("<code>" + esc(p.commandLine()) + "</code>");
        }
        String code = code(p, true);
        if (code != null) {
            parts.add("code " + esc(code));
        }
        if (p.seed() != null) {
            parts.add("seed " + esc(p.seed()));
        }
        if (p.variant() != null) {
            parts.add(esc(p.variant().toLowerCase(Locale.ROOT)) + " run");
        }
        if (p.finished() != null) {
            parts.add("finished " + esc(p.finished()));
        }
        h.append(parts.isEmpty() ? esc(p.file().getFileName().toString()) : String.join(" &middot; ", parts)).append("</summary>\n");
        h.append("<dl class=\"prov\">\n");
        row("Command", p.commandLine());
        row("Kind", p.kind());
        row("Code", code(p, false));
        if (Boolean.TRUE.equals(p.dirty()) && !p.changed().isEmpty()) {
            row("Changed files", String.join(", ", p.changed()));
        }
        row("Settings", flat(p.fields().get("settings")));
        row("Machine", flat(p.fields().get("machine")));
        row("Started", p.started());
        row("Finished", p.finished());
        if (p.fields().get("plugins") instanceof List<?> l && !l.isEmpty()) {
            row("Plugin jars", flat(l));
        }
        if (p.fields().containsKey("deep_learning_engine")) {
            row("Deep-learning engine", flat(p.fields().get("deep_learning_engine")));
        }
        row("Read", files(p.fields().get("inputs")));
        row("Wrote", files(p.fields().get("outputs")));
        h.append("</dl>\n<details><summary>The whole record (").append(esc(p.file().getFileName().toString()))
                .append(")</summary>\n<pre>").append(esc(p.text())).append("</pre>\n</details>\n</details>\n");
    }

    /** "abcdef1234 with uncommitted changes, version 0.1.0" (short: the commit's first 10 digits). */
    private static String code(ProvenanceRecord p, boolean shortForm) {
        List<String> parts = new ArrayList<>();
        String commit = p.commit();
        if (commit != null) {
            parts.add((shortForm && commit.length() > 10 ? commit.substring(0, 10) : commit)
                    + (Boolean.TRUE.equals(p.dirty()) ? " with uncommitted changes" : ""));
        }
        if (p.version() != null && (!shortForm || commit == null)) {
            parts.add("version " + p.version());
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }

    private void row(String name, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        h.append("<dt>").append(esc(name)).append("</dt><dd>").append(esc(value)).append("</dd>\n");
    }

    /** A record's file list as "name (bytes, sha256 …)", one per line. */
    private static String files(Object list) {
        if (!(list instanceof List<?> l) || l.isEmpty()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Object o : l) {
            if (o instanceof Map<?, ?> m) {
                out.add(ProvenanceRecord.string(m.get("file")) + " (" + ProvenanceRecord.string(m.get("bytes")) + " bytes, sha256 "
                        + ProvenanceRecord.string(m.get("sha256")) + ")");
            }
        }
        return String.join("; ", out);
    }

    /** A JSON value on one line: "key: value, key: value", lists in brackets. */
    private static String flat(Object v) {
        if (v instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            m.forEach((k, x) -> parts.add(k + ": " + flat(x)));
            return String.join(", ", parts);
        }
        if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            l.forEach(x -> parts.add(flat(x)));
            return "[" + String.join(", ", parts) + "]";
        }
        return v == null ? "null" : v.toString();
    }

    /** Each file's link, after a space, separated by middle dots. */
    private String links(List<Path> files) {
        StringBuilder sb = new StringBuilder();
        String sep = " ";
        for (Path f : files) {
            sb.append(sep).append(link(f));
            sep = " &middot; ";
        }
        return sb.toString();
    }

    private String link(Path file) {
        return link(file, file.getFileName().toString());
    }

    private String link(Path file, String text) {
        return "<a href=\"" + esc(Html.relativeUrl(pageFolder, file)) + "\">" + esc(text) + "</a>";
    }

    /** An element id: run, kind and name, characters outside [A-Za-z0-9._-] as '_'. */
    private static String id(Variant v, String kind, String name) {
        return (v.quick() ? "quick" : "full") + "-" + kind + "-" + name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String esc(String s) {
        return Html.escape(s);
    }
}
