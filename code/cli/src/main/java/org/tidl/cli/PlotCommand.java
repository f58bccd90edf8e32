package org.tidl.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.tidl.core.InvalidInputException;
import org.tidl.reproduction.dl.ExperimentPlot;
import org.tidl.reproduction.provenance.Provenance;
import org.tidl.reproduction.render.ExperimentPlotRender;
import org.tidl.reproduction.render.FigureFiles;
import org.tidl.reproduction.report.ResultsReport;

/**
 * {@code ./tidl plot}: a {@code ./tidl train} experiment folder drawn (see {@link ExperimentPlot} and
 * {@link ExperimentPlotRender}): loss and accuracy over the steps per cell, final loss against the learning rate
 * per setup, each picture with the CSV it draws and a provenance record, into the experiment's plots/ folder
 * (or --out). Exit 2 when the folder or its runs.csv / evaluations.csv is missing, or no cell has finished.
 */
final class PlotCommand implements Command {
    @Override public String name() { return "plot"; }
    @Override public String summary() { return "draw a train experiment: loss/accuracy per cell, loss vs learning rate"; }
    @Override public String usage() { return "--results DIR/NAME [--out DIR]"; }

    @Override
    public Options options() {
        return new Options()
                .addOption(Args.opt("results", "DIR", "the experiment's folder, as ./tidl train wrote it (runs.csv, evaluations.csv, experiment.txt)"))
                .addOption(Args.opt("out", "DIR", "folder for the pictures and tables (default DIR/NAME/" + ResultsReport.PLOTS + ")"));
    }

    @Override
    public int run(CommandLine cl, Context ctx) {
        Path folder = Path.of(Args.required(cl, "results"));
        Path out = cl.hasOption("out") ? Path.of(cl.getOptionValue("out")) : folder.resolve(ResultsReport.PLOTS);
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new InvalidInputException("--out: " + out + " is a file, not a folder");
        }
        Instant started = Instant.now();
        ExperimentPlot.Result result;
        try {
            result = ExperimentPlot.read(folder);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("--results: " + e.getMessage());
        }
        Provenance.Invocation invocation = Invocations.of(name(), cl, ctx);
        FigureFiles files = new FigureFiles(out, result.experiment());
        new ExperimentPlotRender().render(result, files);
        Path sidecar = new Provenance("plot", result.experiment(), invocation)
                .with("experiment", folder.toAbsolutePath())
                .with("grouping", result.grouping())
                .with("failed_cells", result.failed().stream().map(f -> f.cell()).toList())
                .write(out, started, Instant.now(), result.inputs(), files.written());
        for (String line : files.reports()) {
            ctx.err.println(line);
        }
        ctx.err.println("tidl: plotted " + result.groups().stream().mapToInt(g -> g.cells().size()).sum() + " cell(s) of "
                + result.experiment() + " in " + (2 * result.groups().size() + 1) + " chart(s); wrote:");
        for (Path p : files.written()) {
            ctx.out.println(p);
        }
        ctx.out.println(sidecar);
        return 0;
    }
}
