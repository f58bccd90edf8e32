package org.tidl.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.tidl.core.InvalidInputException;
import org.tidl.core.io.Csv;
import org.tidl.dl.DlExtensions;
import org.tidl.dl.experiment.Experiment;
import org.tidl.dl.spi.DatasetShape;
import org.tidl.dl.engine.DlBenchmark;

/**
 * {@code ./tidl bench-dl}: training samples per second of simulated workers (ring, batch 16), split into gradients,
 * update and gossip, and set against the machine's limit measured in the same run (GEMM peak and streaming
 * bandwidth): the settings by default, MLP 784-5000-10 × 64 and 784-512-10 × 32, or VGG-11 × 8 and × 32
 * with {@code --model vgg11}. The PyTorch peers to compare with live in deep-learning-experiments/bench/.
 */
final class BenchDlCommand implements Command {
    @Override public String name() { return "bench-dl"; }
    @Override public String summary() { return "deep-learning speed: samples/s of simulated workers against the machine's limit"; }
    @Override public String usage() { return "[--model mlp|vgg11] [--workers N [--hidden H]] [--optimizer SPEC] [--steps T]"; }

    @Override
    public Options options() {
        return new Options()
                .addOption(Args.opt("model", "M", "mlp (default), vgg11 or a plugin's model"))
                .addOption(Args.opt("workers", "N", "workers (default: 64 x MLP-5000 and 32 x MLP-512; VGG-11: 8 and 32)"))
                .addOption(Args.opt("hidden", "H", "hidden units of the MLP 784-H-10 (with --workers)"))
                .addOption(Args.opt("optimizer", "SPEC", "optimizer (default dsgd-atc), e.g. gradient-tracking or detag"))
                .addOption(Args.opt("steps", "T", "measured steps (default 4 for large models, else 20)"));
    }

    @Override
    public int run(CommandLine cl, Context ctx) {
        String model = cl.getOptionValue("model", "mlp");
        DlExtensions.Model m = ctx.dl().model(model);
        boolean hidden = m.usesHidden();
        if (cl.hasOption("hidden") && (!cl.hasOption("workers") || !hidden)) {
            throw new InvalidInputException("--hidden needs --workers and --model mlp (without --workers, bench-dl runs"
                    + " its standard settings: 64 x MLP-5000 and 32 x MLP-512, or VGG-11 with 8 and 32 workers)");
        }
        List<int[]> settings = new ArrayList<>();
        if (cl.hasOption("workers")) {
            settings.add(new int[] {Args.workers(cl, false), Args.integer(cl, "hidden", 512, 1, Experiment.MAX_HIDDEN)});
        } else if (!hidden) { // the VGG-11 settings
            settings.add(new int[] {8, 0});
            settings.add(new int[] {32, 0});
        } else {
            settings.add(new int[] {64, 5000});
            settings.add(new int[] {32, 512});
        }
        String optimizer = cl.getOptionValue("optimizer", "dsgd-atc");
        DatasetShape shape = ctx.dl().dataset(m.pairedDataset()).shape();
        List<DlBenchmark.Setting> runs = new ArrayList<>();
        for (int[] s : settings) {
            boolean large = !hidden || s[1] >= 2000;
            int steps = Args.positiveInt(cl, "steps", large ? 4 : 20);
            DlBenchmark.Setting setting = new DlBenchmark.Setting(model, s[0], hidden ? s[1] : 0, 16, "ring", optimizer, steps);
            DlBenchmark.checkFits(setting, ctx.optimizers(), ctx.dl()); // every setting refused up front, before any work
            runs.add(setting);
        }
        ctx.err.println("tidl: bench-dl: measuring the machine (streaming bandwidth, GEMM peak) ...");
        DlBenchmark.Machine machine = DlBenchmark.probe();
        ctx.err.printf(Locale.ROOT, "tidl: bench-dl: %d cores, %.1f GB/s streaming, %.0f GFLOP/s single-precision GEMM%n",
                machine.cores(), machine.bandwidthGBs(), machine.gemmGflops());
        Csv csv = new Csv("model", "workers", "hidden", "parameters_per_worker", "batch", "topology", "optimizer", "steps",
                "samples_per_second", "seconds_per_step", "gradient_seconds_per_step", "update_seconds_per_step",
                "gossip_seconds_per_step", "gflop_per_step", "gb_per_step", "gflop_per_second", "limit_samples_per_second",
                "percent_of_limit", "bound_by", "bandwidth_gb_per_second", "gemm_gflop_per_second", "nd4j_build",
                "omp_num_threads");
        for (DlBenchmark.Setting setting : runs) {
            ctx.err.println("tidl: bench-dl: " + setting.workers() + " workers, "
                    + m.label(shape, setting.hidden()) + ", " + optimizer + " ...");
            DlBenchmark.Result r = DlBenchmark.run(setting, machine, ctx.topologies(), ctx.optimizers(), ctx.dl());
            ctx.err.printf(Locale.ROOT, "tidl: bench-dl:   %.0f samples/s, %.1f%% of the %s limit (%.0f samples/s)%n",
                    r.samplesPerSecond(), r.percentOfLimit(), r.boundBy(), r.limitSamplesPerSecond());
            csv.add(model, setting.workers(), hidden ? setting.hidden() : "", r.parameters(), 16, "ring", optimizer,
                    setting.steps(), r.samplesPerSecond(), r.stepSeconds(), r.gradientSeconds(), r.updateSeconds(),
                    r.gossipSeconds(), r.flopsPerStep() / 1e9, r.bytesPerStep() / 1e9, r.gflops(),
                    r.limitSamplesPerSecond(), r.percentOfLimit(), r.boundBy(), machine.bandwidthGBs(),
                    machine.gemmGflops(), r.nd4jBuild(), System.getenv().getOrDefault("OMP_NUM_THREADS", "(unset)"));
        }
        ctx.out.print(csv.render());
        return 0;
    }
}
