package org.tidl.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tidl.core.InvalidInputException;
import org.tidl.core.Messages;

/**
 * Reads a small text file the user gives (a matrix CSV, an experiment file) with errors a person understands:
 * "not found", "permission denied", "is a folder", "is not a text file" for binary data, "is not UTF-8" with
 * the offset of the first bad byte. A UTF-8 byte-order mark at the start is dropped (editors on Windows write
 * one), so it never ends up invisible inside the first key or number.
 */
public final class TextFiles {

    /** Larger files are refused rather than read (a typo such as /dev/zero must not hang or exhaust memory). */
    public static final int MAX_BYTES = 1 << 30;

    private TextFiles() {
    }

    /**
     * @param what what the file is, for messages ("matrix file", "experiment file")
     * @throws InvalidInputException naming the file and what is wrong with it
     */
    public static String read(Path file, String what) {
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(what + " " + file + " is a folder, not a file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new InvalidInputException(what + " " + file + ": " + Messages.reason(e));
        }
        if (bytes.length > MAX_BYTES) {
            throw new InvalidInputException(what + " " + file + " is larger than " + (MAX_BYTES >> 20) + " MiB");
        }
        return decode(bytes, file + "", what);
    }

    /** UTF-8 text of {@code bytes} without a leading byte-order mark; binary or non-UTF-8 data is refused. */
    static String decode(byte[] bytes, String file, String what) {
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        for (int i = start; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new InvalidInputException(what + " " + file + " is not a text file (it holds binary data: a zero byte at offset " + i + ")");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(what + " " + file + " is not UTF-8 text (invalid byte at offset "
                    + firstInvalid(bytes, start) + "); save it as UTF-8");
        }
    }

    /** Offset of the first byte that is not part of a valid UTF-8 sequence. */
    private static int firstInvalid(byte[] b, int from) {
        int i = from;
        while (i < b.length) {
            int c = b[i] & 0xFF;
            int len = c < 0x80 ? 1 : c >= 0xC2 && c < 0xE0 ? 2 : c >= 0xE0 && c < 0xF0 ? 3 : c >= 0xF0 && c < 0xF5 ? 4 : 0;
            if (len == 0 || i + len > b.length) {
                return i;
            }
            for (int k = 1; k < len; k++) {
                if ((b[i + k] & 0xC0) != 0x80) {
                    return i;
                }
            }
            i += len;
        }
        return i;
    }
}
