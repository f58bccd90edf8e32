package org.tidl.cli;

import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.tidl.core.NumberLists;
import org.tidl.core.io.Csv;
import org.tidl.core.quadratic.QuadraticComparison;
import org.tidl.core.quadratic.QuadraticSummary;
import org.tidl.core.quadratic.QuadraticTheory;

/** {@code ./tidl quadratic}: simulate an optimizer on the isotropic random quadratic (paper Section 3.1). */
final class QuadraticCommand implements Command {
    @Override public String name() { return "quadratic"; }
    @Override public String summary() { return "simulate an optimizer on the isotropic random quadratic; rates vs theory"; }
    @Override public String usage() {
        return "--topology SPEC [--topology SPEC ...] --workers N --lr LIST [--dim D] [--batch B] [--steps T] [--target E]"
                + " [--seeds K] [--seed S] [--optimizer SPEC] [--threads N] [--out FILE]";
    }

    static final String HEADER_TARGET = "target_mean_worker_sq_norm";

    @Override
    public Options options() {
        return new Options()
                .addOption(Args.repeated("topology", "SPEC", "topology spec (repeatable)"))
                .addOption(Args.opt("workers", "N", "number of workers"))
                .addOption(Args.opt("dim", "D", "dimension d (default 49: zeta = 51 with batch 1, as Fig. 1)"))
                .addOption(Args.opt("batch", "B", "batch size b per worker and step (default 1); zeta = (1+b+d)/b"))
                .addOption(Args.opt("lr", "LIST", "learning rates, e.g. 0.01,0.1 or log:1e-3:1:20"))
                .addOption(Args.opt("steps", "T", "step budget per run (default 10000)"))
                .addOption(Args.opt("target", "E", "target for mean_i ||x_i||^2 / ||x_0||^2, in [0, 1) (default 0.01; 0: run all steps)"))
                .addOption(Args.opt("seeds", "K", "independent runs per cell (default 5)"))
                .addOption(Args.opt("seed", "S", "first seed (default 1); run k uses S+k"))
                .addOption(Args.opt("optimizer", "SPEC", "optimizer spec (default dsgd-atc), e.g. dsgd:momentum=0.9; --lr sets its lr"))
                .addOption(Args.opt("threads", "N", "worker threads (default: all cores)"))
                .addOption(Args.out());
    }

    @Override
    public int run(CommandLine cl, Context ctx) {
        Path out = Args.outputFile(cl, "out"); // a bad output path is refused before any work
        int n = Args.workers(cl, false);
        int dim = Args.positiveInt(cl, "dim", 49);
        int batch = Args.positiveInt(cl, "batch", 1);
        int steps = Args.integer(cl, "steps", 10_000, 1, Integer.MAX_VALUE - 1); // loss curve holds steps + 1 values
        int seeds = Args.positiveInt(cl, "seeds", 5);
        int threads = Args.threads(cl);
        long seed = Args.seed(cl);
        double target = cl.hasOption("target") ? Args.real(cl, "target", 0, Math.nextDown(1.0), "a number in [0, 1)") : 0.01;
        List<Double> lrs = NumberLists.reals("--lr", Args.required(cl, "lr"), 0, true, 10, false);
        String optimizerSpec = cl.getOptionValue("optimizer", "dsgd-atc");
        List<String> specs = Args.topologies(cl);
        QuadraticComparison.Config config = new QuadraticComparison.Config(specs, n, optimizerSpec, lrs, dim, batch, steps,
                target, seeds, seed, threads);

        LazyProgress theoryProgress = new LazyProgress(ctx.err, "quadratic theory", (long) specs.size() * lrs.size());
        QuadraticComparison.Plan plan = QuadraticComparison.plan(config, ctx.topologies(), ctx.optimizers(),
                new QuadraticComparison.TheoryListener() {
                    @Override
                    public void note(String topology, String note) {
                        ctx.err.println("tidl: note: topology '" + topology + "': " + note);
                    }

                    @Override
                    public void predicted() {
                        theoryProgress.advance();
                    }
                });
        theoryProgress.finish();
        Progress progress = new Progress(ctx.err, "quadratic", plan.cells());
        QuadraticComparison.Result result = plan.run(progress::advance);
        progress.finish();

        Csv csv = new Csv("topology", "optimizer", "workers", "dim", "batch", "zeta", "lr", "steps", HEADER_TARGET,
                "seeds", "steps_to_target", "seeds_reached", "measured_rate", "measured_rate_se", "predicted_rate_eq7",
                "predicted_rate_precise", "predicted_steps_to_target", "diverged", "diverged_seeds");
        for (QuadraticComparison.Row r : result.rows()) {
            QuadraticSummary s = r.measured();
            QuadraticTheory.Prediction p = r.predicted();
            csv.add(r.topology(), r.optimizer(), n, dim, batch, config.zeta(), r.learningRate(), steps, target, seeds,
                    s.stepsToTarget(), s.seedsReached(), s.measuredRate(), s.measuredRateError(), p.eq7(), p.precise(),
                    r.predictedStepsToTarget(), s.divergedSeeds() > 0, s.divergedSeeds());
        }
        Args.emit(csv, out, ctx);
        return 0;
    }
}
