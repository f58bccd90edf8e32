package org.tidl.cli;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.tidl.core.InvalidInputException;
import org.tidl.core.io.Csv;
import org.tidl.dl.experiment.Experiment;
import org.tidl.dl.engine.DlBenchmark;

/**
 * {@code ./tidl bench-dl}: training samples per second of simulated D-SGD workers (Fashion-MNIST-shaped MLP,
 * ring, batch 16), split into gradients, update and gossip: the two settings by default.
 */
final class BenchDlCommand implements Command {
    @Override public String name() { return "bench-dl"; }
    @Override public String summary() { return "deep-learning speed: samples/s of simulated workers (MLP, ring, batch 16)"; }
    @Override public String usage() { return "[--workers N --hidden H] [--optimizer SPEC] [--steps T]"; }

    @Override
    public Options options() {
        return new Options()
                .addOption(Args.opt("workers", "N", "workers (default: both settings, 64 x 5000 and 32 x 512)"))
                .addOption(Args.opt("hidden", "H", "hidden units of the MLP 784-H-10 (default 512; needs --workers)"))
                .addOption(Args.opt("optimizer", "SPEC", "optimizer (default dsgd-atc), e.g. gradient-tracking or detag"))
                .addOption(Args.opt("steps", "T", "measured steps (default 4 for H >= 2000, else 20); as many warm-up steps"));
    }

    @Override
    public int run(CommandLine cl, Context ctx) {
        if (cl.hasOption("hidden") && !cl.hasOption("workers")) {
            throw new InvalidInputException("--hidden needs --workers (without both, bench-dl runs its two standard"
                    + " settings, 64 x 5000 and 32 x 512)");
        }
        int[][] settings = cl.hasOption("workers")
                ? new int[][] {{Args.workers(cl, false), Args.integer(cl, "hidden", 512, 1, Experiment.MAX_HIDDEN)}}
                : new int[][] {{64, 5000}, {32, 512}};
        Csv csv = new Csv("workers", "hidden", "parameters_per_worker", "batch", "topology", "steps", "samples_per_second",
                "gradient_seconds_per_step", "update_seconds_per_step", "gossip_seconds_per_step", "omp_num_threads", "optimizer");
        for (int[] s : settings) {
            int steps = Args.positiveInt(cl, "steps", s[1] >= 2000 ? 4 : 20);
            ctx.err.println("tidl: bench-dl: " + s[0] + " workers, MLP 784-" + s[1] + "-10 ...");
            String optimizer = cl.getOptionValue("optimizer", "dsgd-atc");
            DlBenchmark.Result r = DlBenchmark.run(s[0], s[1], 16, "ring", steps, optimizer, ctx.topologies(), ctx.optimizers());
            csv.add(s[0], s[1], r.parameters(), 16, "ring", steps, r.samplesPerSecond(), r.gradientSeconds(),
                    r.updateSeconds(), r.gossipSeconds(), System.getenv().getOrDefault("OMP_NUM_THREADS", "(unset)"), optimizer);
        }
        ctx.out.print(csv.render());
        return 0;
    }
}
