package org.tidl.cli;

import java.io.PrintStream;

/**
 * A {@link Progress} bar that appears only once the work has taken more than a second, so quick theory
 * commands stay silent on stderr while a slow one (a large precise rate, a quadratic sweep's theory) shows
 * where it is.
 */
final class LazyProgress {

    private static final long QUIET_NANOS = 1_000_000_000L;

    private final PrintStream err;
    private final String label;
    private final long total;
    private final long start = System.nanoTime();
    private long done;
    private Progress bar;

    LazyProgress(PrintStream err, String label, long total) {
        this.err = err;
        this.label = label;
        this.total = total;
    }

    /** One more unit done (single-threaded use). */
    void advance() {
        done++;
        if (bar == null && System.nanoTime() - start > QUIET_NANOS && done < total) {
            bar = new Progress(err, label, total);
            bar.advance(done);
        } else if (bar != null) {
            bar.advance(1);
        }
    }

    void finish() {
        if (bar != null) {
            bar.finish();
        }
    }
}
