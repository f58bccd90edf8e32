package org.tidl.reproduction.dl;

import static org.tidl.dl.experiment.TrainingTables.CELL;
import static org.tidl.dl.experiment.TrainingTables.CONSENSUS_DISTANCE;
import static org.tidl.dl.experiment.TrainingTables.COVARIANCE;
import static org.tidl.dl.experiment.TrainingTables.DIVERGED;
import static org.tidl.dl.experiment.TrainingTables.ERROR;
import static org.tidl.dl.experiment.TrainingTables.I;
import static org.tidl.dl.experiment.TrainingTables.J;
import static org.tidl.dl.experiment.TrainingTables.LEARNING_RATE;
import static org.tidl.dl.experiment.TrainingTables.OPTIMIZER;
import static org.tidl.dl.experiment.TrainingTables.SEED;
import static org.tidl.dl.experiment.TrainingTables.STEP;
import static org.tidl.dl.experiment.TrainingTables.STEPS;
import static org.tidl.dl.experiment.TrainingTables.TEST_ACCURACY;
import static org.tidl.dl.experiment.TrainingTables.TEST_LOSS;
import static org.tidl.dl.experiment.TrainingTables.TOPOLOGY;
import static org.tidl.dl.experiment.TrainingTables.TRAIN_ACCURACY;
import static org.tidl.dl.experiment.TrainingTables.TRAIN_LOSS;
import static org.tidl.dl.experiment.TrainingTables.WORKERS;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tidl.core.InvalidInputException;
import org.tidl.core.Messages;
import org.tidl.core.io.CsvReader;
import org.tidl.dl.experiment.TrainingTables;

/**
 * The trainer's tables of one experiment folder, read into records: runs.csv (one row per finished cell),
 * evaluations.csv (the evaluations during each cell), covariances.csv (Fig. 5's protocol). The column names
 * and file names are declared once in {@link TrainingTables}, which the trainer's writer uses too; this is the
 * one place the reproduction reads them.
 */
public final class TrainingLog {

    public static final String SETTINGS = TrainingTables.SETTINGS_FILE;
    public static final String RUNS = TrainingTables.RUNS_FILE;
    public static final String EVALUATIONS = TrainingTables.EVALUATIONS_FILE;
    public static final String COVARIANCES = TrainingTables.COVARIANCES_FILE;

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

    private static final List<String> RUN_COLUMNS = List.of(CELL, OPTIMIZER, TOPOLOGY, WORKERS, LEARNING_RATE, SEED, STEPS,
            DIVERGED, TRAIN_LOSS, TRAIN_ACCURACY, TEST_LOSS, TEST_ACCURACY, CONSENSUS_DISTANCE);
    private static final List<String> EVALUATION_COLUMNS = List.of(CELL, STEP, TRAIN_LOSS, TRAIN_ACCURACY, TEST_LOSS,
            TEST_ACCURACY);
    /** A failure column some older or foreign tables carry instead of {@code error}. */
    private static final String STATUS = "status";

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
            String error = r.getOrDefault(ERROR, "").strip();
            String status = r.getOrDefault(STATUS, "").strip();
            if (error.isEmpty() && (status.equalsIgnoreCase("failed") || status.equalsIgnoreCase("error"))) {
                error = status;
            }
            if (!error.isEmpty()) {
                failed.add(new Failed(f.whole(CELL), r.get(OPTIMIZER), r.get(TOPOLOGY), f.whole(WORKERS),
                        f.number(LEARNING_RATE), f.wholeLong(SEED), error));
                continue;
            }
            finished.add(new Run(f.whole(CELL), r.get(OPTIMIZER), r.get(TOPOLOGY), f.whole(WORKERS),
                    f.number(LEARNING_RATE), f.wholeLong(SEED), f.whole(STEPS), Boolean.parseBoolean(r.get(DIVERGED)),
                    f.number(TRAIN_LOSS), f.number(TRAIN_ACCURACY), f.number(TEST_LOSS), f.number(TEST_ACCURACY),
                    f.number(CONSENSUS_DISTANCE)));
        }
        return new Cells(finished, failed);
    }

    public static List<Evaluation> evaluations(Path folder) {
        Path file = folder.resolve(EVALUATIONS);
        List<Evaluation> out = new ArrayList<>();
        List<Map<String, String>> rows = rows(file, EVALUATION_COLUMNS);
        for (int k = 0; k < rows.size(); k++) {
            Field f = new Field(file, k + 2, rows.get(k));
            out.add(new Evaluation(f.whole(CELL), (long) f.number(STEP), f.number(TRAIN_LOSS), f.number(TRAIN_ACCURACY),
                    f.number(TEST_LOSS), f.number(TEST_ACCURACY)));
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
            Covariance c = new Covariance(Integer.parseInt(r.get(CELL)), Integer.parseInt(r.get(I)),
                    Integer.parseInt(r.get(J)), CsvReader.number(r.get(COVARIANCE)));
            out.computeIfAbsent(c.cell(), k -> new ArrayList<>()).add(c);
        }
        return out;
    }
}
