package org.tidl.reproduction.render;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The one HTML escaping helper: text and attribute values as HTML5 reads them back verbatim, and relative links
 * percent-encoded. Every string the report takes from files (names, claims, provenance, paths) goes through it.
 */
public final class Html {

    private Html() {
    }

    /**
     * {@code s} as text or as a quoted attribute value: {@code & < > " '} as character references, and the
     * characters HTML does not allow in a document (C0 controls other than tab, newline, carriage return; lone
     * surrogates) replaced by U+FFFD, so a stray byte in a CSV cannot break the page.
     */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f || Character.isSurrogate(c)) {
                        sb.append('\uFFFD');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /**
     * The relative URL from a page in {@code fromFolder} to {@code file} ({@code quick/fig2.csv},
     * {@code ../results/fig2.csv}), each path segment percent-encoded (UTF-8) so that spaces, {@code #}, {@code ?}
     * and a {@code :} (which would read as a URL scheme: "circulant:offsets=1,4.png") stay part of the name.
     * Not yet escaped for an attribute: pass the result through {@link #escape}.
     */
    public static String relativeUrl(Path fromFolder, Path file) {
        Path from = fromFolder.toAbsolutePath().normalize();
        Path to = file.toAbsolutePath().normalize();
        Path rel = to.getRoot() != null && to.getRoot().equals(from.getRoot()) ? from.relativize(to) : to;
        StringBuilder sb = new StringBuilder();
        for (Path part : rel) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(encodeSegment(part.toString()));
        }
        return sb.toString();
    }

    /** One URL path segment: RFC 3986 unreserved characters as they are, every other byte of its UTF-8 as %XX. */
    static String encodeSegment(String segment) {
        StringBuilder sb = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }
}
