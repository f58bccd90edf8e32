package org.tidl.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --out} naming a pipe or a device ({@code /dev/stdout}, {@code /dev/null}, a FIFO) gets the bytes written
 * into it: renaming a temp file over it would replace the device with a regular file (as root, {@code --out
 * /dev/null} broke /dev/null for the whole machine), and the reader of a FIFO would never see the output.
 */
class SpecialFilesTest {

    @Test
    void aFifoReceivesTheBytesAndStaysAFifo(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("out.csv");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo not available");
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo, StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Csv.writeAtomically(fifo, "a,b\n1,2\n");
        assertThat(reader.get(10, TimeUnit.SECONDS)).isEqualTo("a,b\n1,2\n");
        assertThat(Files.isRegularFile(fifo)).as("still a FIFO").isFalse();
        assertThat(Files.exists(fifo)).isTrue();
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("out.csv"); // no temp file left
        }
    }

    /** A link to a results file elsewhere: the file it points to is replaced (atomically), the link stays. */
    @Test
    void aLinkToARegularFileIsKeptAndItsTargetReplaced(@TempDir Path dir) throws Exception {
        Path target = Files.writeString(Files.createDirectories(dir.resolve("data")).resolve("fig2.csv"), "old\n");
        Path link = Files.createSymbolicLink(dir.resolve("fig2.csv"), target);
        Csv.writeAtomically(link, "new\n");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(target)).isEqualTo("new\n");
    }

    @Test
    void descriptorsAreTheLinksThroughProc(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "no /proc");
        assertThat(Csv.procPath(Path.of("/proc/self/fd/1"))).isNotNull();
        assertThat(Csv.procPath(Files.createSymbolicLink(dir.resolve("out"), Path.of("/proc/self/fd/1")))).isNotNull();
        assertThat(Csv.procPath(Files.createSymbolicLink(dir.resolve("via-folder"), Path.of("/proc/self/fd")).resolve("1")))
                .isEqualTo(Path.of("/proc/" + ProcessHandle.current().pid() + "/fd/1"));
        Path file = Files.writeString(dir.resolve("plain.csv"), "x\n");
        assertThat(Csv.procPath(file)).isNull();
        assertThat(Csv.procPath(Files.createSymbolicLink(dir.resolve("link.csv"), file))).isNull();
    }

    @Test
    void aFolderIsRefusedAndKept(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("fig2.csv"));
        assertThatThrownBy(() -> Csv.writeAtomically(folder, "x\n")).isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot write " + folder + ": it is a folder");
        assertThat(folder).isEmptyDirectory();
    }
}
