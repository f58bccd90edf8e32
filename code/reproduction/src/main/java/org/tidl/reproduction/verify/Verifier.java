package org.tidl.reproduction.verify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tidl.core.InvalidInputException;
import org.tidl.core.io.Csv;
import org.tidl.core.io.CsvReader;
import org.tidl.reproduction.Dataset;
import org.tidl.reproduction.Variant;
import org.tidl.reproduction.provenance.Provenance;
import org.tidl.reproduction.table.Column;

/**
 * Each claim recomputed from a results folder (full results in it, quick ones in its quick/ folder):
 * <ul>
 * <li>PASS: the measured value is within the claim's tolerance (or bound);</li>
 * <li>KNOWN: it is not, and the claims table documents why (the paper disagrees with its own formula, or a
 *     Fashion-MNIST replication differs from the CIFAR-10 claim); the factor is printed;</li>
 * <li>FAIL: it is not, and nothing explains it;</li>
 * <li>UNRESOLVED: the claim's figure was run but its results cannot answer the claim: the table is missing although
 *     the figure's provenance record says it ran there, or the file is empty or unreadable, malformed CSV, has no
 *     rows, a duplicated row, a missing column, no matching row, several rows for a single value, text or NaN
 *     where a number belongs; the line names the file, line and column;</li>
 * <li>NOT-RUN: the figure was never run for this results folder (no table, no provenance record; the line says
 *     which command produces it), or the claim is about the protocol and no results file measures it.</li>
 * </ul>
 */
public final class Verifier {

    /** A claim's verdict. */
    public enum Status {
        PASS, KNOWN, FAIL, UNRESOLVED, NOT_RUN;

        /** As printed: PASS, KNOWN, FAIL, UNRESOLVED, NOT-RUN. */
        public String label() {
            return name().replace('_', '-');
        }
    }

    /** Why a claim is NOT-RUN. */
    public enum NotRunCause {
        /** The claim is about the protocol; no results file measures it. */
        PROTOCOL_ONLY,
        /** The figure was never run into this results folder. */
        NEVER_PRODUCED
    }

    /**
     * One claim's verdict.
     *
     * @param measured the measured value (NaN when there is none)
     * @param notRun   why it is NOT-RUN (null for the other statuses)
     */
    public record Verdict(String id, String figure, Status status, double measured, String detail, NotRunCause notRun) { }

    /** A claim that existing results cannot answer; the message names file, line and column. */
    static final class Unresolved extends Exception {
        Unresolved(String message) {
            super(message, null, false, false);
        }
    }

    private final Path root;
    private final String outOption;
    private final Map<Path, Object> tables = new HashMap<>(); // file → CsvReader.Table or Unresolved
    private final Set<Path> read = new LinkedHashSet<>();

    /**
     * @param root      the results folder (full results; quick ones in root/quick)
     * @param outOption how to name it to {@code ./tidl reproduce} in NOT-RUN lines ("" for the default folder)
     */
    public Verifier(Path root, String outOption) {
        this.root = root;
        this.outOption = outOption;
    }

    /** The result files read so far (for provenance), in the order first read. */
    public List<Path> filesRead() {
        return List.copyOf(read);
    }

    public Verdict judge(Claim claim) {
        String figure = claim.figure().name();
        if (!(claim.measurement() instanceof Claim.Measured m)) {
            Claim.Protocol p = (Claim.Protocol) claim.measurement();
            return notRun(claim, NotRunCause.PROTOCOL_ONLY, claim.statement() + ": " + p.note());
        }
        for (Variant v : claim.run().variants()) {
            Path file = v.folder(root).resolve(m.file());
            if (Files.exists(file)) {
                double measured;
                try {
                    measured = measure(m, table(file));
                } catch (Unresolved u) {
                    return new Verdict(claim.id(), figure, Status.UNRESOLVED, Double.NaN,
                            claim.statement() + ": " + u.getMessage(), null);
                }
                String from = claim.run() == Claim.Run.EITHER && v == Variant.QUICK ? " (quick run)" : "";
                return claim.expectation() instanceof Claim.Bound b ? inequality(claim, b, measured, from)
                        : compare(claim, (Claim.Near) claim.expectation(), measured, from);
            }
            Path sidecar = Provenance.sidecar(v.folder(root), figure);
            if (Files.isRegularFile(sidecar)) { // the figure ran there, so its table should be there
                return new Verdict(claim.id(), figure, Status.UNRESOLVED, Double.NaN, claim.statement() + ": " + file
                        + " is missing, though " + sidecar + " records a run of " + figure + " there", null);
            }
        }
        Variant first = claim.run().variants().get(0);
        return notRun(claim, NotRunCause.NEVER_PRODUCED, claim.statement() + ": " + first.folder(root).resolve(m.file())
                + " not produced yet (run " + producer(claim, first) + ")");
    }

    private static Verdict notRun(Claim c, NotRunCause cause, String detail) {
        return new Verdict(c.id(), c.figure().name(), Status.NOT_RUN, Double.NaN, detail, cause);
    }

    /** The command that writes a claim's results (the CIFAR-10 figures need the data set). */
    private String producer(Claim c, Variant v) {
        boolean cifar = c.figure().dataset() == Dataset.CIFAR10;
        return "./tidl reproduce --figure " + c.figure().name() + (cifar ? " --data-dir CIFAR10_DIR" : "")
                + (v.quick() ? " --quick" : "") + outOption + (cifar ? ", CIFAR10_DIR being your copy of cifar-10-batches-bin" : "");
    }

    /** The table of {@code file}, read strictly and checked once; Unresolved when it is there but broken. */
    private CsvReader.Table table(Path file) throws Unresolved {
        read.add(file);
        Object t = tables.computeIfAbsent(file, Verifier::load);
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

    private static Verdict compare(Claim c, Claim.Near e, double measured, String from) {
        double allowed = e.relative() ? Math.abs(e.expected()) * e.tolerance() / 100 : e.tolerance();
        String detail = String.format(Locale.ROOT, "%s: expected %s ±%s, measured %s%s", c.statement(), Csv.number(e.expected()),
                e.toleranceText(), Csv.number(round(measured)), from);
        if (Math.abs(measured - e.expected()) <= allowed) {
            return new Verdict(c.id(), c.figure().name(), Status.PASS, measured, detail, null);
        }
        if (!c.known().isEmpty()) {
            return new Verdict(c.id(), c.figure().name(), Status.KNOWN, measured, detail + String.format(Locale.ROOT,
                    " (paper/ours = %.3f); %s", e.expected() / measured, c.known()), null);
        }
        return new Verdict(c.id(), c.figure().name(), Status.FAIL, measured, detail, null);
    }

    /** A qualitative claim written as a bound on a measured quantity. */
    private static Verdict inequality(Claim c, Claim.Bound b, double measured, String from) {
        double limit = b.limit();
        String detail = String.format(Locale.ROOT, "%s: expected %s, measured %s%s", c.statement(), b.text(),
                Csv.number(round(measured)), from);
        boolean ok = switch (b.op()) {
            case "<" -> measured < limit;
            case "<=" -> measured <= limit;
            case ">" -> measured > limit;
            default -> measured >= limit;
        };
        if (ok) {
            return new Verdict(c.id(), c.figure().name(), Status.PASS, measured, detail, null);
        }
        return c.known().isEmpty() ? new Verdict(c.id(), c.figure().name(), Status.FAIL, measured, detail, null)
                : new Verdict(c.id(), c.figure().name(), Status.KNOWN, measured, detail + "; " + c.known(), null);
    }

    /** A measured value as verdicts show it: six significant digits. */
    public static double round(double x) {
        return x == 0 || !Double.isFinite(x) ? x : new java.math.BigDecimal(x).round(new java.math.MathContext(6)).doubleValue();
    }

    /** The claim's aggregate over the rows of {@code t} that match its filters; Unresolved when it has no value. */
    static double measure(Claim.Measured c, CsvReader.Table t) throws Unresolved {
        Path file = t.file();
        List<Column> needed = new ArrayList<>();
        needed.add(c.column());
        if (c.other() != null) {
            needed.add(c.other());
        }
        c.filters().forEach(f -> needed.add(f.column()));
        for (Column col : needed) {
            if (!t.has(col.name())) {
                throw new Unresolved(file + " has no column '" + CsvReader.clip(col.name()) + "' (columns: "
                        + CsvReader.clip(String.join(", ", t.header())) + ")");
            }
        }
        List<CsvReader.Row> rows = new ArrayList<>();
        for (CsvReader.Row r : t.rows()) {
            if (c.filters().stream().allMatch(f -> f.matches(r.get(f.column().name())))) {
                rows.add(r);
            }
        }
        String which = c.filters().isEmpty() ? "" : " matching " + CsvReader.clip(c.filterText());
        if (rows.isEmpty()) {
            throw new Unresolved(file + ": no row" + which);
        }
        String column = c.column().name();
        Claim.Aggregate kind = c.aggregate();
        if (kind == Claim.Aggregate.VALUE) {
            if (rows.size() != 1) {
                List<String> lines = rows.stream().limit(5).map(r -> Integer.toString(r.line())).toList();
                throw new Unresolved(file + ": " + rows.size() + " rows" + which + " (lines " + String.join(", ", lines)
                        + (rows.size() > 5 ? ", ..." : "") + "), one expected");
            }
            double v = number(file, rows.get(0), column);
            if (Double.isNaN(v)) {
                throw new Unresolved(file + " line " + rows.get(0).line() + ": column '" + column + "' is empty");
            }
            return v;
        }
        double best = Double.NaN;
        CsvReader.Row bestRow = null;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int m = 0;
        for (CsvReader.Row r : rows) {
            double v = number(file, r, column);
            if (Double.isNaN(v)) {
                continue; // an empty cell: no value there (e.g. a target never reached)
            }
            switch (kind) {
                case MIN, ARGMIN -> {
                    if (bestRow == null || v < best) {
                        best = v;
                        bestRow = r;
                    }
                }
                case MAX, ARGMAX -> {
                    if (bestRow == null || v > best) {
                        best = v;
                        bestRow = r;
                    }
                }
                case MAXABSDIFF -> {
                    double o = number(file, r, c.other().name());
                    if (!Double.isNaN(o)) {
                        best = Double.isNaN(best) ? Math.abs(v - o) : Math.max(best, Math.abs(v - o));
                        m++;
                    }
                }
                case SLOPE -> {
                    double o = number(file, r, c.other().name());
                    if (!Double.isNaN(o)) {
                        sx += o;
                        sy += v;
                        sxx += o * o;
                        sxy += o * v;
                        m++;
                    }
                }
                default -> throw new IllegalStateException(kind.name()); // VALUE is handled above
            }
        }
        boolean paired = kind.paired();
        if (paired ? m == 0 : bestRow == null) {
            throw new Unresolved(file + ": no value in column '" + column + "'" + (paired ? " (with one in '" + c.other().name() + "')" : "")
                    + " in the " + rows.size() + " row(s)" + which);
        }
        if (kind == Claim.Aggregate.SLOPE) {
            if (m < 2) {
                throw new Unresolved(file + ": a slope needs two rows with values" + which + ", found one");
            }
            if (m * sxx - sx * sx == 0) {
                throw new Unresolved(file + ": no slope, column '" + c.other().name() + "' has one value in every row" + which);
            }
            return (m * sxy - sx * sy) / (m * sxx - sx * sx);
        }
        if (kind == Claim.Aggregate.ARGMIN || kind == Claim.Aggregate.ARGMAX) {
            double at = number(file, bestRow, c.other().name());
            if (Double.isNaN(at)) {
                throw new Unresolved(file + " line " + bestRow.line() + ": column '" + c.other().name() + "' is empty");
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
