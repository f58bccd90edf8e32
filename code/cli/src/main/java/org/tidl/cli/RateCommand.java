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
import org.tidl.core.theory.QuadraticRate;

/** {@code ./tidl rate}: D-SGD convergence rate on the isotropic random quadratic (paper Eq. 7). */
final class RateCommand implements Command {
    @Override public String name() { return "rate"; }
    @Override public String summary() { return "D-SGD rate on the isotropic quadratic: Eq. 7 fixed point or exact second moments"; }
    @Override public String usage() {
        return "--topology SPEC [--topology SPEC ...] --workers N|inf --zeta Z --lr L1,L2,... [--method fixed-point|precise]";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Args.repeated("topology", "SPEC", "topology spec (repeatable)"))
                .addOption(Args.opt("workers", "N", "number of workers, or inf (fixed-point only)"))
                .addOption(Args.opt("zeta", "Z", "noise level zeta >= 1 (zeta = (1+b+d)/b)"))
                .addOption(Args.opt("lr", "LIST", "learning rates in (0, 2]"))
                .addOption(Args.opt("method", "METHOD", "fixed-point (default, Eq. 7 with worst-case n_W) or precise"))
                .addOption(Args.out());
    }

    @Override
    public int run(CommandLine cl, Context ctx) {
        Path out = Args.outputFile(cl, "out"); // a bad output path is refused before any work
        int n = Args.workers(cl, true);
        double zeta = Args.real(cl, "zeta", 1, Double.MAX_VALUE, "a number >= 1");
        List<Double> lrs = NumberLists.reals("--lr", Args.required(cl, "lr"), 0, true, 2, false);
        String method = cl.getOptionValue("method", "fixed-point");
        if (!method.equals("fixed-point") && !method.equals("precise")) {
            throw new InvalidInputException("--method must be fixed-point or precise, got '" + method + "'");
        }
        if (n == Args.INFINITE && method.equals("precise")) {
            throw new InvalidInputException("--method precise needs a finite --workers (use fixed-point for inf)");
        }
        Csv csv = new Csv("topology", "workers", "zeta", "lr", "method", "rate");
        LazyProgress progress = new LazyProgress(ctx.err, "rate", (long) Args.topologies(cl).size() * lrs.size());
        for (String spec : Args.topologies(cl)) {
            if (n == Args.INFINITE) {
                SpectralSymbol symbol = ctx.topologies().infinite(PluginSpec.parse(spec));
                for (double lr : lrs) {
                    double r = QuadraticRate.fixedPoint(g -> EffectiveNeighbors.infinite(symbol, g), zeta, lr);
                    csv.add(spec, "inf", zeta, lr, method, r);
                }
                continue;
            }
            try {
                Topology t = ctx.topologies().build(spec, n);
                if (method.equals("precise")) {
                    for (double lr : lrs) {
                        csv.add(spec, n, zeta, lr, method, QuadraticRate.precise(t.scheme(), zeta, lr));
                        progress.advance();
                    }
                } else {
                    EffectiveNeighbors nw = EffectiveNeighbors.of(t.scheme());
                    for (double lr : lrs) {
                        csv.add(spec, n, zeta, lr, method,
                                QuadraticRate.fixedPoint(g -> nw.at(g, NeighborsMode.WORST), zeta, lr));
                        progress.advance();
                    }
                }
            } catch (InvalidInputException e) {
                throw TopologyErrors.prefixed(spec, e);
            }
        }
        progress.finish();
        Args.emit(csv, out, ctx);
        return 0;
    }
}
