package org.tidl.cli;

import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.tidl.api.SpectralSymbol;
import org.tidl.core.InvalidInputException;
import org.tidl.core.NumberLists;
import org.tidl.core.PluginSpec;
import org.tidl.core.Topology;
import org.tidl.core.TopologyErrors;
import org.tidl.core.io.Csv;
import org.tidl.core.theory.EffectiveNeighbors;
import org.tidl.core.theory.NeighborsMode;
import org.tidl.core.theory.RandomWalkSimulation;

/** {@code ./tidl neighbors}: effective number of neighbors n_W(γ) (paper Definition 1). */
final class NeighborsCommand implements Command {
    @Override public String name() { return "neighbors"; }
    @Override public String summary() { return "effective number of neighbors n_W(gamma), exact or simulated"; }
    @Override public String usage() {
        return "--topology SPEC [--topology SPEC ...] --workers N|inf --gamma G1,G2,... [--mode mean|worst] [--method exact|simulate] [--seed S]";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Args.repeated("topology", "SPEC", "topology spec (repeatable)"))
                .addOption(Args.opt("workers", "N", "number of workers, or inf for the infinite graph (Eq. 8)"))
                .addOption(Args.opt("gamma", "LIST", "random-walk decay values in [0, 1)"))
                .addOption(Args.opt("mode", "MODE", "mean (default; Figs. 2, 5, 6) or worst (largest per-worker variance)"))
                .addOption(Args.opt("method", "METHOD", "exact (default) or simulate (Monte Carlo, adds standard_error)"))
                .addOption(Args.opt("seed", "S", "seed for simulate (default 1)"))
                .addOption(Args.opt("repetitions", "R", "simulate: independent walks, at least 2 (default 4000)"))
                .addOption(Args.opt("steps", "T", "simulate: steps per walk (default: until gamma^T < 1e-6)"))
                .addOption(Args.opt("graph-sequences", "K", "simulate, random topologies: independent graph sequences"
                        + " the walks are spread over (default " + RandomWalkSimulation.DEFAULT_GRAPH_SEQUENCES
                        + "; the standard error covers them)"))
                .addOption(Args.out());
    }

    @Override
    public int run(CommandLine cl, Context ctx) {
        Path out = Args.outputFile(cl, "out"); // a bad output path is refused before any work
        int n = Args.workers(cl, true);
        List<Double> gammas = NumberLists.reals("--gamma", Args.required(cl, "gamma"), 0, false, 1, true);
        NeighborsMode mode = NeighborsMode.parse(cl.getOptionValue("mode", "mean"));
        String method = cl.getOptionValue("method", "exact");
        if (!method.equals("exact") && !method.equals("simulate")) {
            throw new InvalidInputException("--method must be exact or simulate, got '" + method + "'");
        }
        boolean simulate = method.equals("simulate");
        if (!simulate) { // the exact method draws nothing: an option of the simulation would be silently ignored
            for (String o : new String[] {"seed", "repetitions", "steps", "graph-sequences"}) {
                if (cl.hasOption(o)) {
                    throw new InvalidInputException("--" + o + " is for --method simulate (the exact method draws no walks)");
                }
            }
        }
        long seed = Args.seed(cl);
        // a standard error needs at least two independent walks
        int reps = Args.integer(cl, "repetitions", 4000, 2, Integer.MAX_VALUE);
        Integer steps = cl.hasOption("steps") ? Args.positiveInt(cl, "steps", 1) : null;
        int sequences = Args.positiveInt(cl, "graph-sequences", RandomWalkSimulation.DEFAULT_GRAPH_SEQUENCES);
        if (sequences < 2) {
            throw new InvalidInputException("--graph-sequences must be >= 2, got " + sequences);
        }
        if (n == Args.INFINITE && simulate) {
            throw new InvalidInputException("--method simulate needs a finite --workers");
        }
        Csv csv = simulate
                ? new Csv("topology", "workers", "gamma", "mode", "effective_neighbors", "standard_error",
                        "standard_error_covers")
                : new Csv("topology", "workers", "gamma", "mode", "effective_neighbors");
        for (String spec : Args.topologies(cl)) {
            if (n == Args.INFINITE) {
                SpectralSymbol symbol = ctx.topologies().infinite(PluginSpec.parse(spec));
                for (double g : gammas) {
                    csv.add(spec, "inf", g, mode.word(), EffectiveNeighbors.infinite(symbol, g));
                }
                continue;
            }
            try {
                Topology t = ctx.topologies().build(spec, n);
                if (simulate) {
                    // a random topology is redrawn for each group of walks, so the error covers its graph sequence
                    var redraws = ctx.topologies().redraws(t, seed);
                    for (double g : gammas) {
                        int T = steps != null ? steps : RandomWalkSimulation.defaultSteps(g, t.scheme().period());
                        var est = redraws.isPresent() && reps >= 2
                                ? RandomWalkSimulation.run(redraws.get(), sequences, g, mode, reps, T, seed)
                                : RandomWalkSimulation.run(t.scheme(), g, mode, reps, T, seed);
                        csv.add(spec, n, g, mode.word(), est.value(), est.standardError(), est.coverage().word());
                    }
                } else {
                    EffectiveNeighbors nw = EffectiveNeighbors.of(t.scheme());
                    for (double g : gammas) {
                        csv.add(spec, n, g, mode.word(), nw.at(g, mode));
                    }
                }
            } catch (InvalidInputException e) {
                throw TopologyErrors.prefixed(spec, e);
            }
        }
        Args.emit(csv, out, ctx);
        return 0;
    }
}
