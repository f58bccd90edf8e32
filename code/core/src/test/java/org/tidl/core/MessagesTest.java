package org.tidl.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** Error text is one safe line: long input is quoted short, invisible characters are shown. */
class MessagesTest {

    @Test
    void longQuotedInputIsShortenedAndTheRestKept() {
        String spec = "y".repeat(120_000);
        String m = new InvalidInputException("unknown topology '" + spec + "' (valid: ring, star)").getMessage();
        assertThat(m).isEqualTo("unknown topology '" + "y".repeat(70) + "…' (120000 characters) (valid: ring, star)");
        // short quotes, and the text between two quotes, are left alone
        String two = "name 'a' is taken by plugin " + "p".repeat(100) + ".jar, class 'b'";
        assertThat(Messages.oneLine(two)).isEqualTo(two);
        assertThat(Messages.quote("z".repeat(81))).isEqualTo("'" + "z".repeat(70) + "…' (81 characters)");
        assertThat(Messages.quote("z".repeat(80))).isEqualTo("'" + "z".repeat(80) + "'");
    }

    @Test
    void invisibleCharactersAreShownAndWhitespaceIsOneSpace() {
        assertThat(Messages.oneLine("  key '\uFEFFname'\n\tline\u0000two  ")).isEqualTo("key '\\uFEFFname' line\\u0000two");
        assertThat(Messages.oneLine(null)).isEmpty();
        // a message is never longer than the limit, even without quotes
        assertThat(Messages.oneLine("w ".repeat(5000))).hasSizeLessThanOrEqualTo(Messages.MESSAGE_LIMIT);
    }

    @Test
    void fileErrorsAreSaidInWords() {
        assertThat(Messages.reason(new AccessDeniedException("/tmp/x"))).isEqualTo("permission denied");
        assertThat(Messages.reason(new NoSuchFileException("/tmp/x"))).isEqualTo("not found");
        assertThat(Messages.reason(new java.io.IOException("No space left on device"))).isEqualTo("No space left on device");
    }

    @Test
    void nativeAllocationFailuresCountAsOutOfMemory() {
        assertThat(Messages.isOutOfMemory(new RuntimeException("Allocation failed: [std::bad_alloc]"))).isTrue();
        assertThat(Messages.isOutOfMemory(new IllegalStateException("x", new OutOfMemoryError("Java heap space")))).isTrue();
        assertThat(Messages.isOutOfMemory(new IllegalStateException("kaboom"))).isFalse();
    }
}
