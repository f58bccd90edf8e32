package org.tidl.cli;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.tidl.core.bench.SimulatorBenchmark;

/**
 * {@code ./tidl bench}: speed of the quadratic simulator (worker-steps per second, split into oracle and
 * gossip) and of the gossip step alone on sparse and dense matrices, single thread ({@link SimulatorBenchmark}).
 */
final class BenchCommand implements Command {
    @Override public String name() { return "bench"; }
    @Override public String summary() { return "simulator speed: worker-steps/s, oracle vs gossip, sparse vs dense gossip"; }
    @Override public String usage() { return "[--workers N] [--dim D] [--steps T]"; }

    @Override
    public Options options() {
        return new Options()
                .addOption(Args.opt("workers", "N", "workers (default 32)"))
                .addOption(Args.opt("dim", "D", "dimension (default 100)"))
                .addOption(Args.opt("steps", "T", "steps per measurement (default 20000)"));
    }

    @Override
    public int run(CommandLine cl, Context ctx) {
        int n = cl.hasOption("workers") ? Args.workers(cl, false) : 32;
        int d = Args.positiveInt(cl, "dim", 100);
        int steps = Args.positiveInt(cl, "steps", 20_000);
        ctx.out.print(SimulatorBenchmark.run(n, d, steps, ctx.topologies(), ctx.optimizers()).table().render());
        return 0;
    }
}
