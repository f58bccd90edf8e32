package org.tidl.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.tidl.api.GossipMatrix;
import org.tidl.api.GossipScheme;
import org.tidl.core.InvalidInputException;
import org.tidl.core.NumberLists;
import org.tidl.core.Topology;
import org.tidl.core.io.Csv;
import org.tidl.core.topology.MatrixText;
import org.tidl.reproduction.render.TopologyDrawing;

/**
 * {@code ./tidl export}: a topology's gossip matrix W(t) as numbers, or drawn. A command of its own rather than
 * options of {@code describe}: describe prints one summary row per topology, while this prints one matrix (n
 * rows) of one topology, and draws it.
 *
 * <ul>
 *   <li>default: W(t) at {@code --step T} (default 0) as n lines of n weights, the format the {@code matrix}
 *       topology reads ({@code matrix:file=W.csv}), written exactly (decimals that read back as the same doubles);
 *   <li>{@code --period}: every W(t) of the period as {@code step,row,column,weight} lines, non-zero entries only
 *       (the cost follows the edges, so also the way to export a large n);
 *   <li>{@code --draw FILE.png}: W(t) drawn by {@link TopologyDrawing}.
 * </ul>
 */
final class ExportCommand implements Command {

    /** Most entries of a dense W printed (n ≤ 1000). */
    static final long MAX_DENSE_ENTRIES = 1_000_000;

    /** Most lines of {@code --period}. */
    static final long MAX_ENTRY_LINES = 5_000_000;

    @Override public String name() { return "export"; }
    @Override public String summary() { return "a topology's gossip matrix W(t) as CSV (one step or the whole period), or drawn as a PNG"; }
    @Override public String usage() { return "--topology SPEC --workers N [--step T | --period] [--draw FILE.png] [--out FILE]"; }

    @Override
    public Options options() {
        return new Options()
                .addOption(Args.opt("topology", "SPEC", "topology spec"))
                .addOption(Args.opt("workers", "N", "number of workers"))
                .addOption(Args.opt("step", "T", "the step t of W(t), a whole number >= 0 (default 0; periodic schemes repeat)"))
                .addOption(Args.opt("period", null, "every W(t) of the period, as step,row,column,weight lines (non-zero entries)"))
                .addOption(Args.opt("draw", "FILE", "draw W(t) as a graph into FILE (.png) instead of printing numbers;"
                        + " with --out, the numbers go there too"))
                .addOption(Args.opt("out", "FILE", "write the CSV to FILE (atomically) instead of stdout"));
    }

    @Override
    public int run(CommandLine cl, Context ctx) {
        String spec = Args.required(cl, "topology");
        int n = Args.workers(cl, false);
        long step = cl.hasOption("step") ? NumberLists.whole("--step", cl.getOptionValue("step"), 0, Long.MAX_VALUE) : 0;
        boolean period = cl.hasOption("period");
        if (period && cl.hasOption("step")) {
            throw new InvalidInputException("--step and --period exclude each other (--period prints every step)");
        }
        String draw = cl.getOptionValue("draw");
        if (draw != null && !draw.toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new InvalidInputException("--draw must name a .png file, got '" + draw + "'");
        }
        if (draw != null && n > TopologyDrawing.MAX_WORKERS) {
            throw new InvalidInputException("--draw: at most " + TopologyDrawing.MAX_WORKERS
                    + " workers can be drawn legibly, got --workers " + n);
        }
        Path picture = Args.outputFile(cl, "draw"); // checked before any work, as every output file
        Path out = Args.outputFile(cl, "out");
        boolean numbers = draw == null || out != null;
        if (numbers && !period && (long) n * n > MAX_DENSE_ENTRIES) {
            throw new InvalidInputException("--workers " + n + ": W as a matrix has " + (long) n * n + " entries, more than the "
                    + MAX_DENSE_ENTRIES + " printed (n <= " + (long) Math.sqrt(MAX_DENSE_ENTRIES) + "); --period lists the "
                    + "non-zero entries only");
        }
        Topology t = ctx.topologies().build(spec, n);
        GossipScheme scheme = t.scheme();
        if (period && scheme.period() == GossipScheme.APERIODIC) {
            throw new InvalidInputException("topology '" + spec + "' has no period (a new W every step): give --step T instead of --period");
        }
        if (draw != null) {
            TopologyDrawing.write(scheme.matrix(step), spec, "n = " + n + ", W(t) at t = " + step + periodText(scheme), picture);
        }
        if (numbers) {
            String csv = period ? MatrixText.entries(scheme, MAX_ENTRY_LINES) : MatrixText.dense(scheme.matrix(step));
            if (out == null) {
                ctx.out.print(csv);
            } else {
                Csv.writeAtomically(out, csv);
            }
        }
        if (draw != null) {
            ctx.out.println(draw);
            if (out != null) {
                ctx.out.println(out);
            }
        } else if (out != null) {
            ctx.err.println("tidl: wrote " + (period ? "the period of W(t)" : "W(" + step + ")") + " to " + out);
        }
        return 0;
    }

    private static String periodText(GossipScheme s) {
        return s.period() == GossipScheme.APERIODIC ? " (aperiodic)" : s.period() == 1 ? " (static)" : " (period " + s.period() + ")";
    }
}
