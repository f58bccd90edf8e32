package org.tidl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same command gives the same bytes in any locale: under a comma-decimal default (German) every CSV, PNG and
 * stdout line equals the one written under {@link Locale#ROOT}. Runs in-process with the default locale switched
 * (and restored).
 */
class LocaleIndependenceTest {

    @BeforeAll
    static void home() {
        System.setProperty("tidl.home", Path.of("../..").toAbsolutePath().normalize().toString());
    }

    static <T> T inLocale(Locale locale, Supplier<T> action) {
        Locale before = Locale.getDefault();
        Locale.setDefault(locale);
        try {
            return action.get();
        } finally {
            Locale.setDefault(before);
        }
    }

    /** Figures with decimal tick labels (regularity study, Fig. 2), specs built from numbers, and plain CSVs. */
    @Test
    void figuresAndTheirCsvAreByteIdenticalUnderAGermanLocale(@TempDir Path root, @TempDir Path german) throws IOException {
        String[] figures = {"reproduce", "--figure", "study-regularity", "--figure", "fig2", "--figure", "topologies",
            "--quick", "--threads", "2", "--out"};
        CliTest.Result a = inLocale(Locale.ROOT, () -> CliTest.run(append(figures, root.toString())));
        assertThat(a.code()).as(a.err()).isZero();
        CliTest.Result b = inLocale(Locale.GERMANY, () -> CliTest.run(append(figures, german.toString())));
        assertThat(b.code()).as(b.err()).isZero();
        TreeMap<String, byte[]> expected = files(root.resolve("quick"));
        assertThat(expected.keySet()).contains("study-regularity.csv", "study-regularity-left.png", "fig2.csv", "fig2.png", "fig2.svg",
                "topologies.csv");
        TreeMap<String, byte[]> actual = files(german.resolve("quick"));
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        List<String> differ = expected.keySet().stream().filter(n -> !java.util.Arrays.equals(actual.get(n), expected.get(n)))
                .toList();
        assertThat(differ).as("files whose bytes differ under Locale.GERMANY").isEmpty();
        assertThat(reports(b.err())).contains("study-regularity: Spearman rho").isEqualTo(reports(a.err()));
    }

    @Test
    void commandOutputIsByteIdenticalUnderAGermanLocale() {
        List<String[]> commands = List.of(
                new String[] {"describe", "--topology", "ring", "--topology", "erdos-renyi:p=0.3", "--workers", "16"},
                new String[] {"neighbors", "--topology", "ring", "--topology", "time-varying-erdos-renyi:p=0.25", "--workers",
                    "16", "--gamma", "0.5,0.951", "--method", "simulate"},
                new String[] {"rate", "--topology", "ring", "--workers", "16", "--zeta", "50", "--lr", "0.05,0.1",
                    "--method", "precise"},
                new String[] {"quadratic", "--topology", "ring", "--workers", "8", "--dim", "10", "--batch", "2",
                    "--lr", "0.1", "--steps", "30", "--target", "0.01", "--seeds", "2"},
                new String[] {"list"});
        for (String[] c : commands) {
            CliTest.Result a = inLocale(Locale.ROOT, () -> CliTest.run(c));
            assertThat(a.code()).as(a.err()).isZero();
            CliTest.Result b = inLocale(Locale.GERMANY, () -> CliTest.run(c));
            assertThat(b.out()).as(String.join(" ", c)).isEqualTo(a.out());
        }
    }

    /** stderr without the progress bars and the run time (they depend on timing, not on the locale). */
    private static String reports(String err) {
        return err.lines().filter(l -> !l.contains("elapsed")).map(l -> l.replaceAll("in [0-9.]+ s", ""))
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    private static String[] append(String[] a, String last) {
        String[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = last;
        return out;
    }

    /** The results of a folder; provenance records are left out (they hold the run's times). */
    private static TreeMap<String, byte[]> files(Path dir) throws IOException {
        TreeMap<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> !f.toString().endsWith(org.tidl.reproduction.provenance.Provenance.SUFFIX)).toList()) {
                out.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }
}
