package org.tidl.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.tidl.core.InvalidInputException;
import org.tidl.core.io.CsvReader;

/**
 * One published claim of a claims table (results/published/claims.csv), read and checked once: what the paper
 * says and how {@code verify} measures it from the results. Columns: id, figure, statement, expected, tolerance,
 * measured_by, known_discrepancy (optional).
 *
 * <p>{@code measured_by} is {@code AGG|FILE|COLUMN|FILTERS}: AGG is value (the single matching row), min, max,
 * argmin:COL / argmax:COL (COL at the row with the smallest / largest COLUMN), maxabsdiff:COL (largest |COLUMN −
 * COL|) or slope:COL (least-squares slope of COLUMN against COL); FILE is a CSV inside the results folder;
 * FILTERS are {@code key=value} pairs joined by ';' (numbers compare numerically). {@code dl|FIGURE|NOTE} marks a
 * claim about the protocol that no results file measures (always NOT-RUN, NOTE printed). {@code expected} is a
 * number with a tolerance (absolute, or relative with '%'), or a bound {@code <X}, {@code <=X}, {@code >X},
 * {@code >=X} with no tolerance.
 */
record Claim(int line, String id, String figure, String statement, String known, String note, String aggregate,
             String other, String file, String column, List<Filter> filters, String filterText, String expectedText,
             String bound, double expected, String toleranceText, double tolerance, boolean relative) {

    static final List<String> COLUMNS = List.of("id", "figure", "statement", "expected", "tolerance", "measured_by");
    private static final List<String> PLAIN = List.of("value", "min", "max");
    private static final List<String> WITH_COLUMN = List.of("argmin", "argmax", "maxabsdiff", "slope");
    /** A decimal number as our CSVs write it (Java's parser alone would also take "1d", "0x1p3", "NaN"). */
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    /** One {@code key=value} filter of measured_by. */
    record Filter(String key, String value) {
        boolean matches(String have) {
            if (have.equals(value)) {
                return true;
            }
            return isDecimal(have) && isDecimal(value) && Double.parseDouble(have) == Double.parseDouble(value);
        }
    }

    /** A claim about the protocol, not measured from results ({@code dl|FIGURE|NOTE}). */
    boolean protocolOnly() {
        return note != null;
    }

    static boolean isDecimal(String s) {
        return DECIMAL.matcher(s).matches();
    }

    /** Every claim of {@code file}; one-line {@link InvalidInputException} naming file, line and claim on any defect. */
    static List<Claim> readAll(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("--claims: file " + file + " not found");
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
                    + " (a claims table has " + String.join(", ", COLUMNS) + "[, known_discrepancy])");
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
        String figure = row.get("figure").strip();
        if (!ReproduceCommand.FIGURES.containsKey(figure)) {
            throw new InvalidInputException(where + "figure '" + CsvReader.clip(figure) + "' is not made by ./tidl reproduce (valid: "
                    + String.join(", ", ReproduceCommand.FIGURES.keySet()) + ")");
        }
        String statement = row.get("statement");
        String known = row.cells().getOrDefault("known_discrepancy", "");
        String how = row.get("measured_by");
        String[] parts = how.split("\\|", -1);
        if (parts[0].equals("dl")) {
            String note = parts.length > 2 ? parts[2] : "deep-learning claim, not reproduced yet";
            return new Claim(row.line(), id, figure, statement, known, note, null, null, null, null, List.of(), "", "",
                    null, Double.NaN, "", Double.NaN, false);
        }
        if (parts.length != 4) {
            throw new InvalidInputException(where + "measured_by must be AGG|FILE|COLUMN|FILTERS, got '" + CsvReader.clip(how) + "'");
        }
        String agg = parts[0];
        int colon = agg.indexOf(':');
        String kind = colon < 0 ? agg : agg.substring(0, colon);
        String other = colon < 0 ? null : agg.substring(colon + 1);
        if (!(PLAIN.contains(kind) && other == null || WITH_COLUMN.contains(kind) && other != null && !other.isEmpty())) {
            throw new InvalidInputException(where + "unknown aggregate '" + CsvReader.clip(agg)
                    + "' (allowed: value, min, max, argmin:COL, argmax:COL, maxabsdiff:COL, slope:COL)");
        }
        String resultFile = parts[1];
        Path rel = Path.of(resultFile).normalize();
        if (resultFile.isEmpty() || rel.isAbsolute() || rel.startsWith("..")) {
            throw new InvalidInputException(where + "measured_by's FILE must be a file inside the results folder, got '"
                    + CsvReader.clip(resultFile) + "'");
        }
        if (parts[2].isEmpty()) {
            throw new InvalidInputException(where + "measured_by has an empty COLUMN");
        }
        List<Filter> filters = new ArrayList<>();
        if (!parts[3].isBlank()) {
            for (String f : parts[3].split(";", -1)) {
                int eq = f.indexOf('=');
                if (eq <= 0) {
                    throw new InvalidInputException(where + "filter '" + CsvReader.clip(f) + "' is not key=value");
                }
                filters.add(new Filter(f.substring(0, eq), f.substring(eq + 1)));
            }
        }
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
            return new Claim(row.line(), id, figure, statement, known, null, kind, other, resultFile, parts[2], filters,
                    parts[3], expectedText, expectedText.substring(0, orEqual ? 2 : 1), Double.parseDouble(limit), "",
                    Double.NaN, false);
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
        return new Claim(row.line(), id, figure, statement, known, null, kind, other, resultFile, parts[2], filters,
                parts[3], expectedText, null, Double.parseDouble(expectedText), tolText, Double.parseDouble(tolNumber),
                relative);
    }
}
