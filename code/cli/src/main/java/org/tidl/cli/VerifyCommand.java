package org.tidl.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.tidl.core.InvalidInputException;
import org.tidl.core.io.Csv;
import org.tidl.core.io.CsvReader;

/**
 * {@code ./tidl verify}: each published claim of results/published/claims.csv recomputed from the CSVs in
 * results/, one line each: PASS, FAIL, KNOWN (the paper itself does not match its own formula; the factor is
 * printed) or NOT-RUN (its results are not there yet). Exit code 1 when any claim FAILs.
 *
 * <p>A claim says how it is measured as {@code AGG|FILE|COLUMN|FILTERS}: AGG is value (the single matching
 * row), min, max, argmin:COL / argmax:COL (COL at the row with the smallest / largest COLUMN),
 * maxabsdiff:COL (largest |COLUMN − COL|) or slope:COL (least-squares slope of COLUMN against COL); FILTERS
 * are {@code key=value} pairs joined by ';' (numbers compare numerically).
 */
final class VerifyCommand implements Command {
    @Override public String name() { return "verify"; }
    @Override public String summary() { return "compare results/ with the paper's published numbers, PASS/FAIL per claim"; }
    @Override public String usage() { return "[--results DIR] [--claims FILE] [--format text|csv]"; }

    @Override
    public Options options() {
        return new Options()
                .addOption(Args.opt("results", "DIR", "folder with the reproduced CSVs (default results)"))
                .addOption(Args.opt("claims", "FILE", "claims table (default results/published/claims.csv of the checkout)"))
                .addOption(Args.opt("format", "FORMAT", "text (default) or csv"));
    }

    record Verdict(String id, String figure, String status, double measured, String detail) { }

    @Override
    public int run(CommandLine cl, Context ctx) {
        Path results = Path.of(cl.getOptionValue("results", "results"));
        Path claims = cl.hasOption("claims") ? Path.of(cl.getOptionValue("claims"))
                : PaperData.publishedFolder().resolve("claims.csv");
        String format = cl.getOptionValue("format", "text");
        if (!format.equals("text") && !format.equals("csv")) {
            throw new InvalidInputException("--format must be text or csv, got '" + format + "'");
        }
        if (!Files.isRegularFile(claims)) {
            throw new InvalidInputException("--claims: file " + claims + " not found");
        }
        Map<String, List<Map<String, String>>> tables = new HashMap<>();
        List<Verdict> verdicts = new ArrayList<>();
        for (Map<String, String> claim : CsvReader.read(claims)) {
            verdicts.add(judge(claim, results, tables));
        }
        int fail = 0;
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (String s : new String[] {"PASS", "KNOWN", "FAIL", "NOT-RUN"}) {
            counts.put(s, 0);
        }
        Csv csv = new Csv("id", "figure", "status", "measured", "detail");
        for (Verdict v : verdicts) {
            counts.merge(v.status(), 1, Integer::sum);
            if (v.status().equals("FAIL")) {
                fail++;
            }
            if (format.equals("csv")) {
                csv.add(v.id(), v.figure(), v.status(), v.measured(), v.detail());
            } else {
                ctx.out.printf(Locale.ROOT, "%-7s %-4s %-11s %s%n", v.status(), v.id(), v.figure(), v.detail());
            }
        }
        if (format.equals("csv")) {
            ctx.out.print(csv.render());
        }
        ctx.err.printf(Locale.ROOT, "tidl: verify: %d PASS, %d KNOWN discrepancies of the paper, %d FAIL, %d NOT-RUN (results in %s)%n",
                counts.get("PASS"), counts.get("KNOWN"), counts.get("FAIL"), counts.get("NOT-RUN"), results);
        return fail > 0 ? 1 : 0;
    }

    static Verdict judge(Map<String, String> claim, Path results, Map<String, List<Map<String, String>>> tables) {
        String id = claim.get("id");
        String figure = claim.get("figure");
        String statement = claim.get("statement");
        String how = claim.get("measured_by");
        String[] parts = how.split("\\|", -1);
        if (parts[0].equals("dl")) {
            return new Verdict(id, figure, "NOT-RUN", Double.NaN, statement + ": " + (parts.length > 2 ? parts[2]
                    : "deep-learning claim, not reproduced yet"));
        }
        if (parts.length != 4) {
            throw new InvalidInputException("claims: claim " + id + ": measured_by must be AGG|FILE|COLUMN|FILTERS, got '" + how + "'");
        }
        Path file = results.resolve(parts[1]);
        if (!Files.isRegularFile(file)) {
            return new Verdict(id, figure, "NOT-RUN", Double.NaN, statement + ": " + file + " missing (./tidl reproduce --figure "
                    + figure + ")");
        }
        List<Map<String, String>> rows = tables.computeIfAbsent(parts[1], k -> CsvReader.read(file));
        List<Map<String, String>> match = new ArrayList<>();
        for (Map<String, String> r : rows) {
            if (matches(r, parts[3])) {
                match.add(r);
            }
        }
        double measured = measure(parts[0], parts[2], match);
        String expectedText = claim.get("expected").strip();
        if (expectedText.startsWith("<") || expectedText.startsWith(">")) {
            return inequality(id, figure, statement, expectedText, measured, parts[1], claim.getOrDefault("known_discrepancy", ""));
        }
        double expected = CsvReader.number(expectedText);
        String tolText = claim.get("tolerance");
        boolean relative = tolText.endsWith("%");
        double tol = Double.parseDouble(relative ? tolText.substring(0, tolText.length() - 1) : tolText);
        double allowed = relative ? Math.abs(expected) * tol / 100 : tol;
        String detail = String.format(Locale.ROOT, "%s: expected %s ±%s, measured %s", statement, Csv.number(expected), tolText,
                Double.isNaN(measured) ? "nothing" : Csv.number(round(measured)));
        if (Double.isNaN(measured)) {
            return new Verdict(id, figure, "NOT-RUN", measured, detail + " (no matching rows in " + parts[1] + ")");
        }
        if (Math.abs(measured - expected) <= allowed) {
            return new Verdict(id, figure, "PASS", measured, detail);
        }
        String known = claim.getOrDefault("known_discrepancy", "");
        if (!known.isEmpty()) {
            return new Verdict(id, figure, "KNOWN", measured, detail + String.format(Locale.ROOT, " (paper/ours = %.3f); %s",
                    expected / measured, known));
        }
        return new Verdict(id, figure, "FAIL", measured, detail);
    }

    /** A qualitative claim written as a bound on a measured quantity: {@code <X}, {@code <=X}, {@code >X}, {@code >=X}. */
    private static Verdict inequality(String id, String figure, String statement, String bound, double measured, String file,
                                      String known) {
        boolean orEqual = bound.length() > 1 && bound.charAt(1) == '=';
        double limit = CsvReader.number(bound.substring(orEqual ? 2 : 1).strip());
        String detail = String.format(Locale.ROOT, "%s: expected %s, measured %s", statement, bound,
                Double.isNaN(measured) ? "nothing" : Csv.number(round(measured)));
        if (Double.isNaN(measured)) {
            return new Verdict(id, figure, "NOT-RUN", measured, detail + " (no matching rows in " + file + ")");
        }
        boolean ok = bound.charAt(0) == '<' ? (orEqual ? measured <= limit : measured < limit)
                : (orEqual ? measured >= limit : measured > limit);
        if (ok) {
            return new Verdict(id, figure, "PASS", measured, detail);
        }
        return known.isEmpty() ? new Verdict(id, figure, "FAIL", measured, detail)
                : new Verdict(id, figure, "KNOWN", measured, detail + "; " + known);
    }

    private static double round(double x) {
        return x == 0 || !Double.isFinite(x) ? x : new java.math.BigDecimal(x).round(new java.math.MathContext(6)).doubleValue();
    }

    static boolean matches(Map<String, String> row, String filters) {
        if (filters.isBlank()) {
            return true;
        }
        for (String f : filters.split(";")) {
            int eq = f.indexOf('=');
            String key = f.substring(0, eq);
            String want = f.substring(eq + 1);
            String have = row.get(key);
            if (have == null) {
                return false;
            }
            if (!have.equals(want)) {
                try {
                    if (Double.parseDouble(have) != Double.parseDouble(want)) {
                        return false;
                    }
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return true;
    }

    static double measure(String agg, String column, List<Map<String, String>> rows) {
        String other = agg.contains(":") ? agg.substring(agg.indexOf(':') + 1) : null;
        String kind = agg.contains(":") ? agg.substring(0, agg.indexOf(':')) : agg;
        double best = Double.NaN;
        double at = Double.NaN;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int m = 0;
        for (Map<String, String> r : rows) {
            double v = CsvReader.number(r.get(column));
            double o = other == null ? Double.NaN : CsvReader.number(r.get(other));
            switch (kind) {
                case "value":
                    if (rows.size() != 1) {
                        return Double.NaN;
                    }
                    return v;
                case "min":
                case "argmin":
                    if (!Double.isNaN(v) && (Double.isNaN(best) || v < best)) {
                        best = v;
                        at = o;
                    }
                    break;
                case "max":
                case "argmax":
                    if (!Double.isNaN(v) && (Double.isNaN(best) || v > best)) {
                        best = v;
                        at = o;
                    }
                    break;
                case "maxabsdiff":
                    if (!Double.isNaN(v) && !Double.isNaN(o)) {
                        best = Double.isNaN(best) ? Math.abs(v - o) : Math.max(best, Math.abs(v - o));
                    }
                    break;
                case "slope":
                    if (!Double.isNaN(v) && !Double.isNaN(o)) {
                        sx += o;
                        sy += v;
                        sxx += o * o;
                        sxy += o * v;
                        m++;
                    }
                    break;
                default:
                    throw new InvalidInputException("claims: unknown aggregate '" + agg
                            + "' (allowed: value, min, max, argmin:COL, argmax:COL, maxabsdiff:COL, slope:COL)");
            }
        }
        if (kind.equals("slope")) {
            return m < 2 ? Double.NaN : (m * sxy - sx * sy) / (m * sxx - sx * sx);
        }
        return kind.startsWith("arg") ? at : best;
    }
}
