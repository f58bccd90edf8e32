package org.tidl.cli;

import java.nio.file.Path;
import java.util.List;
import org.tidl.dl.experiment.Experiment;
import org.tidl.reproduction.dl.Training;

/** The deep-learning figures' experiments, run by {@code train}'s code with the figure's progress bar and data folder. */
final class CliTraining implements Training {

    private final Context ctx;
    private final String dataDir;
    private final Progress bar;

    /** @param bar the figure's progress bar (null while only sizing the work) */
    CliTraining(Context ctx, String dataDir, Progress bar) {
        this.ctx = ctx;
        this.dataDir = dataDir;
        this.bar = bar;
    }

    @Override
    public Experiment experiment(String name) {
        return Experiment.read(TrainCommand.experimentFile(name), List.of(), ctx.dl());
    }

    @Override
    public Path run(Experiment x, Path resultsRoot) {
        return TrainCommand.train(ctx, x, resultsRoot, dataDir, true, false, bar);
    }
}
