package org.tidl.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidl.core.InvalidInputException;

/** User text files: byte-order mark dropped, binary and non-UTF-8 data refused in words. */
class TextFilesTest {

    @Test
    void aByteOrderMarkIsDropped(@TempDir Path dir) throws Exception {
        Path f = Files.write(dir.resolve("a.csv"), "\uFEFF0.5,0.5\n".getBytes(StandardCharsets.UTF_8));
        assertThat(TextFiles.read(f, "matrix file")).isEqualTo("0.5,0.5\n");
    }

    @Test
    void binaryAndNonUtf8FilesAreRefusedInWords(@TempDir Path dir) throws Exception {
        Path environ = Files.write(dir.resolve("environ"), "A=1\0B=2\0".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> TextFiles.read(environ, "matrix file")).isInstanceOf(InvalidInputException.class)
                .hasMessage("matrix file " + environ + " is not a text file (it holds binary data: a zero byte at offset 3)");
        Path latin1 = Files.write(dir.resolve("l.csv"), new byte[] {'1', ',', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> TextFiles.read(latin1, "matrix file"))
                .hasMessage("matrix file " + latin1 + " is not UTF-8 text (invalid byte at offset 2); save it as UTF-8");
        assertThatThrownBy(() -> TextFiles.read(dir.resolve("none"), "experiment file"))
                .hasMessage("experiment file " + dir.resolve("none") + ": not found");
        assertThatThrownBy(() -> TextFiles.read(dir, "experiment file")).hasMessageEndingWith("is a folder, not a file");
    }
}
