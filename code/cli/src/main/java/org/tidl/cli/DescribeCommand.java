package org.tidl.cli;

import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.tidl.core.InvalidInputException;
import org.tidl.core.Topology;
import org.tidl.core.TopologyErrors;
import org.tidl.core.io.Csv;
import org.tidl.core.theory.GraphProperties;
import org.tidl.core.theory.SpectralGap;

/** {@code ./tidl describe}: graph facts and spectral gap of each topology. */
final class DescribeCommand implements Command {
    @Override public String name() { return "describe"; }
    @Override public String summary() { return "period, symmetry, degrees, edges, diameter and spectral gap of topologies"; }
    @Override public String usage() { return "--topology SPEC [--topology SPEC ...] --workers N"; }

    @Override
    public Options options() {
        return new Options()
                .addOption(Args.repeated("topology", "SPEC", "topology spec (repeatable)"))
                .addOption(Args.opt("workers", "N", "number of workers"))
                .addOption(Args.out());
    }

    @Override
    public int run(CommandLine cl, Context ctx) {
        Path out = Args.outputFile(cl, "out"); // a bad output path is refused before any work
        int n = Args.workers(cl, false);
        Csv csv = new Csv("topology", "workers", "period", "symmetric", "doubly_stochastic", "min_degree",
                "max_degree", "edges", "diameter", "spectral_gap");
        for (String spec : Args.topologies(cl)) {
            try {
                Topology t = ctx.topologies().build(spec, n);
                GraphProperties g = GraphProperties.of(t.scheme());
                double gap = SpectralGap.of(t.scheme());
                csv.add(spec, n, g.period(), g.symmetric(), g.doublyStochastic(), g.minDegree(), g.maxDegree(),
                        g.edges(), Double.isInfinite(g.diameter()) ? "inf" : Long.toString((long) g.diameter()), gap);
            } catch (InvalidInputException e) {
                throw TopologyErrors.prefixed(spec, e);
            }
        }
        Args.emit(csv, out, ctx);
        return 0;
    }
}
