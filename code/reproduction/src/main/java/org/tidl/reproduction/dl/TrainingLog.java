package org.tidl.reproduction.dl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tidl.core.InvalidInputException;
import org.tidl.core.Messages;
import org.tidl.core.io.CsvReader;

/**
 * The trainer's tables of one experiment folder, read into records: runs.csv (one row per finished cell),
 * evaluations.csv (the evaluations during each cell), covariances.csv (Fig. 5's protocol). The column names
 * are the trainer's (its {@code RunLog}); this is the one place the reproduction reads them.
 */
public final class TrainingLog {

    public static final String SETTINGS = "experiment.txt";
    public static final String RUNS = "runs.csv";
    public static final String EVALUATIONS = "evaluations.csv";
    public static final String COVARIANCES = "covariances.csv";

    /** One finished cell of runs.csv. */
    public record Run(int cell, String optimizer, String topology, int workers, double learningRate, long seed, int steps,
                      boolean diverged, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy,
                      double consensusDistance) { }

    /** A cell of runs.csv that failed (its row carries an error): it has no results, a resume runs it again. */
    public record Failed(int cell, String optimizer, String topology, int workers, double learningRate, long seed, String error) { }

    /** The cells of runs.csv: those that finished (diverged or not) and those recorded as failed. */
    public record Cells(List<Run> finished, List<Failed> failed) { }

    /** One evaluation of evaluations.csv (empty cells, e.g. no test set evaluated, are NaN). */
    public record Evaluation(int cell, long step, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy) { }

    /** One entry C_ij of a cell's measured covariance. */
    public record Covariance(int cell, int i, int j, double value) { }

    private static final List<String> RUN_COLUMNS = List.of("cell", "optimizer", "topology", "workers", "learning_rate", "seed",
            "steps", "diverged", "train_loss", "train_accuracy", "test_loss", "test_accuracy", "consensus_distance");
    private static final List<String> EVALUATION_COLUMNS = List.of("cell", "step", "train_loss", "train_accuracy", "test_loss",
            "test_accuracy");

    private TrainingLog() {
    }

    /** Cells recorded in the folder's runs.csv (0 when there is none). */
    public static int finishedCells(Path folder) {
        Path runs = folder.resolve(RUNS);
        return Files.isRegularFile(runs) ? CsvReader.read(runs).size() : 0;
    }

    /** The finished cells of runs.csv (failed ones left out: they have no results). */
    public static List<Run> runs(Path folder) {
        return cells(folder).finished();
    }

    /**
     * Every cell of runs.csv, read by column name (columns the trainer adds later are ignored). A row whose
     * {@code error} column (or a {@code status} of "failed") says the cell failed is a {@link Failed}.
     *
     * @throws InvalidInputException naming the file, line and column when a needed column is missing or a cell is not a number
     */
    public static Cells cells(Path folder) {
        Path file = folder.resolve(RUNS);
        List<Run> finished = new ArrayList<>();
        List<Failed> failed = new ArrayList<>();
        List<Map<String, String>> rows = rows(file, RUN_COLUMNS);
        for (int k = 0; k < rows.size(); k++) {
            Map<String, String> r = rows.get(k);
            Field f = new Field(file, k + 2, r);
            String error = r.getOrDefault("error", "").strip();
            String status = r.getOrDefault("status", "").strip();
            if (error.isEmpty() && (status.equalsIgnoreCase("failed") || status.equalsIgnoreCase("error"))) {
                error = status;
            }
            if (!error.isEmpty()) {
                failed.add(new Failed(f.whole("cell"), r.get("optimizer"), r.get("topology"), f.whole("workers"),
                        f.number("learning_rate"), f.wholeLong("seed"), error));
                continue;
            }
            finished.add(new Run(f.whole("cell"), r.get("optimizer"), r.get("topology"), f.whole("workers"),
                    f.number("learning_rate"), f.wholeLong("seed"), f.whole("steps"), Boolean.parseBoolean(r.get("diverged")),
                    f.number("train_loss"), f.number("train_accuracy"), f.number("test_loss"), f.number("test_accuracy"),
                    f.number("consensus_distance")));
        }
        return new Cells(finished, failed);
    }

    public static List<Evaluation> evaluations(Path folder) {
        Path file = folder.resolve(EVALUATIONS);
        List<Evaluation> out = new ArrayList<>();
        List<Map<String, String>> rows = rows(file, EVALUATION_COLUMNS);
        for (int k = 0; k < rows.size(); k++) {
            Field f = new Field(file, k + 2, rows.get(k));
            out.add(new Evaluation(f.whole("cell"), (long) f.number("step"), f.number("train_loss"), f.number("train_accuracy"),
                    f.number("test_loss"), f.number("test_accuracy")));
        }
        return out;
    }

    /** The rows of a trainer table that must have {@code columns} (others may follow). */
    private static List<Map<String, String>> rows(Path file, List<String> columns) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + " not found" + (Files.exists(file) ? " (not a file)" : ""));
        }
        List<Map<String, String>> rows = CsvReader.read(file);
        for (String c : columns) {
            if (!rows.isEmpty() && !rows.get(0).containsKey(c)) {
                throw new InvalidInputException(file + ": no column '" + c + "' (a table of ./tidl train has "
                        + String.join(", ", columns) + ")");
            }
        }
        return rows;
    }

    /** The cells of one row, read as numbers with the file, line and column named when one is not. */
    private record Field(Path file, int line, Map<String, String> row) {
        double number(String column) {
            try {
                return CsvReader.number(row.get(column));
            } catch (NumberFormatException e) {
                throw bad(column, "a number");
            }
        }

        int whole(String column) {
            try {
                return Integer.parseInt(row.get(column));
            } catch (NumberFormatException e) {
                throw bad(column, "a whole number");
            }
        }

        long wholeLong(String column) {
            try {
                return Long.parseLong(row.get(column));
            } catch (NumberFormatException e) {
                throw bad(column, "a whole number");
            }
        }

        private InvalidInputException bad(String column, String what) {
            return new InvalidInputException(file + " row " + (line - 1) + ", column '" + column + "': "
                    + Messages.quote(row.get(column)) + " is not " + what);
        }
    }

    /** The covariance entries by cell, in file order. */
    public static Map<Integer, List<Covariance>> covariances(Path folder) {
        Map<Integer, List<Covariance>> out = new LinkedHashMap<>();
        for (Map<String, String> r : CsvReader.read(folder.resolve(COVARIANCES))) {
            Covariance c = new Covariance(Integer.parseInt(r.get("cell")), Integer.parseInt(r.get("i")),
                    Integer.parseInt(r.get("j")), CsvReader.number(r.get("covariance")));
            out.computeIfAbsent(c.cell(), k -> new ArrayList<>()).add(c);
        }
        return out;
    }
}
