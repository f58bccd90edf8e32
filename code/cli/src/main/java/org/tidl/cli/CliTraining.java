package org.tidl.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.tidl.dl.experiment.Experiment;
import org.tidl.reproduction.dl.TrainedExperiment;
import org.tidl.reproduction.dl.Training;
import org.tidl.reproduction.dl.TrainingLog;

/**
 * The deep-learning figures' experiments, run by {@code train}'s code with the figure's progress bar and data folder.
 * A results folder that already holds cells is resumed, and a line on stderr says so (a fresh clone holds the
 * committed quick results, so {@code reproduce --deep-learning --quick} there only redraws them).
 */
final class CliTraining implements Training {

    private final Context ctx;
    private final String dataDir;
    private final Progress bar;
    private final boolean fresh;
    private final Set<String> runBefore;

    /**
     * @param bar       the figure's progress bar (null while only sizing the work)
     * @param fresh     discard what the results folder holds of an experiment and train it again
     * @param runBefore the experiments this command ran already (shared by its figures, filled here): one that
     *                  another figure ran is neither discarded again by {@code fresh} nor announced again
     */
    CliTraining(Context ctx, String dataDir, Progress bar, boolean fresh, Set<String> runBefore) {
        this.ctx = ctx;
        this.dataDir = dataDir;
        this.bar = bar;
        this.fresh = fresh;
        this.runBefore = runBefore;
    }

    @Override
    public Experiment experiment(String name) {
        return Experiment.read(TrainCommand.experimentFile(name), List.of(), ctx.dl());
    }

    @Override
    public TrainedExperiment run(Experiment x, Path resultsRoot) {
        boolean first = runBefore.add(x.name());
        boolean discard = fresh && first;
        Path folder = resultsRoot.resolve(x.name());
        int[] before = {0};
        Path dir = TrainCommand.train(ctx, x, resultsRoot, dataDir, !discard, discard, bar, (done, toRun) -> {
            before[0] = done; // after a discard: 0
            if (first && done > 0) {
                String line = resumed(x.name(), folder, done, toRun, x.cells().size());
                if (bar == null) {
                    ctx.err.println(line);
                } else {
                    bar.note(line);
                }
            }
        });
        return new TrainedExperiment(x.name(), dir, TrainingLog.finishedCells(dir) - before[0]);
    }

    /** The line that says a figure's experiment was resumed from earlier results, and how to train it again. */
    static String resumed(String experiment, Path folder, int done, int toRun, int cells) {
        return String.format(Locale.ROOT, "tidl: reproduce: %s: resumed %d of %d cells from %s%s; use --fresh to retrain%s",
                experiment, done, cells, folder, toRun == 0 ? "" : ", training the other " + toRun, toRun == 0 ? "" : " all");
    }
}
