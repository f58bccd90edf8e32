package org.tidl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tidl.cli.CliTest.assertBadInput;
import static org.tidl.cli.CliTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidl.core.io.Csv;
import org.tidl.core.io.CsvReader;

/**
 * {@code verify} on broken results and claims, each case on a copy of the committed results: broken results are
 * UNRESOLVED (exit 1) with file, line and column named; results never produced are NOT-RUN with the command that
 * makes them; bad --results or claims are one-line errors (exit 2).
 */
class VerifyCliTest {

    static final Path HOME = Path.of("../..").toAbsolutePath().normalize();

    @BeforeAll
    static void home() {
        System.setProperty("tidl.home", HOME.toString());
    }

    /** The committed results' CSVs, the full run's and the quick run's (in quick/), copied into {@code dir}. */
    static Path copyOfResults(Path dir) throws Exception {
        for (String variant : new String[] {"", "quick"}) {
            Path to = dir.resolve(variant);
            Files.createDirectories(to);
            try (Stream<Path> files = Files.list(HOME.resolve("results").resolve(variant))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
        }
        return dir;
    }

    static void edit(Path file, UnaryOperator<List<String>> change) throws Exception {
        Files.write(file, change.apply(new ArrayList<>(Files.readAllLines(file))));
    }

    /** Rewrites a results CSV through the real CSV reader and writer, with one column dropped or renamed. */
    static void rewriteColumn(Path file, String column, String renameTo) {
        CsvReader.Table t = CsvReader.table(file);
        List<String> header = new ArrayList<>(t.header());
        int at = header.indexOf(column);
        if (renameTo == null) {
            header.remove(at);
        } else {
            header.set(at, renameTo);
        }
        Csv csv = new Csv(header);
        for (CsvReader.Row r : t.rows()) {
            List<Object> cells = new ArrayList<>(r.cells().values());
            if (renameTo == null) {
                cells.remove(at);
            }
            csv.add(cells.toArray());
        }
        csv.writeTo(file);
    }

    static CliTest.Result verify(Path results) {
        return run("verify", "--results", results.toString());
    }

    /** exit 1, no FAIL, and every named claim UNRESOLVED with all the fragments in its line. */
    static void assertUnresolved(CliTest.Result r, List<String> ids, String... fragments) {
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).doesNotContain("FAIL ");
        assertThat(r.err()).contains("UNRESOLVED");
        for (String id : ids) {
            String line = r.out().lines().filter(l -> l.startsWith("UNRESOLVED " + id + " ")).findFirst().orElse("");
            assertThat(line).as("claim " + id + " in\n" + r.out()).contains(fragments);
        }
    }

    /** The committed results: nothing broken, so nothing UNRESOLVED, and NOT-RUN only where a file was never made. */
    @Test
    void committedResultsVerify(@TempDir Path dir) throws Exception {
        Path results = copyOfResults(dir);
        CliTest.Result r = verify(results);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("FAIL ", "UNRESOLVED");
        assertThat(r.err()).containsPattern("verify: \\d+ PASS, \\d+ KNOWN discrepancies of the paper, 0 FAIL, 0 UNRESOLVED, \\d+ NOT-RUN");
        for (String line : r.out().lines().filter(l -> l.startsWith("NOT-RUN")).toList()) {
            assertThat(line).satisfiesAnyOf(
                    l -> assertThat(l).contains("protocol claim"),
                    l -> assertThat(l).containsPattern(" not produced yet \\(run \\./tidl reproduce --figure fig[456] "
                            + "--data-dir CIFAR10_DIR --out " + java.util.regex.Pattern.quote(results.toString())));
        }
        assertThat(r.out()).contains("NOT-RUN 17a  fig4 ");
    }

    @Test
    void resultsThatAreNotAFolderAreBadInput(@TempDir Path dir) throws Exception {
        assertBadInput(verify(dir.resolve("nonexistent")), "--results: folder " + dir.resolve("nonexistent") + " not found");
        Path file = Files.writeString(dir.resolve("fig2.csv"), "a\n1\n");
        assertBadInput(verify(file), "--results: " + file + " is not a folder");
    }

    /** An existing but empty folder: nothing could be checked, which is not a success. */
    @Test
    void emptyResultsFolderChecksNothingAndExitsOne(@TempDir Path dir) {
        CliTest.Result r = verify(dir);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).doesNotContain("PASS", "UNRESOLVED").contains("NOT-RUN 14b  fig2 ");
        assertThat(r.err()).contains("no claim could be checked", "./tidl reproduce --all --out " + dir);
    }

    @Test
    void deletedOrRenamedColumnIsUnresolved(@TempDir Path dir) throws Exception {
        Path results = copyOfResults(dir);
        Path topologies = results.resolve("topologies.csv");
        rewriteColumn(topologies, "spectral_gap", null);
        assertUnresolved(verify(results), List.of("1", "2", "8a"), topologies + " has no column 'spectral_gap'");
        Files.copy(HOME.resolve("results/topologies.csv"), topologies, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        rewriteColumn(topologies, "spectral_gap", "gap");
        assertUnresolved(verify(results), List.of("1", "8f"), "has no column 'spectral_gap' (columns: topology, spec, workers, gap,");
        // a filter's column counts too
        Path fig2 = results.resolve("fig2.csv");
        rewriteColumn(fig2, "curve", "label");
        assertUnresolved(verify(results), List.of("14a", "14b"), fig2 + " has no column 'curve'");
    }

    @Test
    void emptyAndHeaderOnlyFilesAreUnresolved(@TempDir Path dir) throws Exception {
        Path results = copyOfResults(dir);
        Path fig2 = results.resolve("fig2.csv");
        Files.writeString(fig2, "");
        assertUnresolved(verify(results), List.of("14a", "14e"), fig2 + ": empty file (no header line)");
        edit(fig2, l -> List.of(CsvReader.table(HOME.resolve("results/fig2.csv")).header().stream()
                .reduce((a, b) -> a + "," + b).orElseThrow()));
        assertUnresolved(verify(results), List.of("14a", "14e"), fig2 + ": a header line and no rows");
    }

    @Test
    void duplicatedRowIsUnresolved(@TempDir Path dir) throws Exception {
        Path results = copyOfResults(dir);
        Path kinks = results.resolve("fig3-kinks.csv");
        edit(kinks, l -> {
            l.add(l.get(2));
            return l;
        });
        int last = Files.readAllLines(kinks).size();
        assertUnresolved(verify(results), List.of("15a", "15b", "15c"), kinks + " lines 3 and " + last + ": the same row twice");
    }

    /** NaN or text in a number cell names file, line and column; so does an empty cell where one value is read. */
    @Test
    void nanTextAndEmptyCellsAreUnresolved(@TempDir Path dir) throws Exception {
        Path results = copyOfResults(dir);
        Path topologies = results.resolve("topologies.csv");
        edit(topologies, l -> {
            l.set(2, l.get(2).replace(",0.03125,", ",NaN,"));
            return l;
        });
        assertThat(Files.readAllLines(topologies).get(2)).startsWith("Star,star,32,NaN,");
        assertUnresolved(verify(results), List.of("1"), topologies + " line 3, column 'spectral_gap': NaN");
        edit(topologies, l -> {
            l.set(2, l.get(2).replace(",NaN,", ",0.03l25,"));
            return l;
        });
        assertUnresolved(verify(results), List.of("1"), topologies + " line 3, column 'spectral_gap': '0.03l25' is not a number");
        edit(topologies, l -> {
            l.set(2, l.get(2).replace(",0.03l25,", ",,"));
            return l;
        });
        assertUnresolved(verify(results), List.of("1"), topologies + " line 3: column 'spectral_gap' is empty");
        // in an aggregate over several rows, an empty cell is "no value there"; text is still an error
        Path left = results.resolve("fig1-left.csv");
        edit(left, l -> {
            for (int i = 1; i < l.size(); i++) {
                if (l.get(i).startsWith("Alone,")) {
                    l.set(i, l.get(i).replaceFirst("^Alone,solo,32,0,51,([^,]*),[^,]*,", "Alone,solo,32,0,51,$1,oops,"));
                    break;
                }
            }
            return l;
        });
        assertUnresolved(verify(results), List.of("9a", "9b"), left + " line 2, column 'theory_steps': 'oops' is not a number");
    }

    /** A malformed CSV (a quote never closed, a ragged row) is UNRESOLVED for the claims that read it. */
    @Test
    void malformedCsvIsUnresolved(@TempDir Path dir) throws Exception {
        Path results = copyOfResults(dir);
        Path rates = results.resolve("rates.csv");
        edit(rates, l -> {
            l.set(4, l.get(4) + ",extra");
            return l;
        });
        assertUnresolved(verify(results), List.of("24a", "24b", "24c"), rates + " line 5: ");
        edit(rates, l -> {
            l.set(4, "\"" + l.get(4));
            return l;
        });
        assertUnresolved(verify(results), List.of("24a"), rates + " line 5: a quoted field is never closed");
    }

    /** A claim with a filter that matches nothing, or several rows for one value, cannot be answered. */
    @Test
    void missingOrAmbiguousRowsAreUnresolved(@TempDir Path dir) throws Exception {
        Path results = copyOfResults(dir);
        Path summary = results.resolve("quick/fig6-fashion-summary.csv");
        edit(summary, l -> {
            l.removeIf(s -> s.startsWith("spearman_loss_nw,"));
            return l;
        });
        assertUnresolved(verify(results), List.of("22f"), summary + ": no row matching quantity=spearman_loss_nw");
        Path topologies = results.resolve("topologies.csv");
        edit(topologies, l -> {
            l.add(l.get(2).replace(",32,", ",31,"));
            return l;
        });
        int last = Files.readAllLines(topologies).size();
        assertUnresolved(verify(results), List.of("1", "7a"), topologies + ": 2 rows matching topology=Star (lines 3, " + last + "), one expected");
    }

    @Test
    void emptyOrMalformedClaimsAreOneLineErrors(@TempDir Path dir) throws Exception {
        Path results = copyOfResults(dir.resolve("results"));
        Path claims = dir.resolve("claims.csv");
        List<String> real = Files.readAllLines(HOME.resolve("results/published/claims.csv"));
        String[][] cases = {
            {"", claims + ": empty file"},
            {real.get(0), claims + ": no claims (only a header line)"},
            {"id,figure,statement\n1,fig2,x", claims + " line 1: no column expected, tolerance, measured_by"},
            {real.get(0) + "\n" + real.get(3).replace("|topology=Ring", "|topologyRing"),
                claims + " line 2 (claim 3): filter 'topologyRing' is not key=value"},
            {real.get(0) + "\n" + real.get(3).replace(",3,1e-9,", ",three,1e-9,"),
                claims + " line 2 (claim 3): expected 'three' is not a number"},
            {real.get(0) + "\n" + real.get(3).replace(",3,1e-9,", ",3,1e-9x,"), claims + " line 2 (claim 3): tolerance '1e-9x'"},
            {real.get(0) + "\n" + real.get(3).replace("value|", "median|"), claims + " line 2 (claim 3): unknown aggregate 'median'"},
            {real.get(0) + "\n" + real.get(3).replace("value|topologies.csv|n_w_mean_0|topology=Ring", "value|topologies.csv"),
                claims + " line 2 (claim 3): measured_by must be AGG|FILE|COLUMN|FILTERS"},
            {real.get(0) + "\n" + real.get(3).replace("|topologies.csv|", "|../topologies.csv|"),
                claims + " line 2 (claim 3): measured_by's FILE must be a file inside the results folder"},
            {real.get(0) + "\n" + real.get(3).replace(",topologies,", ",fig9,"),
                claims + " line 2 (claim 3): figure 'fig9' is not made by ./tidl reproduce"},
            {real.get(0) + "\n" + real.get(3) + "\n" + real.get(3), claims + " line 3: claim id '3' already used on line 2"},
            // names are resolved against the tables the figures declare, when the claims are read
            {real.get(0) + "\n" + real.get(3).replace("|n_w_mean_0|", "|n_w_mean_00|"),
                claims + " line 2 (claim 3): topologies.csv has no column 'n_w_mean_00' (its columns: topology, spec, workers,"},
            {real.get(0) + "\n" + real.get(3).replace("|topology=Ring", "|label=Ring"),
                claims + " line 2 (claim 3): topologies.csv has no column 'label'"},
            {real.get(0) + "\n" + real.get(3).replace("|n_w_mean_0|", "|spec|"),
                claims + " line 2 (claim 3): column 'spec' of topologies.csv holds text, not numbers"},
            {real.get(0) + "\n" + real.get(3).replace("|topologies.csv|", "|fig2.csv|"),
                claims + " line 2 (claim 3): figure topologies writes no table 'fig2.csv' (it writes topologies.csv)"},
            {real.get(0) + "\n" + real.get(3).replace(",either", ",sometimes"),
                claims + " line 2 (claim 3): run 'sometimes' is not full, quick or either"},
            {real.get(0) + "\n" + real.get(3) + "\n3,\"open", claims + " line 3: a quoted field is never closed"},
        };
        for (String[] c : cases) {
            Files.writeString(claims, c[0]);
            assertBadInput(run("verify", "--results", results.toString(), "--claims", claims.toString()), c[1]);
        }
    }
}
