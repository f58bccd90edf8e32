package org.tidl.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tidl.core.InvalidInputException;

/**
 * Reads an RFC 4180 CSV with a header row: leniently into one map per row (column name → text), or strictly
 * into a {@link Table} whose rows keep their line numbers and whose every defect is an error naming file and line.
 */
public final class CsvReader {

    private CsvReader() {
    }

    public static List<Map<String, String>> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + org.tidl.core.Messages.reason(e), e);
        }
        return parse(text);
    }

    public static List<Map<String, String>> parse(String text) {
        List<Record> records = records(text);
        List<Map<String, String>> out = new ArrayList<>();
        if (records.isEmpty()) {
            return out;
        }
        List<String> header = records.get(0).cells();
        for (int r = 1; r < records.size(); r++) {
            List<String> rec = records.get(r).cells();
            if (isBlank(rec)) {
                continue;
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                row.put(header.get(c), c < rec.size() ? rec.get(c) : "");
            }
            out.add(row);
        }
        return out;
    }

    /** A CSV file read strictly: its header and its data rows (blank lines skipped), each with its line number. */
    public record Table(Path file, List<String> header, List<Row> rows) {
        public boolean has(String column) {
            return header.contains(column);
        }
    }

    /** One data row: the line it starts on (1 = the header) and its cells by column name. */
    public record Row(int line, Map<String, String> cells) {
        public String get(String column) {
            return cells.get(column);
        }
    }

    /**
     * Reads {@code file} strictly. {@link InvalidInputException} with the file (and line) named when it cannot be
     * read, is not UTF-8, is empty, has an empty or repeated column name, a quoted field that never closes, or a
     * row whose number of cells differs from the header's. A header without rows is a valid (empty) table.
     */
    public static Table table(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": not found");
        } catch (AccessDeniedException e) {
            throw new InvalidInputException(file + ": permission denied");
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage());
        }
        List<Record> records = records(text);
        if (records.isEmpty()) {
            throw new InvalidInputException(file + ": empty file (no header line)");
        }
        Record last = records.get(records.size() - 1);
        if (last.unterminated()) {
            throw new InvalidInputException(file + " line " + last.line() + ": a quoted field is never closed");
        }
        List<String> header = records.get(0).cells();
        Set<String> seen = new HashSet<>();
        for (String h : header) {
            if (h.isEmpty()) {
                throw new InvalidInputException(file + " line 1: empty column name in the header");
            }
            if (!seen.add(h)) {
                throw new InvalidInputException(file + " line 1: column '" + clip(h) + "' appears twice in the header");
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            Record rec = records.get(r);
            if (isBlank(rec.cells())) {
                continue;
            }
            if (rec.cells().size() != header.size()) {
                throw new InvalidInputException(file + " line " + rec.line() + ": " + rec.cells().size()
                        + " cells, the header has " + header.size());
            }
            Map<String, String> cells = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                cells.put(header.get(c), rec.cells().get(c));
            }
            rows.add(new Row(rec.line(), cells));
        }
        return new Table(file, List.copyOf(header), List.copyOf(rows));
    }

    /** At most 80 characters of a cell, for messages (a message never echoes a whole file). */
    public static String clip(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    private static boolean isBlank(List<String> rec) {
        return rec.size() == 1 && rec.get(0).isEmpty();
    }

    /** One record, the line it starts on, and whether the text ended inside one of its quoted fields. */
    private record Record(int line, List<String> cells, boolean unterminated) { }

    private static List<Record> records(String s) {
        List<Record> out = new ArrayList<>();
        List<String> rec = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int start = 1;
        // a UTF-8 byte-order mark is not part of the first column's name
        for (int i = s.startsWith("\uFEFF") ? 1 : 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n' || (c == '\r' && (i + 1 == s.length() || s.charAt(i + 1) != '\n'))) {
                        line++;
                    }
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                rec.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
                rec.add(cell.toString());
                cell.setLength(0);
                out.add(new Record(start, rec, false));
                rec = new ArrayList<>();
                start = ++line;
            } else {
                cell.append(c);
            }
        }
        if (cell.length() > 0 || !rec.isEmpty() || quoted) {
            rec.add(cell.toString());
            out.add(new Record(start, rec, quoted));
        }
        return out;
    }

    /** A number cell: empty → NaN, "inf" → ∞. */
    public static double number(String s) {
        if (s == null || s.isEmpty()) {
            return Double.NaN;
        }
        if (s.equals("inf")) {
            return Double.POSITIVE_INFINITY;
        }
        if (s.equals("-inf")) {
            return Double.NEGATIVE_INFINITY;
        }
        return Double.parseDouble(s);
    }
}
