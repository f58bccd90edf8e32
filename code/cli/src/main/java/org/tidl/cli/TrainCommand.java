package org.tidl.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.tidl.core.InvalidInputException;
import org.tidl.core.io.Csv;
import org.tidl.dl.data.Images;
import org.tidl.dl.experiment.CellResult;
import org.tidl.dl.experiment.Engine;
import org.tidl.dl.experiment.Experiment;
import org.tidl.dl.experiment.Shard;
import org.tidl.dl.experiment.Sweep;
import org.tidl.dl.experiment.Trainer;
import org.tidl.dl.experiment.TrainingTables;
import org.tidl.reproduction.PaperData;

/**
 * {@code ./tidl train --experiment FILE}: runs a deep-learning experiment's grid (topology × learning rate ×
 * seed, see deep-learning-experiments/experiments/), appending each finished cell to
 * results/NAME/runs.csv; {@code --resume} skips the cells already there. {@code --engine spark} computes the
 * cells as Spark tasks (the code/spark module, loaded only then); {@code --shard K/N} runs a share of the
 * cells for a batch scheduler's job array ({@code ./tidl merge} combines the shards).
 */
final class TrainCommand implements Command {
    @Override public String name() { return "train"; }
    @Override public String summary() { return "run a deep-learning experiment grid (DL4J) into results/NAME/runs.csv"; }
    @Override public String usage() {
        return "--experiment FILE|NAME [--set key=value ...] [--non-iid-alpha A] [--resume | --fresh] [--data-dir DIR] [--out DIR]"
                + " [--shard K/N] [--engine local|spark [--master URL] [--conf KEY=VALUE ...] [--executor-data-dir DIR]]";
    }

    @Override
    public String footer() {
        return "--set keys (docs/deep-learning.md explains each): " + String.join(", ", Experiment.keys());
    }

    @Override
    public Options options() {
        return experimentOptions()
                .addOption(Args.opt("resume", null, "continue: skip the cells already in runs.csv"))
                .addOption(Args.opt("fresh", null, "discard earlier results of this experiment and start over"))
                .addOption(Args.opt("data-dir", "DIR", "data folder (default: the experiment's, else the dataset's standard place)"))
                .addOption(Args.opt("out", "DIR", "results root (default results)"))
                .addOption(Args.opt("shard", "K/N", "run only the cells with index = K mod N, into NAME.shard-K-of-N (./tidl merge combines them)"))
                .addOption(Args.opt("engine", "NAME", "local (default: cells one after another in this process) or spark (cells as Spark tasks)"))
                .addOption(Args.opt("master", "URL", "Spark master: local[K,F] (default local[1,4]: one cell at a time, 4 attempts), spark://HOST:7077, yarn, k8s://..."))
                .addOption(Args.repeated("conf", "KEY=VALUE", "a Spark setting, e.g. spark.executor.memory=8g (repeatable)"))
                .addOption(Args.opt("executor-data-dir", "DIR", "the data folder as Spark executors see it (a shared path); default: ship the data files with Spark"));
    }

    /** The options that name an experiment (train and merge). */
    static Options experimentOptions() {
        return new Options()
                .addOption(Args.opt("experiment", "FILE", "experiment file, or the name of one in deep-learning-experiments/experiments/"))
                .addOption(Args.repeated("set", "KEY=VALUE", "override a key of the experiment file (repeatable)"))
                .addOption(Args.opt("non-iid-alpha", "ALPHA", "Dirichlet(alpha) split by label instead of i.i.d. sampling (same as --set non-iid-alpha=ALPHA)"));
    }

    /** The experiment named by {@link #experimentOptions()}. */
    static Experiment experiment(CommandLine cl, Context ctx) {
        List<String> sets = new java.util.ArrayList<>();
        if (cl.getOptionValues("set") != null) {
            sets.addAll(List.of(cl.getOptionValues("set")));
        }
        if (cl.hasOption("non-iid-alpha")) {
            sets.add("non-iid-alpha=" + cl.getOptionValue("non-iid-alpha"));
        }
        return Experiment.read(experimentFile(Args.required(cl, "experiment")), sets, ctx.dl());
    }

    @Override
    public int run(CommandLine cl, Context ctx) {
        if (cl.hasOption("resume") && cl.hasOption("fresh")) {
            throw new InvalidInputException("--resume and --fresh exclude each other");
        }
        String engine = cl.getOptionValue("engine", "local");
        if (!engine.equals("local") && !engine.equals("spark")) {
            throw new InvalidInputException("--engine must be local or spark, got '" + engine + "'");
        }
        if (engine.equals("local")) {
            for (String o : new String[] {"master", "conf", "executor-data-dir"}) {
                if (cl.hasOption(o)) {
                    throw new InvalidInputException("--" + o + " needs --engine spark");
                }
            }
        }
        Experiment x = experiment(cl, ctx);
        Shard shard = cl.hasOption("shard") ? Shard.parse(cl.getOptionValue("shard")) : null;
        Path out = Path.of(cl.getOptionValue("out", "results"));
        Sweep.Options options = new Sweep.Options(cl.hasOption("resume"), cl.hasOption("fresh"), shard);
        Progress.whenInterrupted("finished cells are kept in " + out.resolve(shard == null ? x.name() : shard.folder(x.name()))
                + "/runs.csv; to continue: " + Args.rerun(name(), cl, java.util.Set.of("fresh", "resume"), "--resume"));
        Path dir = engine.equals("local") ? train(ctx, x, out, cl.getOptionValue("data-dir"), options, null)
                : onEngine(ctx, cl, engine, x, out, options);
        ctx.err.println("tidl: train: results in " + dir);
        ctx.out.println(dir.resolve(TrainingTables.RUNS_FILE));
        ctx.out.println(dir.resolve(TrainingTables.EVALUATIONS_FILE));
        if (x.covarianceAfter() > 0) {
            ctx.out.println(dir.resolve(TrainingTables.COVARIANCES_FILE));
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

    /** What a sweep found in its results folder before training: cells already done there, cells to run now. */
    interface StartListener {
        void started(int cellsDone, int cellsToRun);
    }

    /**
     * Runs (or resumes) an experiment in this process on the caller's progress bar, telling {@code onStart} what
     * it found; returns the results folder.
     */
    static Path train(Context ctx, Experiment x, Path out, String dataDir, boolean resume, boolean fresh, Progress progress,
                      StartListener onStart) {
        return train(ctx, x, out, dataDir, new Sweep.Options(resume, fresh, null), progress, onStart);
    }

    /**
     * Runs (or resumes) an experiment (or a shard of it) in this process with a progress bar; {@code progress}
     * null: one of its own. Returns the results folder.
     */
    static Path train(Context ctx, Experiment x, Path out, String dataDir, Sweep.Options options, Progress progress) {
        return train(ctx, x, out, dataDir, options, progress, null);
    }

    private static Path train(Context ctx, Experiment x, Path out, String dataDir, Sweep.Options options, Progress progress,
                              StartListener onStart) {
        Trainer.checkMemory(x, ctx.optimizers()); // refuse what cannot fit before reading the data
        Images[] data = Trainer.load(x, dataDir);
        Trainer trainer = new Trainer(x, ctx.topologies(), ctx.optimizers(), data[0], data[1]);
        int[] diverged = {0};
        Progress[] bar = {progress};
        Path dir = Sweep.run(x, out, options, trainer, new Sweep.Listener() {
            @Override
            public void started(int cellsToRun, long totalSteps, int cellsDone) {
                if (onStart != null) {
                    onStart.started(cellsDone, cellsToRun);
                }
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
            public void cellFinished(Experiment.Cell cell, CellResult result, Sweep.Status status) {
                diverged[0] += result.diverged() ? 1 : 0;
                bar[0].note("tidl: train: " + finishedLine(cell, result, status));
            }

            @Override
            public void warning(String message) {
                ctx.err.println("tidl: warning: " + message);
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

    /**
     * Runs the cells on another engine (Spark), found on the class path by name: the plain {@code ./tidl train}
     * never loads it. Progress is one line per cell, with the counts and an ETA.
     */
    private static Path onEngine(Context ctx, CommandLine cl, String name, Experiment x, Path out, Sweep.Options options) {
        Map<String, String> conf = new LinkedHashMap<>();
        for (String kv : cl.getOptionValues("conf") == null ? new String[0] : cl.getOptionValues("conf")) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException("--conf: expected KEY=VALUE, got '" + kv + "'");
            }
            conf.put(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
        }
        Engine.Settings settings = new Engine.Settings(x, ctx.topologies(), ctx.optimizers(), ctx.pluginFolders(),
                Trainer.dataDir(x, cl.getOptionValue("data-dir")), cl.getOptionValue("executor-data-dir"),
                cl.getOptionValue("master"), conf);
        Engine.Provider provider = null;
        for (Engine.Provider p : ServiceLoader.load(Engine.Provider.class)) {
            if (p.name().equals(name)) {
                provider = p;
            }
        }
        if (provider == null) {
            throw new InvalidInputException("--engine " + name + ": the engine is not on the class path (./tidl adds "
                    + "code/spark/target's jars for --engine spark; a checkout built with -Dtidl.noSpark has none)");
        }
        int[] failed = {0};
        Path dir;
        try (Engine engine = provider.create(settings)) {
            dir = Sweep.run(x, out, options, engine, new Sweep.Listener() {
                @Override
                public void started(int cellsToRun, long totalSteps, int cellsDone) {
                    ctx.err.printf(Locale.ROOT, "tidl: train: %s: %d cells to run (%d already done) on %s%n", x.name(), cellsToRun,
                            cellsDone, name);
                }

                @Override
                public void cellFinished(Experiment.Cell cell, CellResult r, Sweep.Status s) {
                    ctx.err.println("tidl: train: " + finishedLine(cell, r, s));
                }

                @Override
                public void cellFailed(Experiment.Cell cell, String error, Sweep.Status s) {
                    failed[0]++;
                    ctx.err.printf(Locale.ROOT, "tidl: train: cell %d [%s]: FAILED: %s | %s%n", cell.index(), describe(cell),
                            Main.oneLine(error), counts(s));
                }

                @Override
                public void warning(String message) {
                    ctx.err.println("tidl: warning: " + message);
                }
            });
        }
        if (failed[0] > 0) {
            ctx.err.printf(Locale.ROOT, "tidl: train: %s: %d cell(s) failed every attempt (recorded in runs.csv with the error; "
                    + "--resume runs them again)%n", x.name(), failed[0]);
        }
        return dir;
    }

    /** "cell 3 [ring, 16 workers, lr 0.1, seed 1]: train loss 0.4821, test accuracy 0.8312 (61.2 s) | done ...". */
    static String finishedLine(Experiment.Cell cell, CellResult r, Sweep.Status s) {
        String what = r.diverged() ? "diverged at step " + r.stepsDone()
                : String.format(Locale.ROOT, "train loss %.4f, test accuracy %.4f", r.trainLoss(), r.testAccuracy());
        return String.format(Locale.ROOT, "cell %d [%s]: %s (%.1f s) | %s", cell.index(), describe(cell), what,
                r.wallSeconds(), counts(s));
    }

    private static String describe(Experiment.Cell c) {
        return c.topology() + ", " + c.workers() + " workers, lr " + Csv.number(c.learningRate()) + ", seed " + c.seed()
                + (c.optimizer().equals("dsgd-atc") ? "" : ", " + c.optimizer());
    }

    private static String counts(Sweep.Status s) {
        return String.format(Locale.ROOT, "done %d/%d, running %d, failed %d, ETA %s", s.done(), s.toRun(), s.running(),
                s.failed(), Double.isNaN(s.etaSeconds()) ? "?" : Progress.time(s.etaSeconds()));
    }
}
