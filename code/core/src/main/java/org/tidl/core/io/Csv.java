package org.tidl.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** A CSV table (RFC 4180 quoting) that is written whole: to stdout, or to a file through a temp file and rename. */
public final class Csv {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public Csv(String... header) {
        this.header = List.of(header);
    }

    public Csv(List<String> header) {
        this.header = List.copyOf(header);
    }

    public void add(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, header " + header.size());
        }
        List<String> row = new ArrayList<>(cells.length);
        for (Object c : cells) {
            row.add(cell(c));
        }
        rows.add(row);
    }

    public int size() {
        return rows.size();
    }

    public String render() {
        StringBuilder sb = new StringBuilder();
        line(sb, header);
        for (List<String> r : rows) {
            line(sb, r);
        }
        return sb.toString();
    }

    /** Writes atomically: a reader never sees a half-written file. */
    public void writeTo(Path file) {
        writeAtomically(file, render());
    }

    public static void writeAtomically(Path file, String text) {
        writeAtomically(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** What writes a file's content. */
    public interface Content {
        void writeTo(java.io.OutputStream out) throws IOException;
    }

    /**
     * Writes {@code content} to a temp file beside {@code file}, then renames it over {@code file}: a reader
     * never sees a half-written result (CSV or PNG).
     */
    public static void writeAtomically(Path file, Content content) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try {
                try (java.io.OutputStream out = Files.newOutputStream(tmp)) {
                    content.writeTo(out);
                }
                readableByAll(tmp);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + org.tidl.core.Messages.reason(e), e);
        }
    }

    /** Temp files are created owner-only; results are for everyone to read (rw-r--r--, where POSIX). */
    private static void readableByAll(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the defaults
        }
    }

    private static void line(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(quote(cells.get(i)));
        }
        sb.append('\n');
    }

    public static String quote(String s) {
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    public static String cell(Object c) {
        if (c == null) {
            return "";
        }
        if (c instanceof Double d) {
            return number(d);
        }
        if (c instanceof Float f) {
            return number(f.doubleValue());
        }
        return c.toString();
    }

    /** 12 significant digits, plain between 1e-5 and 1e12; NaN becomes empty; ±∞ "inf"/"-inf". */
    public static String number(double x) {
        if (Double.isNaN(x)) {
            return "";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == 0) {
            return "0";
        }
        BigDecimal b = new BigDecimal(x).round(new MathContext(12)).stripTrailingZeros();
        double ax = Math.abs(x);
        if (ax >= 1e-5 && ax < 1e12) {
            return b.toPlainString();
        }
        return b.toString().replace("E+", "e").replace("E", "e");
    }
}
