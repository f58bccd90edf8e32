package org.tidl.dl.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The files of a training results folder and the columns of its tables, declared once: {@link RunLog} writes
 * them and the reproduction's reader ({@code TrainingLog}) reads them by these names, so a rename changes both.
 */
public final class TrainingTables {

    /** The experiment's resolved settings (a resume must match them). */
    public static final String SETTINGS_FILE = "experiment.txt";
    /** One row per finished (or failed) cell. */
    public static final String RUNS_FILE = "runs.csv";
    /** The evaluations during each cell. */
    public static final String EVALUATIONS_FILE = "evaluations.csv";
    /** The measured covariance between workers (Fig. 5's protocol). */
    public static final String COVARIANCES_FILE = "covariances.csv";

    public static final String CELL = "cell";
    public static final String EXPERIMENT = "experiment";
    public static final String DATASET = "dataset";
    public static final String MODEL = "model";
    public static final String WORKERS = "workers";
    public static final String TOPOLOGY = "topology";
    public static final String OPTIMIZER = "optimizer";
    public static final String LEARNING_RATE = "learning_rate";
    public static final String SEED = "seed";
    public static final String BATCH = "batch";
    public static final String STEPS = "steps";
    public static final String SCHEDULE = "schedule";
    public static final String EMA = "ema";
    public static final String SPLIT = "split";
    public static final String EVALUATED_WORKER = "evaluated_worker";
    public static final String STEPS_DONE = "steps_done";
    public static final String DIVERGED = "diverged";
    public static final String TRAIN_LOSS = "train_loss";
    public static final String TRAIN_ACCURACY = "train_accuracy";
    public static final String TEST_LOSS = "test_loss";
    public static final String TEST_ACCURACY = "test_accuracy";
    public static final String CONSENSUS_DISTANCE = "consensus_distance";
    /** Empty for a cell that finished; the failure for one that did not (a resume runs it again). */
    public static final String ERROR = "error";
    public static final String WALL_SECONDS = "wall_seconds";
    /** The step after which an evaluation was made. */
    public static final String STEP = "step";
    public static final String MEAN_MINIBATCH_LOSS = "mean_minibatch_loss";
    /** Covariance entry C_ij: the workers i and j, and the value. */
    public static final String I = "i";
    public static final String J = "j";
    public static final String COVARIANCE = "covariance";

    /** runs.csv's columns, in order. */
    public static final List<String> RUNS = List.of(CELL, EXPERIMENT, DATASET, MODEL, WORKERS, TOPOLOGY, OPTIMIZER,
            LEARNING_RATE, SEED, BATCH, STEPS, SCHEDULE, EMA, SPLIT, EVALUATED_WORKER, STEPS_DONE, DIVERGED, TRAIN_LOSS,
            TRAIN_ACCURACY, TEST_LOSS, TEST_ACCURACY, CONSENSUS_DISTANCE, ERROR, WALL_SECONDS);
    /** evaluations.csv's columns, in order. */
    public static final List<String> EVALUATIONS = List.of(CELL, TOPOLOGY, WORKERS, LEARNING_RATE, SEED, STEP,
            MEAN_MINIBATCH_LOSS, TRAIN_LOSS, TRAIN_ACCURACY, TEST_LOSS, TEST_ACCURACY, CONSENSUS_DISTANCE);
    /** covariances.csv's columns, in order. */
    public static final List<String> COVARIANCES = List.of(CELL, TOPOLOGY, WORKERS, LEARNING_RATE, SEED, I, J, COVARIANCE);

    private TrainingTables() {
    }

    /**
     * The folder's three tables as one text, wall time aside (runs.csv's last column): what two runs of the same
     * grid agree on byte for byte, whichever engine, order or resume computed them.
     */
    public static String withoutWallTime(Path dir) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String line : Files.readAllLines(dir.resolve(RUNS_FILE), StandardCharsets.UTF_8)) {
            sb.append(line, 0, line.lastIndexOf(',')).append('\n');
        }
        return sb + Files.readString(dir.resolve(EVALUATIONS_FILE)) + Files.readString(dir.resolve(COVARIANCES_FILE));
    }
}
