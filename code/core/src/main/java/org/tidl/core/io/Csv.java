package org.tidl.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
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
     * never sees a half-written result (CSV or PNG). The temp file is {@code .NAME<digits>.tmp}; a write that is
     * killed leaves it behind, and the next write of the same file removes it (see {@link #removeStaleTempFiles}).
     */
    public static void writeAtomically(Path file, Content content) {
        try {
            if (Files.isDirectory(file)) {
                throw new UncheckedIOException("cannot write " + file + ": it is a folder", new IOException("is a folder"));
            }
            if (Files.exists(file)) {
                Path proc = procPath(file);
                if (proc != null || !Files.isRegularFile(file)) {
                    // a device, a pipe or an open descriptor (/dev/null, a FIFO, /dev/stdout): write into it, as a
                    // shell's redirection would. Renaming a temp file over it would put a regular file where the
                    // device or the link was (run as root, --out /dev/null would break /dev/null for everyone)
                    writeInto(file, proc, content);
                    return;
                }
                file = file.toRealPath(); // a link to a results file: replace the file it points to, and keep the link
            }
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            removeStaleTempFiles(dir, file.getFileName().toString());
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

    /**
     * Writes into a device, pipe or descriptor. This process's own stdout and stderr ({@code /dev/stdout},
     * {@code /dev/fd/1}) are written through the descriptor itself: opening the path again would start a second
     * file position, and a shell's {@code > log} would then be overwritten from its start.
     */
    private static void writeInto(Path file, Path proc, Content content) throws IOException {
        String self = "/proc/" + ProcessHandle.current().pid() + "/fd/";
        java.io.FileDescriptor fd = proc == null ? null : proc.toString().equals(self + "1") ? java.io.FileDescriptor.out
                : proc.toString().equals(self + "2") ? java.io.FileDescriptor.err : null;
        if (fd != null) {
            java.io.OutputStream out = new java.io.FileOutputStream(fd); // not closed: the descriptor stays open
            content.writeTo(out);
            out.flush();
            return;
        }
        try (java.io.OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            content.writeTo(out);
        }
    }

    /**
     * The /proc path a file's links lead through ({@code /dev/stdout} → {@code /proc/PID/fd/1}), or null: a path
     * through /proc is a process's open descriptor, not a file to replace.
     */
    static Path procPath(Path file) throws IOException {
        Path p = file.toAbsolutePath().normalize();
        for (int links = 0; links < 40; links++) {
            Path parent = p.getParent();
            if (parent != null && p.getFileName() != null) {
                p = parent.toRealPath().resolve(p.getFileName());
            }
            if (p.startsWith("/proc")) {
                return p;
            }
            if (!Files.isSymbolicLink(p)) {
                return null;
            }
            p = p.resolveSibling(Files.readSymbolicLink(p)).normalize();
        }
        return null;
    }

    /**
     * A temp file older than this was left by a killed write: a live write renames its temp file within seconds
     * (the content is ready before the temp file is created, or rendered straight into it), so a younger one may
     * belong to a concurrent writer of the same file and is left alone.
     */
    public static final Duration STALE_TEMP_AGE = Duration.ofMinutes(10);

    /**
     * Removes the temp files of {@link #writeAtomically} for {@code name} in {@code dir} ({@code .NAME<digits>.tmp},
     * as {@link Files#createTempFile} names them) that were last modified more than {@link #STALE_TEMP_AGE} ago.
     * Nothing else is touched: not other files' temp files, not files of other names. Best effort: a temp file
     * that cannot be removed (permissions, a concurrent cleaner) is left, and the write goes on.
     */
    static void removeStaleTempFiles(Path dir, String name) {
        String prefix = "." + name;
        long cutoff = System.currentTimeMillis() - STALE_TEMP_AGE.toMillis();
        try (java.nio.file.DirectoryStream<Path> temps = Files.newDirectoryStream(dir, p -> isTempOf(p, prefix))) {
            for (Path t : temps) {
                try {
                    if (Files.isRegularFile(t, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                            && Files.getLastModifiedTime(t, java.nio.file.LinkOption.NOFOLLOW_LINKS).toMillis() < cutoff) {
                        Files.deleteIfExists(t);
                    }
                } catch (IOException e) {
                    // left for a later run
                }
            }
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            // an unlistable folder: the write itself reports any real problem
        }
    }

    private static boolean isTempOf(Path p, String prefix) {
        String n = p.getFileName().toString();
        if (!n.startsWith(prefix) || !n.endsWith(".tmp") || n.length() <= prefix.length() + 4) {
            return false;
        }
        for (int i = prefix.length(); i < n.length() - 4; i++) {
            if (n.charAt(i) < '0' || n.charAt(i) > '9') {
                return false;
            }
        }
        return true;
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
