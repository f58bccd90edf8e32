package org.tidl.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.tidl.core.InvalidInputException;
import org.tidl.core.io.Csv;
import org.tidl.core.io.CsvReader;

/**
 * {@code ./tidl verify}: each published claim of results/published/claims.csv (see {@link Claim}) recomputed from
 * the CSVs in results/, one line each:
 * <ul>
 * <li>PASS: the measured value is within the claim's tolerance (or bound);</li>
 * <li>KNOWN: it is not, and the claims table documents why (the paper disagrees with its own formula, or a
 *     Fashion-MNIST replication differs from the CIFAR-10 claim); the factor is printed;</li>
 * <li>FAIL: it is not, and nothing explains it;</li>
 * <li>UNRESOLVED: the results file exists but the claim cannot be measured from it (file empty or unreadable,
 *     malformed CSV, no rows, a duplicated row, a missing column, no matching row, several rows for a single
 *     value, text or NaN where a number belongs); the line names the file, line and column;</li>
 * <li>NOT-RUN: the results file was never produced (the line says which command produces it), or the claim is
 *     about the protocol and no results file measures it.</li>
 * </ul>
 * Exit code 0 when at least one claim was checked and none FAILed or is UNRESOLVED; 1 when any claim FAILs or is
 * UNRESOLVED, or when no claim could be checked at all (every one NOT-RUN: an empty results folder); 2 for bad
 * input: a results folder that does not exist or is not a folder, a missing or malformed claims table (one line
 * naming file and line, nothing on stdout).
 */
final class VerifyCommand implements Command {
    @Override public String name() { return "verify"; }
    @Override public String summary() { return "compare results/ with the paper's published numbers, PASS/FAIL per claim"; }
    @Override public String usage() { return "[--results DIR] [--claims FILE] [--format text|csv]"; }

    static final List<String> STATUSES = List.of("PASS", "KNOWN", "FAIL", "UNRESOLVED", "NOT-RUN");

    @Override
    public Options options() {
        return new Options()
                .addOption(Args.opt("results", "DIR", "folder with the reproduced CSVs (default results)"))
                .addOption(Args.opt("claims", "FILE", "claims table (default results/published/claims.csv of the checkout)"))
                .addOption(Args.opt("format", "FORMAT", "text (default) or csv"));
    }

    record Verdict(String id, String figure, String status, double measured, String detail) { }

    /** A claim that existing results cannot answer; the message names file, line and column. */
    static final class Unresolved extends Exception {
        Unresolved(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public int run(CommandLine cl, Context ctx) {
        Path results = Path.of(cl.getOptionValue("results", "results"));
        Path claimsFile = cl.hasOption("claims") ? Path.of(cl.getOptionValue("claims"))
                : PaperData.publishedFolder().resolve("claims.csv");
        String format = cl.getOptionValue("format", "text");
        if (!format.equals("text") && !format.equals("csv")) {
            throw new InvalidInputException("--format must be text or csv, got '" + format + "'");
        }
        List<Claim> claims = Claim.readAll(claimsFile);
        if (!Files.isDirectory(results)) {
            throw new InvalidInputException(Files.exists(results) ? "--results: " + results + " is not a folder"
                    : "--results: folder " + results + " not found");
        }
        ResultsFolder folder = new ResultsFolder(results, !cl.hasOption("results"));
        List<Verdict> verdicts = new ArrayList<>();
        for (Claim claim : claims) {
            verdicts.add(judge(claim, folder));
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        STATUSES.forEach(s -> counts.put(s, 0));
        Csv csv = new Csv("id", "figure", "status", "measured", "detail");
        for (Verdict v : verdicts) {
            counts.merge(v.status(), 1, Integer::sum);
            if (format.equals("csv")) {
                csv.add(v.id(), v.figure(), v.status(), v.measured(), v.detail());
            } else {
                ctx.out.printf(Locale.ROOT, "%-7s %-4s %-11s %s%n", v.status(), v.id(), v.figure(), v.detail());
            }
        }
        if (format.equals("csv")) {
            ctx.out.print(csv.render());
        }
        ctx.err.printf(Locale.ROOT, "tidl: verify: %d PASS, %d KNOWN discrepancies of the paper, %d FAIL, %d UNRESOLVED, %d NOT-RUN (results in %s)%n",
                counts.get("PASS"), counts.get("KNOWN"), counts.get("FAIL"), counts.get("UNRESOLVED"), counts.get("NOT-RUN"), results);
        if (counts.get("UNRESOLVED") > 0) {
            ctx.err.println("tidl: verify: UNRESOLVED claims read results that exist but are broken; regenerate them with "
                    + "./tidl reproduce");
        }
        int checked = counts.get("PASS") + counts.get("KNOWN") + counts.get("FAIL") + counts.get("UNRESOLVED");
        if (checked == 0) {
            ctx.err.println("tidl: verify: no claim could be checked: no results in " + results
                    + " (./tidl reproduce --all" + folder.outOption() + " makes them)");
            return 1;
        }
        return counts.get("FAIL") + counts.get("UNRESOLVED") > 0 ? 1 : 0;
    }

    /** The results folder, each CSV read (strictly) and checked once. */
    static final class ResultsFolder {
        private final Path dir;
        private final boolean defaultDir;
        private final Map<String, Object> tables = new HashMap<>(); // file → CsvReader.Table or Unresolved

        ResultsFolder(Path dir, boolean defaultDir) {
            this.dir = dir;
            this.defaultDir = defaultDir;
        }

        Path resolve(String file) {
            return dir.resolve(file);
        }

        String outOption() {
            return defaultDir ? "" : " --out " + dir;
        }

        /** The table of {@code file}, or Unresolved when it is there but broken. */
        CsvReader.Table table(String file) throws Unresolved {
            Object t = tables.computeIfAbsent(file, f -> load(dir.resolve(f)));
            if (t instanceof Unresolved u) {
                throw u;
            }
            return (CsvReader.Table) t;
        }

        private static Object load(Path path) {
            if (!Files.isRegularFile(path)) {
                return new Unresolved(path + " is not a regular file");
            }
            CsvReader.Table t;
            try {
                t = CsvReader.table(path);
            } catch (InvalidInputException e) {
                return new Unresolved(e.getMessage());
            }
            if (t.rows().isEmpty()) {
                return new Unresolved(path + ": a header line and no rows");
            }
            // our writers never repeat a row; a repeated one means the file was edited or merged by hand
            Map<List<String>, Integer> seen = new HashMap<>();
            for (CsvReader.Row r : t.rows()) {
                Integer first = seen.putIfAbsent(List.copyOf(r.cells().values()), r.line());
                if (first != null) {
                    return new Unresolved(path + " lines " + first + " and " + r.line() + ": the same row twice");
                }
            }
            return t;
        }
    }

    static Verdict judge(Claim claim, ResultsFolder results) {
        if (claim.protocolOnly()) {
            return new Verdict(claim.id(), claim.figure(), "NOT-RUN", Double.NaN, claim.statement() + ": " + claim.note());
        }
        Path file = results.resolve(claim.file());
        if (!Files.exists(file)) {
            return new Verdict(claim.id(), claim.figure(), "NOT-RUN", Double.NaN, claim.statement() + ": " + file
                    + " not produced yet (run " + producer(claim.figure(), results.outOption()) + ")");
        }
        double measured;
        try {
            measured = measure(claim, results.table(claim.file()));
        } catch (Unresolved u) {
            return new Verdict(claim.id(), claim.figure(), "UNRESOLVED", Double.NaN, claim.statement() + ": " + u.getMessage());
        }
        return claim.bound() != null ? inequality(claim, measured) : compare(claim, measured);
    }

    /** The command that writes a figure's results (the CIFAR-10 figures need the data set). */
    static String producer(String figure, String outOption) {
        boolean cifar = ReproduceCommand.DEEP_LEARNING.contains(figure) && !figure.endsWith("-fashion");
        return "./tidl reproduce --figure " + figure + (cifar ? " --data-dir CIFAR10_DIR" : "") + outOption
                + (cifar ? ", CIFAR10_DIR being your copy of cifar-10-batches-bin" : "");
    }

    private static Verdict compare(Claim c, double measured) {
        double allowed = c.relative() ? Math.abs(c.expected()) * c.tolerance() / 100 : c.tolerance();
        String detail = String.format(Locale.ROOT, "%s: expected %s ±%s, measured %s", c.statement(), Csv.number(c.expected()),
                c.toleranceText(), Csv.number(round(measured)));
        if (Math.abs(measured - c.expected()) <= allowed) {
            return new Verdict(c.id(), c.figure(), "PASS", measured, detail);
        }
        if (!c.known().isEmpty()) {
            return new Verdict(c.id(), c.figure(), "KNOWN", measured, detail + String.format(Locale.ROOT,
                    " (paper/ours = %.3f); %s", c.expected() / measured, c.known()));
        }
        return new Verdict(c.id(), c.figure(), "FAIL", measured, detail);
    }

    /** A qualitative claim written as a bound on a measured quantity: {@code <X}, {@code <=X}, {@code >X}, {@code >=X}. */
    private static Verdict inequality(Claim c, double measured) {
        double limit = c.expected();
        String detail = String.format(Locale.ROOT, "%s: expected %s, measured %s", c.statement(), c.expectedText(), Csv.number(round(measured)));
        boolean ok = switch (c.bound()) {
            case "<" -> measured < limit;
            case "<=" -> measured <= limit;
            case ">" -> measured > limit;
            default -> measured >= limit;
        };
        if (ok) {
            return new Verdict(c.id(), c.figure(), "PASS", measured, detail);
        }
        return c.known().isEmpty() ? new Verdict(c.id(), c.figure(), "FAIL", measured, detail)
                : new Verdict(c.id(), c.figure(), "KNOWN", measured, detail + "; " + c.known());
    }

    private static double round(double x) {
        return x == 0 || !Double.isFinite(x) ? x : new java.math.BigDecimal(x).round(new java.math.MathContext(6)).doubleValue();
    }

    /** The claim's aggregate over the rows of {@code t} that match its filters; Unresolved when it has no value. */
    static double measure(Claim c, CsvReader.Table t) throws Unresolved {
        Path file = t.file();
        List<String> needed = new ArrayList<>();
        needed.add(c.column());
        if (c.other() != null) {
            needed.add(c.other());
        }
        c.filters().forEach(f -> needed.add(f.key()));
        for (String col : needed) {
            if (!t.has(col)) {
                throw new Unresolved(file + " has no column '" + CsvReader.clip(col) + "' (columns: "
                        + CsvReader.clip(String.join(", ", t.header())) + ")");
            }
        }
        List<CsvReader.Row> rows = new ArrayList<>();
        for (CsvReader.Row r : t.rows()) {
            if (c.filters().stream().allMatch(f -> f.matches(r.get(f.key())))) {
                rows.add(r);
            }
        }
        String which = c.filters().isEmpty() ? "" : " matching " + CsvReader.clip(c.filterText());
        if (rows.isEmpty()) {
            throw new Unresolved(file + ": no row" + which);
        }
        String kind = c.aggregate();
        if (kind.equals("value")) {
            if (rows.size() != 1) {
                List<String> lines = rows.stream().limit(5).map(r -> Integer.toString(r.line())).toList();
                throw new Unresolved(file + ": " + rows.size() + " rows" + which + " (lines " + String.join(", ", lines)
                        + (rows.size() > 5 ? ", ..." : "") + "), one expected");
            }
            double v = number(file, rows.get(0), c.column());
            if (Double.isNaN(v)) {
                throw new Unresolved(file + " line " + rows.get(0).line() + ": column '" + c.column() + "' is empty");
            }
            return v;
        }
        double best = Double.NaN;
        CsvReader.Row bestRow = null;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int m = 0;
        for (CsvReader.Row r : rows) {
            double v = number(file, r, c.column());
            if (Double.isNaN(v)) {
                continue; // an empty cell: no value there (e.g. a target never reached)
            }
            switch (kind) {
                case "min", "argmin" -> {
                    if (bestRow == null || v < best) {
                        best = v;
                        bestRow = r;
                    }
                }
                case "max", "argmax" -> {
                    if (bestRow == null || v > best) {
                        best = v;
                        bestRow = r;
                    }
                }
                case "maxabsdiff" -> {
                    double o = number(file, r, c.other());
                    if (!Double.isNaN(o)) {
                        best = Double.isNaN(best) ? Math.abs(v - o) : Math.max(best, Math.abs(v - o));
                        m++;
                    }
                }
                case "slope" -> {
                    double o = number(file, r, c.other());
                    if (!Double.isNaN(o)) {
                        sx += o;
                        sy += v;
                        sxx += o * o;
                        sxy += o * v;
                        m++;
                    }
                }
                default -> throw new IllegalStateException(kind); // Claim admits no other aggregate
            }
        }
        boolean paired = kind.equals("maxabsdiff") || kind.equals("slope");
        if (paired ? m == 0 : bestRow == null) {
            throw new Unresolved(file + ": no value in column '" + c.column() + "'" + (paired ? " (with one in '" + c.other() + "')" : "")
                    + " in the " + rows.size() + " row(s)" + which);
        }
        if (kind.equals("slope")) {
            if (m < 2) {
                throw new Unresolved(file + ": a slope needs two rows with values" + which + ", found one");
            }
            if (m * sxx - sx * sx == 0) {
                throw new Unresolved(file + ": no slope, column '" + c.other() + "' has one value in every row" + which);
            }
            return (m * sxy - sx * sy) / (m * sxx - sx * sx);
        }
        if (kind.startsWith("arg")) {
            double at = number(file, bestRow, c.other());
            if (Double.isNaN(at)) {
                throw new Unresolved(file + " line " + bestRow.line() + ": column '" + c.other() + "' is empty");
            }
            return at;
        }
        return best;
    }

    /** A number cell as our CSVs write it: empty (no value) → NaN, "inf"/"-inf", or a decimal. */
    static double number(Path file, CsvReader.Row r, String column) throws Unresolved {
        String s = r.get(column);
        if (s.isEmpty()) {
            return Double.NaN;
        }
        if (s.equals("inf") || s.equals("-inf")) {
            return CsvReader.number(s);
        }
        if (Claim.isDecimal(s)) {
            return Double.parseDouble(s);
        }
        throw new Unresolved(file + " line " + r.line() + ", column '" + column + "': "
                + (s.strip().equalsIgnoreCase("nan") ? "NaN (our results write a missing value as an empty cell)"
                : "'" + CsvReader.clip(s) + "' is not a number"));
    }
}
