package org.tidl.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads an RFC 4180 CSV with a header row into one map per row (column name → text). */
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
        List<List<String>> records = records(text);
        List<Map<String, String>> out = new ArrayList<>();
        if (records.isEmpty()) {
            return out;
        }
        List<String> header = records.get(0);
        for (int r = 1; r < records.size(); r++) {
            List<String> rec = records.get(r);
            if (rec.size() == 1 && rec.get(0).isEmpty()) {
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

    private static List<List<String>> records(String s) {
        List<List<String>> out = new ArrayList<>();
        List<String> rec = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
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
                out.add(rec);
                rec = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        if (cell.length() > 0 || !rec.isEmpty()) {
            rec.add(cell.toString());
            out.add(rec);
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
