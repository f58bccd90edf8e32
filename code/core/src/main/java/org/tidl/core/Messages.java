package org.tidl.core;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders error and warning text for one line on a terminal or in a log: whitespace runs become one space,
 * invisible characters (control characters, a byte-order mark, zero-width marks) are shown as {@code \\uXXXX},
 * and every quoted piece of user input longer than {@link #QUOTE_LIMIT} characters is shortened, so a
 * 120 KB spec or a file's content is never echoed whole.
 */
public final class Messages {

    /** The most characters of one quoted input shown in a message. */
    public static final int QUOTE_LIMIT = 80;

    /** A message longer than this (after shortening its quotes) is cut. */
    static final int MESSAGE_LIMIT = 1000;

    /**
     * A quoted piece: an opening quote at the start or after a space, '(', '=' or ':', and a closing quote
     * before the end or a space, ')', ',', ':', ';' or '.'; so "got 'a' and 'b'" holds two quoted pieces and
     * the text between them is not one.
     */
    private static final Pattern QUOTED = Pattern.compile("(?<=^|[\\s(=:])'(.*?)'(?=$|[\\s),:;.])");

    private static final Pattern UNCLOSED = Pattern.compile("(?<=^|[\\s(=:])'([^']*)$");

    private Messages() {
    }

    /** The message as one safe line (see the class comment); null gives "". */
    public static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder visible = new StringBuilder(Math.min(s.length(), 4 * MESSAGE_LIMIT));
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = visible.length() > 0;
                continue;
            }
            if (space) {
                visible.append(' ');
                space = false;
            }
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || Character.getType(c) == Character.UNASSIGNED || Character.isSurrogate(c) && !validSurrogate(s, i)) {
                visible.append(String.format(java.util.Locale.ROOT, "\\u%04X", (int) c));
            } else {
                visible.append(c);
            }
            if (visible.length() > 1 << 20) { // never render more than a megabyte
                break;
            }
        }
        String out = shortenQuotes(visible.toString());
        return out.length() <= MESSAGE_LIMIT ? out : out.substring(0, MESSAGE_LIMIT - 1) + "…";
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    private static String shortenQuotes(String text) {
        Matcher open = UNCLOSED.matcher(text); // a quote cut off by the length limit
        String s = open.find() && open.group(1).length() > QUOTE_LIMIT
                ? text.substring(0, open.start()) + "'" + open.group(1).substring(0, QUOTE_LIMIT - 10) + "…' (more than "
                        + open.group(1).length() + " characters)"
                : text;
        Matcher m = QUOTED.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String inner = m.group(1);
            String replacement = inner.length() <= QUOTE_LIMIT ? m.group()
                    : "'" + inner.substring(0, QUOTE_LIMIT - 10) + "…' (" + inner.length() + " characters)";
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Input quoted for a message: {@code 'text'}, at most {@link #QUOTE_LIMIT} characters of it. */
    public static String quote(String text) {
        return shortenQuotes("'" + (text == null ? "" : text) + "'");
    }

    /**
     * {@code s} as one word for a POSIX shell: as is when plainly safe, else in single quotes (a command to copy:
     * the resume hint, the command line a provenance record holds).
     */
    public static String shellWord(String s) {
        if (s != null && !s.isEmpty() && s.matches("[A-Za-z0-9_./:=,@%+-]+")) {
            return s;
        }
        return "'" + (s == null ? "" : s.replace("'", "'\\''")) + "'";
    }

    /**
     * Why a file could not be read, in words ("permission denied", "not found", "is a folder"), rather than the
     * JDK's bare path ({@code AccessDeniedException.getMessage()} is just the file name).
     */
    public static String reason(Throwable e) {
        if (e instanceof NoSuchFileException) {
            return "not found";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof FileSystemException f) {
            return f.getReason() != null ? f.getReason() : f.getClass().getSimpleName();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /**
     * Whether a failure means memory ran out: a Java {@link OutOfMemoryError} anywhere in the chain, or ND4J's
     * native allocation failures, which it reports as plain runtime exceptions ("Allocation failed:
     * [std::bad_alloc]").
     */
    public static boolean isOutOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
            String m = t.getMessage();
            if (m != null && (m.contains("std::bad_alloc") || m.contains("Allocation failed")
                    || m.contains("Cannot allocate new") || m.contains("Failed to allocate"))) {
                return true;
            }
        }
        return false;
    }
}
