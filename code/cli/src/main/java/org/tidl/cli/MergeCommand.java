package org.tidl.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.tidl.dl.experiment.Experiment;
import org.tidl.dl.experiment.Merge;
import org.tidl.dl.experiment.TrainingTables;

/**
 * {@code ./tidl merge --experiment X}: combines the shard folders {@code NAME.shard-K-of-N} that
 * {@code train --shard K/N} wrote (a SLURM job array, a Kubernetes Indexed Job) into {@code results/NAME/}, as
 * one unsharded run would have written it.
 */
final class MergeCommand implements Command {
    @Override public String name() { return "merge"; }
    @Override public String summary() { return "combine the shard folders of train --shard K/N into one results folder"; }
    @Override public String usage() {
        return "--experiment FILE|NAME [--set key=value ...] [--non-iid-alpha A] [--out DIR] [--shards DIR] [--fresh]";
    }

    /** The shards come from train's --shard. */
    @Override
    public String parameterName(String parameter) {
        return parameter.equals("shard") ? "--shard" : parameter;
    }

    @Override
    public Options options() {
        return TrainCommand.experimentOptions()
                .addOption(Args.opt("out", "DIR", "results root: writes DIR/NAME (default results)"))
                .addOption(Args.opt("shards", "DIR", "the folder holding NAME.shard-K-of-N (default: the results root)"))
                .addOption(Args.opt("fresh", null, "replace an existing DIR/NAME"));
    }

    @Override
    public int run(CommandLine cl, Context ctx) {
        Experiment x = TrainCommand.experiment(cl, ctx);
        Path out = Path.of(cl.getOptionValue("out", "results"));
        Path shards = cl.hasOption("shards") ? Path.of(cl.getOptionValue("shards")) : out;
        Merge.Result r = Merge.run(x, out, shards, cl.hasOption("fresh"), w -> ctx.err.println("tidl: warning: " + w));
        int left = r.cells() - r.done();
        ctx.err.printf(Locale.ROOT, "tidl: merge: %d shards of %s: %d of %d cells done%s; results in %s%n", r.shards(), x.name(), r.done(),
                r.cells(), left == 0 ? "" : " (./tidl train --experiment ... --resume runs the other " + left + ")", r.dir());
        ctx.out.println(r.dir().resolve(TrainingTables.RUNS_FILE));
        ctx.out.println(r.dir().resolve(TrainingTables.EVALUATIONS_FILE));
        if (x.covarianceAfter() > 0) {
            ctx.out.println(r.dir().resolve(TrainingTables.COVARIANCES_FILE));
        }
        return 0;
    }
}
