package org.tidl.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.tidl.core.InvalidInputException;
import org.tidl.dl.data.Images;
import org.tidl.dl.experiment.Experiment;
import org.tidl.dl.experiment.Trainer;
import org.tidl.reproduction.PaperData;

/**
 * {@code ./tidl train --experiment FILE}: runs a deep-learning experiment's grid (topology × learning rate ×
 * seed, see deep-learning-experiments/experiments/), appending each finished cell to
 * results/NAME/runs.csv; {@code --resume} skips the cells already there.
 */
final class TrainCommand implements Command {
    @Override public String name() { return "train"; }
    @Override public String summary() { return "run a deep-learning experiment grid (DL4J) into results/NAME/runs.csv"; }
    @Override public String usage() { return "--experiment FILE|NAME [--set key=value ...] [--non-iid-alpha A] [--resume | --fresh] [--data-dir DIR] [--out DIR]"; }

    @Override
    public Options options() {
        return new Options()
                .addOption(Args.opt("experiment", "FILE", "experiment file, or the name of one in deep-learning-experiments/experiments/"))
                .addOption(Args.repeated("set", "KEY=VALUE", "override a key of the experiment file (repeatable)"))
                .addOption(Args.opt("resume", null, "continue: skip the cells already in runs.csv"))
                .addOption(Args.opt("fresh", null, "discard earlier results of this experiment and start over"))
                .addOption(Args.opt("non-iid-alpha", "ALPHA", "Dirichlet(alpha) split by label instead of i.i.d. sampling (same as --set non-iid-alpha=ALPHA)"))
                .addOption(Args.opt("data-dir", "DIR", "data folder (default: the experiment's, else the dataset's standard place)"))
                .addOption(Args.opt("out", "DIR", "results root (default results)"));
    }

    @Override
    public int run(CommandLine cl, Context ctx) {
        if (cl.hasOption("resume") && cl.hasOption("fresh")) {
            throw new InvalidInputException("--resume and --fresh exclude each other");
        }
        List<String> sets = new java.util.ArrayList<>();
        if (cl.getOptionValues("set") != null) {
            sets.addAll(List.of(cl.getOptionValues("set")));
        }
        if (cl.hasOption("non-iid-alpha")) {
            sets.add("non-iid-alpha=" + cl.getOptionValue("non-iid-alpha"));
        }
        Experiment x = Experiment.read(experimentFile(Args.required(cl, "experiment")), sets);
        Path dir = train(ctx, x, Path.of(cl.getOptionValue("out", "results")), cl.getOptionValue("data-dir"),
                cl.hasOption("resume"), cl.hasOption("fresh"), null);
        ctx.err.println("tidl: train: results in " + dir);
        ctx.out.println(dir.resolve("runs.csv"));
        ctx.out.println(dir.resolve("evaluations.csv"));
        if (x.covarianceAfter() > 0) {
            ctx.out.println(dir.resolve("covariances.csv"));
        }
        return 0;
    }

    /** An experiment file by path, or by name in the checkout's deep-learning-experiments/experiments/. */
    static Path experimentFile(String given) {
        Path p = Path.of(given);
        if (Files.isRegularFile(p)) {
            return p;
        }
        Path named = experimentsFolder().resolve(given.endsWith(".exp") ? given : given + ".exp");
        if (Files.isRegularFile(named)) {
            return named;
        }
        throw new InvalidInputException("--experiment: no file '" + given + "' and no experiment of that name in "
                + experimentsFolder());
    }

    static Path experimentsFolder() {
        return PaperData.home().resolve("deep-learning-experiments").resolve("experiments");
    }

    /**
     * Runs (or resumes) an experiment with a progress bar; {@code progress} null: one of its own. Returns the
     * results folder.
     */
    static Path train(Context ctx, Experiment x, Path out, String dataDir, boolean resume, boolean fresh, Progress progress) {
        Trainer.checkMemory(x, ctx.optimizers()); // refuse what cannot fit before reading the data
        Images[] data = Trainer.load(x, dataDir);
        Trainer trainer = new Trainer(x, ctx.topologies(), ctx.optimizers(), data[0], data[1]);
        int[] diverged = {0};
        Progress[] bar = {progress};
        Path dir = trainer.run(out, resume, fresh, new Trainer.Listener() {
            @Override
            public void started(int cellsToRun, long totalSteps, int cellsDone) {
                if (bar[0] == null) {
                    ctx.err.printf(Locale.ROOT, "tidl: train: %s: %d cells to run (%d already done), %d steps%n", x.name(), cellsToRun,
                            cellsDone, totalSteps);
                    bar[0] = new Progress(ctx.err, String.format(Locale.ROOT, "%-10s", x.name()), totalSteps);
                } else if (cellsDone > 0) {
                    bar[0].skip(Trainer.stepsPerCell(x) * cellsDone);
                }
            }

            @Override
            public void advanced(int steps) {
                bar[0].advance(steps);
            }

            @Override
            public void cellFinished(Experiment.Cell cell, boolean div, double trainLoss) {
                diverged[0] += div ? 1 : 0;
            }
        });
        if (progress == null && bar[0] != null) {
            bar[0].finish();
        }
        if (diverged[0] > 0) {
            ctx.err.printf(Locale.ROOT, "tidl: train: %s: %d cell(s) diverged (recorded in runs.csv)%n", x.name(), diverged[0]);
        }
        return dir;
    }
}
