package org.tidl.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Progress of a long command on stderr. Thread-safe.
 *
 * <p>On a terminal: a one-line bar redrawn at most every 250 ms,
 * {@code fig1-left [#########-----------]  45%  90/200  elapsed 0:12  ETA 0:15}. Anywhere else (a log file, a
 * pipe, CI) a redrawn bar would write the line again and again (a 2.5-minute run wrote 46 KB of redraws), so
 * it prints plain lines instead: one each time another twentieth of the work is done (so one per unit when
 * there are at most 20 units: a cell, a figure), one at least every minute while work finishes, and one at
 * the end, {@code fig1-left  200/200 (100%)  done, elapsed 0:27}.
 *
 * <p>The ETA appears once {@link #ETA_AFTER_SECONDS} seconds have passed and a unit was done in this run (work
 * resumed from earlier results does not count): the first units of a run alone (warming up, or the quickest
 * cells) would give an absurd estimate.
 *
 * <p>Ctrl-C: {@link Main} calls {@link #interrupted} from a shutdown hook, which ends an open bar line and
 * says how to continue, with the hint a command gave {@link #whenInterrupted} (e.g. {@code train}: rerun
 * with {@code --resume}).
 */
final class Progress {

    /** Seconds of work before the first ETA is shown. */
    static final double ETA_AFTER_SECONDS = 5;

    /** In line mode, a line at least this often while units finish. */
    static final long LINE_EVERY_NANOS = 60_000_000_000L;

    /** How progress is shown: a redrawn bar (a terminal) or plain lines (anything else). */
    enum Mode { BAR, LINES }

    private final PrintStream err;
    private final String label;
    private final long total;
    private final Mode mode;
    /** Line mode: a line each time {@code done} passes another multiple of this. */
    private final long lineStep;
    private final java.util.function.LongSupplier clock;
    private final long start;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private long lastDraw;
    private long lastLineDone;
    private int lastLength;
    private boolean drawn;
    private boolean finished;

    /** The bar whose line is open (drawn, not finished): a failure ends that line before its message. */
    private static final AtomicReference<Progress> OPEN = new AtomicReference<>();

    /** What to tell the user if the command is interrupted (null: only that it was). */
    private static volatile String interruptHint;

    /** Set once interrupted: the workers still running while the JVM exits must not redraw over the message. */
    private static volatile boolean stopped;

    private static volatile Boolean stderrIsTerminal;

    /** A bar on a terminal, lines elsewhere (see the class comment). */
    Progress(PrintStream err, String label, long total) {
        this(err, label, total, isTerminal(err) ? Mode.BAR : Mode.LINES);
    }

    Progress(PrintStream err, String label, long total, Mode mode) {
        this(err, label, total, mode, System::nanoTime);
    }

    /** With the clock (nanoseconds) that times the work: tests give their own. */
    Progress(PrintStream err, String label, long total, Mode mode, java.util.function.LongSupplier clock) {
        this.clock = clock;
        this.start = clock.getAsLong();
        this.lastDraw = start;
        this.err = err;
        this.label = label;
        this.total = Math.max(total, 1);
        this.mode = mode;
        this.lineStep = Math.max(1, (this.total + 19) / 20);
    }

    void advance(long units) {
        long d = done.addAndGet(units);
        long now = clock.getAsLong();
        synchronized (this) {
            if (finished) {
                return;
            }
            if (mode == Mode.LINES) {
                d = done.get(); // the latest count: lines never go backwards when threads race here
                boolean nextStep = d / lineStep > lastLineDone / lineStep;
                boolean aWhile = d > lastLineDone && now - lastDraw >= LINE_EVERY_NANOS;
                if (d < total && (nextStep || aWhile)) {
                    lastDraw = now;
                    lastLineDone = d;
                    line(d, now);
                }
                return;
            }
            if (d < total && now - lastDraw < 250_000_000L) {
                return;
            }
            lastDraw = now;
            draw(d, now);
        }
    }

    /**
     * Prints one line of its own (a finished cell's result): above the bar on a terminal (the bar is cleared,
     * the line printed, the bar drawn again), as a plain line elsewhere.
     */
    void note(String text) {
        synchronized (this) {
            if (stopped) {
                return;
            }
            if (mode == Mode.BAR && drawn && !finished) {
                err.print("\r" + " ".repeat(lastLength) + "\r");
                err.println(text);
                draw(done.get(), clock.getAsLong());
            } else {
                err.println(text);
                err.flush();
            }
        }
    }

    /** Counts work that was already done (a resumed sweep): it fills the bar but does not speed up the ETA. */
    void skip(long units) {
        skipped.addAndGet(units);
        advance(units);
    }

    /** Ends the bar's line, or prints the last line. */
    synchronized void finish() {
        if (finished) {
            return;
        }
        finished = true;
        long now = clock.getAsLong();
        if (mode == Mode.LINES) {
            if (!stopped) {
                err.printf(Locale.ROOT, "%s  %d/%d (%d%%)  done, elapsed %s%n", label.strip(), done.get(), total,
                        Math.round(100.0 * Math.min(1.0, done.get() / (double) total)), time((now - start) / 1e9));
                err.flush();
            }
            return;
        }
        draw(done.get(), now);
        if (drawn) {
            err.println();
        }
        OPEN.compareAndSet(this, null);
    }

    /** Ends the line of a bar left open by a failure, so the error message starts on its own line. */
    static void endOpenLine() {
        Progress p = OPEN.getAndSet(null);
        if (p != null) {
            synchronized (p) {
                p.err.println();
            }
        }
    }

    /**
     * The hint printed when the running command is interrupted (Ctrl-C), e.g. "to continue: ./tidl train
     * --experiment x --resume" ({@link Args#rerun} builds such a command line); null to clear it.
     */
    static void whenInterrupted(String hint) {
        interruptHint = hint;
    }

    /**
     * Called once by {@link Main}'s shutdown hook when the JVM stops while a command runs: ends an open bar
     * line, then one line, {@code tidl: interrupted; HINT}. Later redraws are suppressed.
     */
    static void interrupted(PrintStream err) {
        stopped = true;
        endOpenLine();
        String hint = interruptHint;
        err.println("tidl: interrupted" + (hint == null ? "" : "; " + hint));
        err.flush();
    }

    /** Forgets the state of an earlier command (tests run many in one JVM). */
    static void reset() {
        interruptHint = null;
        stopped = false;
        OPEN.set(null);
    }

    private void line(long d, long now) {
        if (stopped) {
            return;
        }
        double elapsed = (now - start) / 1e9;
        String eta = eta(d, elapsed);
        err.printf(Locale.ROOT, "%s  %d/%d (%d%%)  elapsed %s%s%n", label.strip(), d, total,
                Math.round(100.0 * Math.min(1.0, d / (double) total)), time(elapsed), eta.isEmpty() ? "" : "  ETA " + eta);
        err.flush();
    }

    private void draw(long d, long now) {
        if (stopped) {
            return;
        }
        double f = Math.min(1.0, d / (double) total);
        int width = 24;
        int filled = (int) Math.round(f * width);
        double elapsed = (now - start) / 1e9;
        String eta = eta(d, elapsed);
        String text = label + " [" + "#".repeat(filled) + "-".repeat(width - filled) + "] "
                + String.format(Locale.ROOT, "%3d%%  %d/%d  elapsed %s", Math.round(f * 100), d, total, time(elapsed))
                + (eta.isEmpty() ? "" : "  ETA " + eta) + " ";
        // pad over the longer line drawn before (the times shrink, e.g. 1:00:00 -> 59:59)
        err.print("\r" + text + " ".repeat(Math.max(0, lastLength - text.length())));
        lastLength = Math.max(lastLength, text.length());
        err.flush();
        drawn = true;
        OPEN.set(this);
    }

    /** The time left, or "" while too little is known (see {@link #ETA_AFTER_SECONDS}). */
    private String eta(long d, double elapsed) {
        long worked = d - skipped.get();
        if (worked <= 0 || elapsed < ETA_AFTER_SECONDS || d >= total) {
            return "";
        }
        return time(elapsed * (total - d) / worked);
    }

    static String time(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /**
     * Whether {@code err} is the process's stderr and that is a terminal. {@link System#console()} only tells
     * about stdin and stdout ({@code ./tidl train 2> log} has a console), so on Linux the descriptor itself is
     * asked; elsewhere the console stands in. {@code TERM=dumb} (editors' shells) counts as no terminal.
     */
    static boolean isTerminal(PrintStream err) {
        if (err != System.err) {
            return false;
        }
        Boolean known = stderrIsTerminal;
        if (known == null) {
            known = !"dumb".equals(System.getenv("TERM")) && descriptorIsTerminal(2);
            stderrIsTerminal = known;
        }
        return known;
    }

    private static boolean descriptorIsTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null; // no /proc (macOS): the best guess without native code
        }
    }
}
