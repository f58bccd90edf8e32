package org.tidl.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidl.core.InvalidInputException;

/** Atomic writes leave no litter behind; the strict reader names file and line for every defect. */
class CsvFilesTest {

    private static List<String> names(Path dir) throws java.io.IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Path file(Path dir, String name, String text, Instant modified) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        Files.setLastModifiedTime(p, FileTime.from(modified));
        return p;
    }

    /** A killed write leaves .NAME<digits>.tmp; the next write of NAME removes it, and only it. */
    @Test
    void writeRemovesStaleTempFilesOfTheSameFileOnly(@TempDir Path dir) throws Exception {
        Instant old = Instant.now().minus(Csv.STALE_TEMP_AGE).minusSeconds(60);
        Instant fresh = Instant.now().minusSeconds(5);
        file(dir, ".fig2.csv8123456789012345678.tmp", "half a fig2", old);          // litter: removed
        file(dir, ".fig2.csv42.tmp", "half a fig2", old);                            // litter: removed
        file(dir, ".fig2.csv555.tmp", "a concurrent writer's", fresh);               // too young: kept
        file(dir, ".fig2.png77.tmp", "another file's litter", old);                  // not fig2.csv's: kept
        file(dir, ".fig2.csv.tmp", "not our naming", old);                           // no digits: kept
        file(dir, ".fig2.csv12x.tmp", "not our naming", old);                        // kept
        file(dir, ".fig2.csv12.tmp.bak", "not our naming", old);                     // kept
        file(dir, "fig3.csv", "a,b\n1,2\n", old);                                    // kept
        Csv csv = new Csv("a", "b");
        csv.add(1, "x,y");
        csv.writeTo(dir.resolve("fig2.csv"));
        assertThat(names(dir)).containsExactly(".fig2.csv.tmp", ".fig2.csv12.tmp.bak", ".fig2.csv12x.tmp",
                ".fig2.csv555.tmp", ".fig2.png77.tmp", "fig2.csv", "fig3.csv");
        assertThat(Files.readString(dir.resolve("fig2.csv"))).isEqualTo("a,b\n1,\"x,y\"\n");
        assertThat(Files.readString(dir.resolve("fig3.csv"))).isEqualTo("a,b\n1,2\n");
    }

    /** The cleaner's pattern is the one the writer really uses (a killed write is simulated by looking mid-write). */
    @Test
    void theTempFileOfAWriteMatchesTheCleanersPattern(@TempDir Path dir) throws Exception {
        List<String> during = new ArrayList<>();
        Csv.writeAtomically(dir.resolve("fig1.png"), out -> {
            during.addAll(names(dir));
            out.write(1);
        });
        assertThat(during).hasSize(1);
        Path temp = dir.resolve(during.get(0));
        file(dir, during.get(0), "left by a kill", Instant.now().minus(Csv.STALE_TEMP_AGE).minusSeconds(1));
        Csv.removeStaleTempFiles(dir, "fig1.png");
        assertThat(temp).doesNotExist();
        assertThat(names(dir)).containsExactly("fig1.png");
    }

    @Test
    void strictTableKeepsLineNumbersThroughQuotedNewlinesAndBlankLines(@TempDir Path dir) throws Exception {
        Path f = file(dir, "t.csv", "\uFEFFa,b\r\n1,\"two\nlines\"\n\n3,\"x,y\"\n", Instant.now());
        CsvReader.Table t = CsvReader.table(f);
        assertThat(t.header()).containsExactly("a", "b");
        assertThat(t.rows()).hasSize(2);
        assertThat(t.rows().get(0).line()).isEqualTo(2);
        assertThat(t.rows().get(0).get("b")).isEqualTo("two\nlines");
        assertThat(t.rows().get(1).line()).isEqualTo(5);
        assertThat(t.rows().get(1).get("b")).isEqualTo("x,y");
        assertThat(CsvReader.table(file(dir, "h.csv", "a,b\n", Instant.now())).rows()).isEmpty();
    }

    @Test
    void strictTableNamesFileAndLineOfEveryDefect(@TempDir Path dir) throws Exception {
        String[][] cases = {
            {"", "empty file"},
            {"a,b\n1,2\n3,\"open\n4,5\n", "line 3: a quoted field is never closed"},
            {"a,b\n1,2\n3\n", "line 3: 1 cells, the header has 2"},
            {"a,b\n1,2,3\n", "line 2: 3 cells, the header has 2"},
            {"a,a\n1,2\n", "line 1: column 'a' appears twice"},
            {"a,,c\n1,2,3\n", "line 1: empty column name"},
        };
        for (String[] c : cases) {
            Path f = file(dir, "bad.csv", c[0], Instant.now());
            assertThatThrownBy(() -> CsvReader.table(f)).as(c[0]).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(f.toString()).hasMessageContaining(c[1]);
        }
        Path binary = dir.resolve("bin.csv");
        Files.write(binary, new byte[] {'a', '\n', (byte) 0xff, (byte) 0xfe, '\n'});
        assertThatThrownBy(() -> CsvReader.table(binary)).hasMessageContaining("bin.csv: not UTF-8 text");
        assertThatThrownBy(() -> CsvReader.table(dir.resolve("none.csv"))).hasMessageContaining("none.csv: not found");
        // the lenient reader is unchanged: short rows padded, no exception
        assertThat(CsvReader.parse("a,b\n1\n")).singleElement().satisfies(r -> assertThat(r.get("b")).isEmpty());
    }
}
