package org.tidl.reproduction.verify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.tidl.core.InvalidInputException;
import org.tidl.core.io.CsvReader;
import org.tidl.reproduction.Reproduction;
import org.tidl.reproduction.Reproductions;
import org.tidl.reproduction.Variant;
import org.tidl.reproduction.table.Column;
import org.tidl.reproduction.table.TableOutput;

/**
 * One published claim of a claims table (results/published/claims.csv), read and resolved once: what the paper
 * says, which figure's declared table and columns measure it, and which run answers it. Columns: id, figure,
 * statement, expected, tolerance, measured_by, known_discrepancy (optional), run (optional).
 *
 * <p>{@code measured_by} is {@code AGG|FILE|COLUMN|FILTERS}: AGG is value (the single matching row), min, max,
 * argmin:COL / argmax:COL (COL at the row with the smallest / largest COLUMN), maxabsdiff:COL (largest |COLUMN −
 * COL|) or slope:COL (least-squares slope of COLUMN against COL); FILE is one of the tables the figure writes;
 * FILTERS are {@code key=value} pairs joined by ';' (numbers compare numerically). FILE, COLUMN, COL and the filter
 * keys are resolved against the figure's declared schemas when the table is read: a name that no figure
 * writes is an error then, not a claim that silently never resolves. {@code dl|FIGURE|NOTE} marks a claim about
 * the protocol that no results file measures (always NOT-RUN, NOTE printed). {@code expected} is a number with a
 * tolerance (absolute, or relative with '%'), or a bound {@code <X}, {@code <=X}, {@code >X}, {@code >=X} with no
 * tolerance.
 *
 * <p>{@code run} says which run answers the claim: {@code full} (the default) reads the full run's
 * {@code RESULTS/FILE}; {@code quick} the quick run's {@code RESULTS/quick/FILE}; {@code either} (for numbers the
 * two runs compute alike) the full run's file when it exists, else the quick run's.
 */
public record Claim(int line, String id, Reproduction<?, ?> figure, String statement, String known, Measurement measurement,
                    Expectation expectation, Run run) {

    /** The columns every claims table has. */
    public static final List<String> COLUMNS = List.of("id", "figure", "statement", "expected", "tolerance", "measured_by");
    /** A decimal number as our CSVs write it (Java's parser alone would also take "1d", "0x1p3", "NaN"). */
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    /** Which run's results answer a claim. */
    public enum Run {
        FULL, QUICK, EITHER;

        /** The variants to look in, in order. */
        public List<Variant> variants() {
            return switch (this) {
                case FULL -> List.of(Variant.FULL);
                case QUICK -> List.of(Variant.QUICK);
                case EITHER -> List.of(Variant.FULL, Variant.QUICK);
            };
        }
    }

    /** How a measured value is reduced from the matching rows. */
    public enum Aggregate {
        VALUE, MIN, MAX, ARGMIN, ARGMAX, MAXABSDIFF, SLOPE;

        /** Takes a second column (argmin:COL, ...). */
        public boolean withColumn() {
            return ordinal() >= ARGMIN.ordinal();
        }

        /** Pairs two columns in each row (maxabsdiff, slope). */
        public boolean paired() {
            return this == MAXABSDIFF || this == SLOPE;
        }

        static Optional<Aggregate> named(String s) {
            for (Aggregate a : values()) {
                if (a.name().toLowerCase(java.util.Locale.ROOT).equals(s)) {
                    return Optional.of(a);
                }
            }
            return Optional.empty();
        }
    }

    /** What a claim is measured by. */
    public sealed interface Measurement permits Protocol, Measured { }

    /** A claim about the protocol, not measured from results ({@code dl|FIGURE|NOTE}). */
    public record Protocol(String note) implements Measurement { }

    /**
     * A claim measured from one declared table of its figure.
     *
     * @param other      the second column of argmin/argmax/maxabsdiff/slope, null for the others
     * @param filterText the filters as written in the claims table
     */
    public record Measured(Aggregate aggregate, TableOutput table, String file, Column column, Column other,
                           List<Filter> filters, String filterText) implements Measurement { }

    /** One {@code key=value} filter of measured_by, on a declared column. */
    public record Filter(Column column, String value) {
        boolean matches(String have) {
            if (have.equals(value)) {
                return true;
            }
            return isDecimal(have) && isDecimal(value) && Double.parseDouble(have) == Double.parseDouble(value);
        }
    }

    /** What a claim expects of the measured value. */
    public sealed interface Expectation permits Near, Bound { }

    /** Within a tolerance of a value: absolute, or relative ({@code relative}, tolerance in percent). */
    public record Near(double expected, String expectedText, double tolerance, String toleranceText, boolean relative)
            implements Expectation { }

    /** A qualitative claim as a bound: {@code op} is one of {@code <}, {@code <=}, {@code >}, {@code >=}. */
    public record Bound(String op, double limit, String text) implements Expectation { }

    static boolean isDecimal(String s) {
        return DECIMAL.matcher(s).matches();
    }

    /** Every claim of {@code file}; one-line {@link InvalidInputException} naming file, line and claim on any defect. */
    public static List<Claim> readAll(Path file) {
        if (!Files.isRegularFile(file)) {
            throw InvalidInputException.of("claims", ": file " + file + " not found");
        }
        CsvReader.Table table = CsvReader.table(file);
        List<String> missing = new ArrayList<>();
        for (String c : COLUMNS) {
            if (!table.has(c)) {
                missing.add(c);
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException(file + " line 1: no column " + String.join(", ", missing)
                    + " (a claims table has " + String.join(", ", COLUMNS) + "[, known_discrepancy][, run])");
        }
        if (table.rows().isEmpty()) {
            throw new InvalidInputException(file + ": no claims (only a header line)");
        }
        List<Claim> claims = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        for (CsvReader.Row row : table.rows()) {
            Claim c = parse(file, row);
            Integer before = ids.putIfAbsent(c.id(), row.line());
            if (before != null) {
                throw new InvalidInputException(file + " line " + row.line() + ": claim id '" + CsvReader.clip(c.id())
                        + "' already used on line " + before);
            }
            claims.add(c);
        }
        return claims;
    }

    private static Claim parse(Path file, CsvReader.Row row) {
        String id = row.get("id").strip();
        String where = file + " line " + row.line() + (id.isEmpty() ? "" : " (claim " + CsvReader.clip(id) + ")") + ": ";
        if (id.isEmpty()) {
            throw new InvalidInputException(where + "empty id");
        }
        String figureName = row.get("figure").strip();
        Reproduction<?, ?> figure = Reproductions.find(figureName).orElseThrow(() -> new InvalidInputException(where
                + "figure '" + CsvReader.clip(figureName) + "' is not made by ./tidl reproduce (valid: "
                + String.join(", ", Reproductions.names()) + ")"));
        String statement = row.get("statement");
        String known = row.cells().getOrDefault("known_discrepancy", "");
        Run run = run(where, row.cells().getOrDefault("run", "").strip());
        String how = row.get("measured_by");
        String[] parts = how.split("\\|", -1);
        if (parts[0].equals("dl")) {
            String note = parts.length > 2 ? parts[2] : "deep-learning claim, not reproduced yet";
            return new Claim(row.line(), id, figure, statement, known, new Protocol(note), null, run);
        }
        if (parts.length != 4) {
            throw new InvalidInputException(where + "measured_by must be AGG|FILE|COLUMN|FILTERS, got '" + CsvReader.clip(how) + "'");
        }
        Measured measured = measured(where, figure, parts);
        return new Claim(row.line(), id, figure, statement, known, measured, expectation(where, row), run);
    }

    private static Run run(String where, String text) {
        return switch (text) {
            case "", "full" -> Run.FULL;
            case "quick" -> Run.QUICK;
            case "either" -> Run.EITHER;
            default -> throw new InvalidInputException(where + "run '" + CsvReader.clip(text)
                    + "' is not full, quick or either");
        };
    }

    /** measured_by's parts, resolved against the figure's declared tables. */
    private static Measured measured(String where, Reproduction<?, ?> figure, String[] parts) {
        String agg = parts[0];
        int colon = agg.indexOf(':');
        String kind = colon < 0 ? agg : agg.substring(0, colon);
        String otherName = colon < 0 ? null : agg.substring(colon + 1);
        Optional<Aggregate> aggregate = Aggregate.named(kind);
        if (aggregate.isEmpty() || aggregate.get().withColumn() != (otherName != null)
                || otherName != null && otherName.isEmpty()) {
            throw new InvalidInputException(where + "unknown aggregate '" + CsvReader.clip(agg)
                    + "' (allowed: value, min, max, argmin:COL, argmax:COL, maxabsdiff:COL, slope:COL)");
        }
        String resultFile = parts[1];
        Path rel = Path.of(resultFile).normalize();
        if (resultFile.isEmpty() || rel.isAbsolute() || rel.startsWith("..")) {
            throw new InvalidInputException(where + "measured_by's FILE must be a file inside the results folder, got '"
                    + CsvReader.clip(resultFile) + "'");
        }
        TableOutput table = figure.table(resultFile).orElseThrow(() -> new InvalidInputException(where + "figure "
                + figure.name() + " writes no table '" + CsvReader.clip(resultFile) + "' (it writes "
                + String.join(", ", figure.tables().stream().map(t -> t.file(figure.name())).toList()) + ")"));
        if (parts[2].isEmpty()) {
            throw new InvalidInputException(where + "measured_by has an empty COLUMN");
        }
        Column column = numeric(where, table, resultFile, parts[2]);
        Column other = otherName == null ? null : numeric(where, table, resultFile, otherName);
        List<Filter> filters = new ArrayList<>();
        if (!parts[3].isBlank()) {
            for (String f : parts[3].split(";", -1)) {
                int eq = f.indexOf('=');
                if (eq <= 0) {
                    throw new InvalidInputException(where + "filter '" + CsvReader.clip(f) + "' is not key=value");
                }
                filters.add(new Filter(declared(where, table, resultFile, f.substring(0, eq)), f.substring(eq + 1)));
            }
        }
        return new Measured(aggregate.get(), table, resultFile, column, other, filters, parts[3]);
    }

    private static Column declared(String where, TableOutput table, String file, String name) {
        return table.schema().column(name).orElseThrow(() -> new InvalidInputException(where + file + " has no column '"
                + CsvReader.clip(name) + "' (its columns: " + String.join(", ", table.schema().names()) + ")"));
    }

    /** A declared column that holds numbers (a measured value is a number). */
    private static Column numeric(String where, TableOutput table, String file, String name) {
        Column c = declared(where, table, file, name);
        if (!c.numeric()) {
            throw new InvalidInputException(where + "column '" + c.name() + "' of " + file + " holds text, not numbers");
        }
        return c;
    }

    private static Expectation expectation(String where, CsvReader.Row row) {
        String expectedText = row.get("expected").strip();
        String tolText = row.get("tolerance").strip();
        if (expectedText.startsWith("<") || expectedText.startsWith(">")) {
            boolean orEqual = expectedText.length() > 1 && expectedText.charAt(1) == '=';
            String limit = expectedText.substring(orEqual ? 2 : 1).strip();
            if (!isDecimal(limit)) {
                throw new InvalidInputException(where + "expected bound '" + CsvReader.clip(expectedText)
                        + "' is not <X, <=X, >X or >=X with X a number");
            }
            if (!tolText.isEmpty()) {
                throw new InvalidInputException(where + "a bound (" + expectedText + ") takes no tolerance, got '"
                        + CsvReader.clip(tolText) + "'");
            }
            return new Bound(expectedText.substring(0, orEqual ? 2 : 1), Double.parseDouble(limit), expectedText);
        }
        if (!isDecimal(expectedText)) {
            throw new InvalidInputException(where + "expected '" + CsvReader.clip(expectedText)
                    + "' is not a number or a bound (<X, <=X, >X, >=X)");
        }
        boolean relative = tolText.endsWith("%");
        String tolNumber = relative ? tolText.substring(0, tolText.length() - 1) : tolText;
        if (!isDecimal(tolNumber) || Double.parseDouble(tolNumber) < 0) {
            throw new InvalidInputException(where + "tolerance '" + CsvReader.clip(tolText)
                    + "' is not a number >= 0 or a percentage (e.g. 0.01 or 5%)");
        }
        return new Near(Double.parseDouble(expectedText), expectedText, Double.parseDouble(tolNumber), tolText, relative);
    }
}
