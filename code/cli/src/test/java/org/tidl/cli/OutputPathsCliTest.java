package org.tidl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tidl.cli.CliTest.assertBadInput;
import static org.tidl.cli.CliTest.run;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new user's try-out found: every {@code --out FILE} (and {@code export --draw}) treats a folder that does not
 * exist alike (created; {@code report} used to refuse it), a folder given as the file is refused, and options a
 * method does not use are refused, not ignored.
 */
class OutputPathsCliTest {

    @Test
    void everyOutputFileCreatesItsMissingFolderAndAFolderIsNotAFile(@TempDir Path dir) {
        Path results = dir.resolve("results");
        assertThat(run("reproduce", "--figure", "topologies", "--out", results.toString()).code()).isZero();
        Path missing = dir.resolve("nodir");
        String[][] commands = {
                {"describe", "--topology", "ring", "--workers", "8", "--out", missing.resolve("d/x.csv").toString()},
                {"neighbors", "--topology", "ring", "--workers", "8", "--gamma", "0.5", "--out", missing.resolve("n/x.csv").toString()},
                {"rate", "--topology", "ring", "--workers", "8", "--zeta", "50", "--lr", "0.1", "--out", missing.resolve("r/x.csv").toString()},
                {"export", "--topology", "ring", "--workers", "4", "--out", missing.resolve("w/x.csv").toString()},
                {"export", "--topology", "ring", "--workers", "4", "--draw", missing.resolve("g/x.png").toString()},
                {"verify", "--results", results.toString(), "--out", missing.resolve("v/x.txt").toString()},
                {"report", "--results", results.toString(), "--out", missing.resolve("i/x.html").toString()}};
        for (String[] c : commands) {
            CliTest.Result r = run(c);
            assertThat(r.code()).as(String.join(" ", c) + ": " + r.err()).isZero();
            assertThat(Path.of(c[c.length - 1])).as(c[0]).isRegularFile();
            assertBadInput(run(c[0].equals("export") && c[c.length - 2].equals("--draw")
                    ? new String[] {"export", "--topology", "ring", "--workers", "4", "--out", dir.toString()}
                    : replaceLast(c, dir.toString())), "is a folder");
        }
        CliTest.Result one = run("describe", "--topology", "ring", "--workers", "8", "--out", dir.resolve("x.csv").toString());
        assertThat(one.err()).contains("wrote 1 row to");
    }

    private static String[] replaceLast(String[] c, String value) {
        String[] d = c.clone();
        d[d.length - 1] = value;
        return d;
    }

    @Test
    void theSimulationsOptionsAreRefusedWithTheExactMethod() {
        for (String[] o : new String[][] {{"--repetitions", "10"}, {"--steps", "10"}, {"--seed", "3"}, {"--graph-sequences", "3"}}) {
            assertBadInput(run("neighbors", "--topology", "ring", "--workers", "8", "--gamma", "0.5", o[0], o[1]),
                    o[0] + " is for --method simulate");
        }
        CliTest.Result simulated = run("neighbors", "--topology", "ring", "--workers", "8", "--gamma", "0.5", "--method",
                "simulate", "--repetitions", "10", "--seed", "3");
        assertThat(simulated.code()).as(simulated.err()).isZero();
    }
}
