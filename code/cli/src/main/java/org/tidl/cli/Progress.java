package org.tidl.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A one-line progress bar with ETA on stderr, redrawn at most every 250 ms:
 * {@code fig1-left [#########-----------]  45%  90/200  elapsed 0:12  ETA 0:15}. Thread-safe.
 */
final class Progress {

    private final PrintStream err;
    private final String label;
    private final long total;
    private final long start = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private long lastDraw;
    private boolean drawn;

    Progress(PrintStream err, String label, long total) {
        this.err = err;
        this.label = label;
        this.total = Math.max(total, 1);
    }

    void advance(long units) {
        long d = done.addAndGet(units);
        long now = System.nanoTime();
        synchronized (this) {
            if (d < total && now - lastDraw < 250_000_000L) {
                return;
            }
            lastDraw = now;
            draw(d, now);
        }
    }

    /** Counts work that was already done (a resumed sweep): it fills the bar but does not speed up the ETA. */
    void skip(long units) {
        skipped.addAndGet(units);
        advance(units);
    }

    /** Ends the line. */
    synchronized void finish() {
        draw(done.get(), System.nanoTime());
        if (drawn) {
            err.println();
        }
    }

    private void draw(long d, long now) {
        double f = Math.min(1.0, d / (double) total);
        int width = 24;
        int filled = (int) Math.round(f * width);
        double elapsed = (now - start) / 1e9;
        long worked = d - skipped.get();
        String eta = worked <= 0 ? "?" : time(elapsed * (total - d) / worked);
        err.print("\r" + label + " [" + "#".repeat(filled) + "-".repeat(width - filled) + "] "
                + String.format(Locale.ROOT, "%3d%%  %d/%d  elapsed %s  ETA %s ", Math.round(f * 100), d, total, time(elapsed), eta));
        err.flush();
        drawn = true;
    }

    static String time(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
