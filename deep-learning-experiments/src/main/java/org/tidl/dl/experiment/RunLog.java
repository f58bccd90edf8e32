package org.tidl.dl.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.tidl.core.InvalidInputException;
import org.tidl.core.io.Csv;
import org.tidl.core.io.CsvReader;

/**
 * The results folder of one experiment, written so that a killed sweep loses at most the cells in progress:
 * each finished cell's rows are appended at once, runs.csv last (its row marks the cell done). One writer at a
 * time ({@link FolderLock}).
 *
 * <p>On resume the settings must equal {@code experiment.txt} and the environment {@code environment.txt}.
 * The tables are then checked line by line: what a kill can leave (a torn last line, an empty or torn header
 * with no rows) is repaired; rows of unfinished cells are dropped from the other tables; a cell that failed
 * (recorded with its error) or whose evaluation or covariance rows are missing or incomplete is run again;
 * anything else (a line that is not a row as written here, a row of another cell, a cell recorded twice) is
 * refused naming the file and line. When a sweep ends, rows are put in cell order, so an engine that finishes
 * cells out of order (Spark) writes the same files as one that does not.
 */
final class RunLog implements AutoCloseable {

    static final String[] RUNS = TrainingTables.RUNS.toArray(String[]::new);
    static final String[] EVALUATIONS = TrainingTables.EVALUATIONS.toArray(String[]::new);
    static final String[] COVARIANCES = TrainingTables.COVARIANCES.toArray(String[]::new);
    /** runs.csv before failed cells were recorded (no error column): resumed by adding an empty one. */
    private static final String[] RUNS_WITHOUT_ERROR = Arrays.stream(RUNS)
            .filter(c -> !c.equals(TrainingTables.ERROR)).toArray(String[]::new);
    private static final Set<String> TEXT = Set.of(TrainingTables.EXPERIMENT, TrainingTables.DATASET,
            TrainingTables.MODEL, TrainingTables.TOPOLOGY, TrainingTables.OPTIMIZER, TrainingTables.SCHEDULE,
            TrainingTables.EMA, TrainingTables.SPLIT, TrainingTables.DIVERGED, TrainingTables.ERROR);
    static final String SETTINGS = TrainingTables.SETTINGS_FILE;

    private final Path dir;
    private final FolderLock lock;
    private final Set<Integer> done;

    private RunLog(Path dir, FolderLock lock, Set<Integer> done) {
        this.dir = dir;
        this.lock = lock;
        this.done = done;
    }

    static Path runs(Path dir) { return dir.resolve(TrainingTables.RUNS_FILE); }
    static Path evaluations(Path dir) { return dir.resolve(TrainingTables.EVALUATIONS_FILE); }
    static Path covariances(Path dir) { return dir.resolve(TrainingTables.COVARIANCES_FILE); }

    /**
     * Locks and opens the folder: starts it fresh, or (resume) continues it. Without resume or fresh, existing
     * results are an error, never silently overwritten.
     *
     * @param env      the environment the cells will be computed in (recorded, or checked on resume)
     * @param warnings repairs and re-runs worth telling the user about
     */
    static RunLog open(Path dir, Experiment x, RunEnvironment env, boolean resume, boolean fresh, Consumer<String> warnings) {
        FolderLock lock = FolderLock.acquire(dir);
        try {
            return new RunLog(dir, lock, prepare(dir, x, env, resume, fresh, warnings));
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static Set<Integer> prepare(Path dir, Experiment x, RunEnvironment env, boolean resume, boolean fresh,
                                        Consumer<String> warnings) {
        Path settings = dir.resolve(SETTINGS);
        Path environment = dir.resolve(RunEnvironment.FILE);
        if (fresh) {
            for (Path p : new Path[] {runs(dir), evaluations(dir), covariances(dir), settings, environment}) {
                delete(p);
            }
        }
        if (!Files.exists(runs(dir))) {
            Csv.writeAtomically(settings, x.resolved());
            Csv.writeAtomically(environment, env.render());
            Csv.writeAtomically(evaluations(dir), new Csv(EVALUATIONS).render());
            Csv.writeAtomically(covariances(dir), new Csv(COVARIANCES).render());
            Csv.writeAtomically(runs(dir), new Csv(RUNS).render()); // last: its presence means "started"
            return new java.util.HashSet<>();
        }
        if (!resume) {
            throw InvalidInputException.mentioning(runs(dir) + " exists: pass {resume} to continue it, or {fresh} to start over",
                    "resume", "fresh");
        }
        String stored = read(settings);
        if (!stored.equals(x.resolved())) {
            throw InvalidInputException.of("resume", ": the settings differ from those of " + settings
                    + " (" + firstDifference(stored, x.resolved()) + "); use {fresh} to start over", "fresh");
        }
        if (Files.exists(environment)) {
            String diff = RunEnvironment.parse(read(environment), environment.toString())
                    .difference(env, "for the results in " + dir, "(it changes the numbers)");
            if (diff != null) {
                throw InvalidInputException.of("resume", ": " + diff + "; run under the recorded setting, or use {fresh} to start over",
                        "fresh");
            }
        } else {
            warnings.accept(environment + " is missing (results of an older version): recording this run's environment");
            Csv.writeAtomically(environment, env.render());
        }
        State s = State.read(dir, x, warnings);
        s.writeBack();
        return s.done;
    }

    boolean isDone(int cell) {
        return done.contains(cell);
    }

    int doneCount() {
        return done.size();
    }

    /** Appends one finished cell: evaluations and covariances first, the runs row last. */
    void append(CellResult r) {
        append(evaluations(dir), r.evaluations());
        append(covariances(dir), r.covariances());
        append(runs(dir), r.run());
        done.add(r.cell());
    }

    /** Records a cell that failed every attempt: a runs row with its error (a resume runs it again). */
    void appendFailure(Experiment x, Experiment.Cell c, String error, double wallSeconds) {
        append(runs(dir), runRow(x, c, null, null, null, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                error.replaceAll("\\s+", " ").strip(), wallSeconds));
    }

    /** One runs.csv row (without header). Null objects and NaN numbers are empty cells. */
    static String runRow(Experiment x, Experiment.Cell c, Integer evaluatedWorker, Integer stepsDone, Boolean diverged,
                         double trainLoss, double trainAccuracy, double testLoss, double testAccuracy, double consensus,
                         String error, double wallSeconds) {
        Csv run = new Csv(RUNS);
        double ema = x.ema();
        run.add(c.index(), x.name(), x.dataset().name(), x.model().name(), c.workers(), c.topology(), c.optimizer(), c.learningRate(),
                c.seed(), x.batch(), x.covarianceAfter() > 0 ? x.covarianceAfter() : x.steps(), x.schedule().name(),
                Double.isNaN(ema) ? "none" : Csv.number(ema),
                x.split() == Experiment.Split.SORTED ? "sorted" : Double.isNaN(x.nonIidAlpha()) ? "iid"
                        : "dirichlet(" + Csv.number(x.nonIidAlpha()) + ")",
                evaluatedWorker, stepsDone, diverged, trainLoss, trainAccuracy, testLoss, testAccuracy, consensus, error,
                wallSeconds);
        return rowsOf(run);
    }

    /** A table's rows without its header line. */
    static String rowsOf(Csv table) {
        String text = table.render();
        return text.substring(text.indexOf('\n') + 1);
    }

    private static void append(Path file, String rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer b = ByteBuffer.wrap(rows.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + org.tidl.core.Messages.reason(e), e);
        }
    }

    /** Puts every table's rows in cell order (stable within a cell), rewriting only the tables out of order. */
    void sortByCell() {
        for (Path p : new Path[] {evaluations(dir), covariances(dir), runs(dir)}) {
            String text = read(p);
            List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n")));
            if (lines.size() < 3) {
                continue;
            }
            List<String> rows = lines.subList(1, lines.size());
            List<String> sorted = new ArrayList<>(rows);
            sorted.sort(Comparator.comparingInt(RunLog::cellOf));
            if (!sorted.equals(rows)) {
                Csv.writeAtomically(p, lines.get(0) + "\n" + String.join("\n", sorted) + "\n");
            }
        }
    }

    private static int cellOf(String line) {
        return Integer.parseInt(line.substring(0, line.indexOf(',')));
    }

    @Override
    public void close() {
        lock.close();
    }

    /**
     * A results folder's tables as found on disk, checked line by line against the experiment. Repairs (what a
     * kill can leave) and re-runs are made in memory; {@link #writeBack()} stores them.
     */
    static final class State {
        final Path dir;
        final Experiment x;
        final Table runs;
        final Table evaluations;
        final Table covariances;
        final Set<Integer> done = new TreeSet<>();

        private State(Path dir, Experiment x, Table runs, Table evaluations, Table covariances) {
            this.dir = dir;
            this.x = x;
            this.runs = runs;
            this.evaluations = evaluations;
            this.covariances = covariances;
        }

        static State read(Path dir, Experiment x, Consumer<String> warnings) {
            State s = new State(dir, x, Table.read(runs(dir), RUNS, x), Table.read(evaluations(dir), EVALUATIONS, x),
                    Table.read(covariances(dir), COVARIANCES, x));
            s.sort(warnings);
            return s;
        }

        private void sort(Consumer<String> warnings) {
            Map<Integer, Row> finished = new LinkedHashMap<>();
            Set<Integer> failed = new TreeSet<>();
            for (Row r : runs.rows) {
                Row before = finished.get(r.cell);
                if (before != null) {
                    throw InvalidInputException.mentioning(runs.file + " lines " + before.line + " and " + r.line
                            + " both record cell " + r.cell + ": delete one, or use {fresh} to start over", "fresh");
                }
                if (!r.fields.get(TrainingTables.ERROR).isEmpty()) {
                    failed.add(r.cell);
                    continue;
                }
                if (!r.fields.get(TrainingTables.DIVERGED).matches("true|false")
                        || !r.fields.get(TrainingTables.STEPS_DONE).matches("\\d+")) {
                    throw runs.corrupt(r.line, "a finished cell needs diverged true/false and steps_done", r.text);
                }
                finished.put(r.cell, r);
            }
            Set<Integer> incomplete = new TreeSet<>();
            Set<String> lacking = new TreeSet<>();
            Map<Integer, List<Integer>> steps = new LinkedHashMap<>();
            for (Row r : evaluations.rows) {
                steps.computeIfAbsent(r.cell, k -> new ArrayList<>()).add(Integer.parseInt(r.fields.get(TrainingTables.STEP)));
            }
            Map<Integer, Integer> covarianceRows = new LinkedHashMap<>();
            for (Row r : covariances.rows) {
                covarianceRows.merge(r.cell, 1, Integer::sum);
            }
            for (Row r : finished.values()) {
                boolean diverged = r.fields.get(TrainingTables.DIVERGED).equals("true");
                int stepsDone = Integer.parseInt(r.fields.get(TrainingTables.STEPS_DONE));
                if (!expectedSteps(diverged, stepsDone).equals(steps.getOrDefault(r.cell, List.of()))) {
                    incomplete.add(r.cell);
                    lacking.add(evaluations.file.getFileName().toString());
                }
                int n = x.cells().get(r.cell).workers();
                int expected = x.covarianceAfter() > 0 && !diverged ? n * n : 0;
                if (covarianceRows.getOrDefault(r.cell, 0) != expected) {
                    incomplete.add(r.cell);
                    lacking.add(covariances.file.getFileName().toString());
                }
            }
            if (!failed.isEmpty()) {
                warnings.accept(runs.file + ": " + failed.size() + " cell(s) failed earlier (" + list(failed)
                        + "): running them again");
            }
            if (!incomplete.isEmpty()) {
                warnings.accept(String.join(" and ", lacking) + " in " + dir + " lack rows of " + incomplete.size()
                        + " finished cell(s) (" + list(incomplete) + "): running them again");
            }
            for (int c : finished.keySet()) {
                if (!incomplete.contains(c)) {
                    done.add(c);
                }
            }
            for (Table t : new Table[] {runs, evaluations, covariances}) {
                t.keepOnly(done);
            }
        }

        /** The evaluation steps of a finished cell: all of them, or (diverged) those before it and the step it stopped at. */
        private List<Integer> expectedSteps(boolean diverged, int stepsDone) {
            int[] at = x.covarianceAfter() > 0 ? new int[] {x.covarianceAfter()} : x.evaluationSteps();
            List<Integer> out = new ArrayList<>();
            for (int s : at) {
                if (!diverged || s < stepsDone) {
                    out.add(s);
                }
            }
            if (diverged) {
                out.add(stepsDone);
            }
            return out;
        }

        /** Stores the repaired tables (the runs table last). */
        void writeBack() {
            for (Table t : new Table[] {evaluations, covariances, runs}) {
                if (t.changed) {
                    Csv.writeAtomically(t.file, t.render());
                }
            }
        }

        private static String list(Set<Integer> cells) {
            StringBuilder sb = new StringBuilder();
            int k = 0;
            for (int c : cells) {
                if (k++ == 10) {
                    return sb.append(", ...").toString();
                }
                sb.append(sb.length() == 0 ? "" : ", ").append(c);
            }
            return sb.toString();
        }
    }

    /** One line of a table. */
    record Row(int cell, int line, String text, Map<String, String> fields) { }

    /** One table file: header and rows as checked. */
    static final class Table {
        final Path file;
        final String[] header;
        final List<Row> rows = new ArrayList<>();
        boolean changed;

        private Table(Path file, String[] header) {
            this.file = file;
            this.header = header;
        }

        static Table read(Path file, String[] header, Experiment x) {
            Table t = new Table(file, header);
            if (!Files.exists(file)) {
                t.changed = true; // written back with its header; finished cells lacking its rows run again
                return t;
            }
            String text = RunLog.read(file);
            int end = text.lastIndexOf('\n') + 1;
            if (end < text.length()) { // a kill during an append (or while writing the header): cut the torn line
                text = text.substring(0, end);
                t.changed = true;
            }
            if (text.isEmpty()) {
                t.changed = true;
                return t;
            }
            String[] lines = text.split("\n", -1);
            String headerLine = String.join(",", header);
            boolean addError = false;
            if (!lines[0].equals(headerLine)) {
                if (header == RUNS && lines[0].equals(String.join(",", RUNS_WITHOUT_ERROR))) {
                    addError = true;
                    t.changed = true;
                } else {
                    throw t.corrupt(1, "expected the header '" + excerpt(headerLine) + "'", lines[0]);
                }
            }
            for (int i = 1; i < lines.length - 1; i++) {
                String line = lines[i];
                if (line.isEmpty()) {
                    t.changed = true;
                    continue;
                }
                if (addError) { // before wall_seconds, a number (never quoted)
                    int last = line.lastIndexOf(',');
                    line = last < 0 ? line : line.substring(0, last) + "," + line.substring(last);
                }
                t.rows.add(t.check(i + 1, line, headerLine, x));
            }
            return t;
        }

        private Row check(int lineNo, String line, String headerLine, Experiment x) {
            List<Map<String, String>> parsed = CsvReader.parse(headerLine + "\n" + line + "\n");
            if (parsed.size() != 1 || !render(parsed.get(0)).equals(line)) {
                throw corrupt(lineNo, "not a row of " + header.length + " fields as written by tidl", line);
            }
            Map<String, String> f = parsed.get(0);
            int cell;
            try {
                cell = Integer.parseInt(f.get(TrainingTables.CELL));
            } catch (NumberFormatException e) {
                cell = -1;
            }
            if (cell < 0 || cell >= x.cells().size()) {
                throw corrupt(lineNo, "cell '" + excerpt(f.get(TrainingTables.CELL)) + "' is not a cell of the experiment (0.."
                        + (x.cells().size() - 1) + ")", line);
            }
            Experiment.Cell c = x.cells().get(cell);
            String want = c.topology() + ", " + c.workers() + " workers, lr " + Csv.number(c.learningRate()) + ", seed " + c.seed();
            String got = f.get(TrainingTables.TOPOLOGY) + ", " + f.get(TrainingTables.WORKERS) + " workers, lr "
                    + f.get(TrainingTables.LEARNING_RATE) + ", seed " + f.get(TrainingTables.SEED);
            if (!want.equals(got) || header == RUNS && (!f.get(TrainingTables.OPTIMIZER).equals(c.optimizer())
                    || !f.get(TrainingTables.EXPERIMENT).equals(x.name()))) {
                throw corrupt(lineNo, "cell " + cell + " is (" + want + (header == RUNS ? ", " + c.optimizer() : "")
                        + ") in the experiment, the row says (" + got + (header == RUNS ? ", " + f.get(TrainingTables.OPTIMIZER) : "") + ")", line);
            }
            for (Map.Entry<String, String> e : f.entrySet()) {
                String v = e.getValue();
                if (TEXT.contains(e.getKey()) || v.isEmpty()) {
                    continue;
                }
                try {
                    double d = CsvReader.number(v);
                    boolean whole = e.getKey().equals(TrainingTables.STEP) || e.getKey().equals(TrainingTables.I)
                            || e.getKey().equals(TrainingTables.J);
                    if (whole && d != Math.rint(d)) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException ex) {
                    throw corrupt(lineNo, "column " + e.getKey() + " is not a number: '" + excerpt(v) + "'", line);
                }
            }
            if (header != RUNS && f.get(header == EVALUATIONS ? TrainingTables.STEP : TrainingTables.I).isEmpty()) {
                throw corrupt(lineNo, "column " + (header == EVALUATIONS ? TrainingTables.STEP : TrainingTables.I) + " is empty", line);
            }
            return new Row(cell, lineNo, line, f);
        }

        private String render(Map<String, String> fields) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < header.length; i++) {
                sb.append(i == 0 ? "" : ",").append(Csv.quote(fields.get(header[i])));
            }
            return sb.toString();
        }

        InvalidInputException corrupt(int lineNo, String what, String line) {
            return InvalidInputException.mentioning(file + " line " + lineNo + ": " + what + " ('" + excerpt(line)
                    + "'); fix or delete the line, or use {fresh} to start over", "fresh");
        }

        void keepOnly(Set<Integer> cells) {
            if (rows.removeIf(r -> !cells.contains(r.cell))) {
                changed = true;
            }
        }

        String render() {
            StringBuilder sb = new StringBuilder(String.join(",", header)).append('\n');
            for (Row r : rows) {
                sb.append(r.text).append('\n');
            }
            return sb.toString();
        }
    }

    /** At most ~80 characters of someone's text, for messages. */
    static String excerpt(String s) {
        return CsvReader.clip(s.replaceAll("\\p{Cntrl}", "?"));
    }

    private static String firstDifference(String a, String b) {
        List<String> x = new ArrayList<>(List.of(a.split("\n")));
        List<String> y = new ArrayList<>(List.of(b.split("\n")));
        for (String line : y) {
            if (!x.contains(line)) {
                String key = line.contains(" = ") ? line.substring(0, line.indexOf(" = ") + 3) : line;
                for (String was : x) {
                    if (was.startsWith(key)) {
                        return "stored '" + was + "', now '" + line + "'";
                    }
                }
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

    static String firstDifferenceOf(String stored, String now) {
        return firstDifference(stored, now);
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw InvalidInputException.mentioning("cannot read " + p + " (" + org.tidl.core.Messages.reason(e)
                    + "); use {fresh} to start over", "fresh");
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
