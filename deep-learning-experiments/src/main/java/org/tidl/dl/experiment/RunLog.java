package org.tidl.dl.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tidl.core.InvalidInputException;
import org.tidl.core.io.Csv;
import org.tidl.core.io.CsvReader;

/**
 * The results folder of one experiment, written so that a killed sweep loses at most the cell in progress:
 * each finished cell's rows are appended at once, runs.csv last (its row marks the cell done). On resume, a
 * torn last line is cut off, rows of unfinished cells are dropped from the other tables, and the settings
 * must equal those stored in {@code experiment.txt}.
 */
final class RunLog {

    static final String[] RUNS = {"cell", "experiment", "dataset", "model", "workers", "topology", "optimizer",
        "learning_rate", "seed", "batch", "steps", "schedule", "ema", "split", "evaluated_worker", "steps_done",
        "diverged", "train_loss", "train_accuracy", "test_loss", "test_accuracy", "consensus_distance", "wall_seconds"};
    static final String[] EVALUATIONS = {"cell", "topology", "workers", "learning_rate", "seed", "step",
        "mean_minibatch_loss", "train_loss", "train_accuracy", "test_loss", "test_accuracy", "consensus_distance"};
    static final String[] COVARIANCES = {"cell", "topology", "workers", "learning_rate", "seed", "i", "j", "covariance"};

    private final Path dir;
    private final Set<Integer> done = new HashSet<>();

    private RunLog(Path dir) {
        this.dir = dir;
    }

    Path runs() { return dir.resolve("runs.csv"); }
    Path evaluations() { return dir.resolve("evaluations.csv"); }
    Path covariances() { return dir.resolve("covariances.csv"); }

    /**
     * Opens the folder: starts it fresh, or (resume) continues it. Without resume or fresh, existing results
     * are an error, never silently overwritten.
     */
    static RunLog open(Path dir, Experiment x, boolean resume, boolean fresh) {
        RunLog log = new RunLog(dir);
        Path settings = dir.resolve("experiment.txt");
        if (fresh) {
            for (Path p : new Path[] {log.runs(), log.evaluations(), log.covariances(), settings}) {
                delete(p);
            }
        }
        if (Files.exists(log.runs())) {
            if (!resume) {
                throw new InvalidInputException(log.runs() + " exists: pass --resume to continue it, or --fresh to start over");
            }
            String stored = read(settings);
            if (!stored.equals(x.resolved())) {
                throw new InvalidInputException("--resume: the settings differ from those of " + settings
                        + " (" + firstDifference(stored, x.resolved()) + "); use --fresh to start over");
            }
            for (Path p : new Path[] {log.runs(), log.evaluations(), log.covariances()}) {
                cutTornLine(p);
            }
            for (Map<String, String> row : CsvReader.read(log.runs())) {
                log.done.add(Integer.parseInt(row.get("cell")));
            }
            keepDone(log.evaluations(), EVALUATIONS, log.done);
            keepDone(log.covariances(), COVARIANCES, log.done);
        } else {
            Csv.writeAtomically(settings, x.resolved());
            Csv.writeAtomically(log.evaluations(), new Csv(EVALUATIONS).render());
            Csv.writeAtomically(log.covariances(), new Csv(COVARIANCES).render());
            Csv.writeAtomically(log.runs(), new Csv(RUNS).render()); // last: its presence means "started"
        }
        return log;
    }

    boolean isDone(int cell) {
        return done.contains(cell);
    }

    int doneCount() {
        return done.size();
    }

    /** Appends one finished cell: evaluations and covariances first, the runs row last. */
    void append(Csv evaluations, Csv covariances, Csv run) {
        append(evaluations(), evaluations);
        append(covariances(), covariances);
        append(runs(), run);
    }

    private static void append(Path file, Csv rows) {
        String text = rows.render();
        text = text.substring(text.indexOf('\n') + 1); // without the header
        if (text.isEmpty()) {
            return;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            ch.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + org.tidl.core.Messages.reason(e), e);
        }
    }

    /** A kill during an append can leave a partial last line: cut everything after the last newline. */
    private static void cutTornLine(Path file) {
        if (!Files.exists(file)) {
            return;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long keep = size;
            java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
            while (keep > 0) {
                one.clear();
                ch.read(one, keep - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                keep--;
            }
            if (keep < size) {
                ch.truncate(keep);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot repair " + file + ": " + org.tidl.core.Messages.reason(e), e);
        }
    }

    private static void keepDone(Path file, String[] header, Set<Integer> done) {
        if (!Files.exists(file)) {
            Csv.writeAtomically(file, new Csv(header).render());
            return;
        }
        String text = read(file);
        StringBuilder sb = new StringBuilder();
        boolean changed = false;
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            if (sb.length() > 0) { // data rows: cell is the first column, never quoted
                int comma = line.indexOf(',');
                if (!done.contains(Integer.parseInt(line.substring(0, comma)))) {
                    changed = true;
                    continue;
                }
            }
            sb.append(line).append('\n');
        }
        if (changed) {
            Csv.writeAtomically(file, sb.toString());
        }
    }

    private static String firstDifference(String a, String b) {
        List<String> x = new ArrayList<>(List.of(a.split("\n")));
        List<String> y = new ArrayList<>(List.of(b.split("\n")));
        for (String line : y) {
            if (!x.contains(line)) {
                return "now '" + line + "'";
            }
        }
        for (String line : x) {
            if (!y.contains(line)) {
                return "stored '" + line + "'";
            }
        }
        return "order";
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + p + " (" + org.tidl.core.Messages.reason(e) + "); use --fresh to start over");
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + p + ": " + org.tidl.core.Messages.reason(e), e);
        }
    }
}
