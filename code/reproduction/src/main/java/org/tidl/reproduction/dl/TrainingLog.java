package org.tidl.reproduction.dl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** One evaluation of evaluations.csv. */
    public record Evaluation(int cell, long step, double trainLoss, double testAccuracy) { }

    /** One entry C_ij of a cell's measured covariance. */
    public record Covariance(int cell, int i, int j, double value) { }

    private TrainingLog() {
    }

    /** Cells recorded in the folder's runs.csv (0 when there is none). */
    public static int finishedCells(Path folder) {
        Path runs = folder.resolve(RUNS);
        return Files.isRegularFile(runs) ? CsvReader.read(runs).size() : 0;
    }

    public static List<Run> runs(Path folder) {
        List<Run> out = new ArrayList<>();
        for (Map<String, String> r : CsvReader.read(folder.resolve(RUNS))) {
            out.add(new Run(Integer.parseInt(r.get("cell")), r.get("optimizer"), r.get("topology"),
                    Integer.parseInt(r.get("workers")), Double.parseDouble(r.get("learning_rate")), Long.parseLong(r.get("seed")),
                    Integer.parseInt(r.get("steps")), Boolean.parseBoolean(r.get("diverged")), CsvReader.number(r.get("train_loss")),
                    CsvReader.number(r.get("train_accuracy")), CsvReader.number(r.get("test_loss")),
                    CsvReader.number(r.get("test_accuracy")), CsvReader.number(r.get("consensus_distance"))));
        }
        return out;
    }

    public static List<Evaluation> evaluations(Path folder) {
        List<Evaluation> out = new ArrayList<>();
        for (Map<String, String> e : CsvReader.read(folder.resolve(EVALUATIONS))) {
            out.add(new Evaluation(Integer.parseInt(e.get("cell")), (long) CsvReader.number(e.get("step")),
                    CsvReader.number(e.get("train_loss")), CsvReader.number(e.get("test_accuracy"))));
        }
        return out;
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
