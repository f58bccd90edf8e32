package org.tidl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tidl.cli.CliTest.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The exit codes and promises of docs/reliability.md that no other test pins down: an internal error is exit 4
 * with one line and no stack trace, a reader that closes the pipe early gives the silent 141 of SIGPIPE while
 * any other write error on stdout is exit 5, and the quadratic simulation's bytes do not depend on the thread count.
 */
class ExitCodesTest {

    @Test
    void anInternalErrorIsExitFourWithOneLineAndTheStackTraceOnlyWithDebug() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int code = Main.report(new IllegalStateException("matrix\nnot square"), err, false);
        assertThat(code).isEqualTo(4);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("tidl: internal error: java.lang.IllegalStateException: "
                + "matrix not square (run again with --debug for the stack trace, and please report it)\n");
        bytes.reset();
        assertThat(Main.report(new IllegalStateException("boom"), err, true)).isEqualTo(4);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("tidl: internal error: java.lang.IllegalStateException: boom\n")
                .contains("\tat org.tidl.cli.ExitCodesTest.");
    }

    @Test
    void aClosedPipeIsTheSilentExitOf141AndAFullDiskIsFive() {
        for (String failure : new String[] {"Broken pipe", "No space left on device"}) {
            Main.RecordingStream recorder = new Main.RecordingStream(new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    throw new IOException(failure);
                }
            });
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.run(new String[] {"describe", "--topology", "ring", "--workers", "4"}, new PrintStream(recorder, true),
                    new PrintStream(err, true, StandardCharsets.UTF_8), null, recorder);
            String said = err.toString(StandardCharsets.UTF_8);
            if (failure.equals("Broken pipe")) {
                assertThat(code).isEqualTo(141);
                assertThat(said).isEmpty();
            } else {
                assertThat(code).isEqualTo(5);
                assertThat(said).isEqualTo("tidl: error: could not write to standard output (No space left on device)\n");
            }
        }
    }

    @Test
    void theQuadraticSimulationGivesTheSameBytesOnOneThreadAsOnThree() {
        String[] cmd = {"quadratic", "--topology", "ring", "--topology", "star", "--workers", "8", "--dim", "10", "--lr",
                "0.05,0.1", "--steps", "200", "--seeds", "3", "--threads"};
        CliTest.Result one = run(concat(cmd, "1"));
        CliTest.Result three = run(concat(cmd, "3"));
        assertThat(one.code()).as(one.err()).isZero();
        assertThat(three.out()).isEqualTo(one.out());
        assertThat(one.out().lines().count()).isEqualTo(5);
    }

    private static String[] concat(String[] a, String last) {
        String[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = last;
        return out;
    }
}
