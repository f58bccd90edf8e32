package org.tidl.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.tidl.core.InvalidInputException;
import org.tidl.core.io.Csv;
import org.tidl.reproduction.PaperData;
import org.tidl.reproduction.provenance.Provenance;
import org.tidl.reproduction.render.ReportPage;
import org.tidl.reproduction.report.ResultsReport;
import org.tidl.reproduction.verify.Claim;

/**
 * {@code ./tidl report}: a results folder as one self-contained HTML page (see {@link ReportPage}): the verdict on
 * every published claim, every figure with its tables and provenance, the deep-learning experiments. Written
 * atomically to RESULTS/index.html unless --out says otherwise, with its own provenance record beside it
 * ({@code index.provenance.json}: the pictures, records and tables it was made from). Exit 2 for a results folder that does not exist
 * or holds no results, a missing claims table, or an --out that cannot be written.
 */
final class ReportCommand implements Command {
    @Override public String name() { return "report"; }
    @Override public String summary() { return "one HTML page of a results folder: claims, figures, provenance, experiments"; }
    @Override public String usage() { return "[--results DIR] [--out FILE] [--claims FILE]"; }

    @Override
    public Options options() {
        return new Options()
                .addOption(Args.opt("results", "DIR", "results folder to report on (default results; quick ones in DIR/quick)"))
                .addOption(Args.opt("out", "FILE", "the page to write (default DIR/index.html)"))
                .addOption(Args.opt("claims", "FILE", "claims table (default results/published/claims.csv of the checkout)"));
    }

    @Override
    public int run(CommandLine cl, Context ctx) {
        Path results = Path.of(cl.getOptionValue("results", "results"));
        if (!Files.isDirectory(results)) {
            throw new InvalidInputException(Files.exists(results) ? "--results: " + results + " is not a folder"
                    : "--results: folder " + results + " not found");
        }
        if (cl.hasOption("out") && Files.isDirectory(Path.of(cl.getOptionValue("out")))) {
            Path given = Path.of(cl.getOptionValue("out"));
            throw new InvalidInputException("--out: " + given + " is a folder; give the page's file name, e.g. " + given.resolve("index.html"));
        }
        Path out = cl.hasOption("out") ? Args.outputFile(cl, "out") : results.resolve("index.html");
        Path page = out.toAbsolutePath().getParent();
        Path claimsFile = cl.hasOption("claims") ? Path.of(cl.getOptionValue("claims"))
                : PaperData.publishedFolder().resolve("claims.csv");
        Instant started = Instant.now();
        Provenance.Invocation invocation = Invocations.of(name(), cl, ctx);
        List<Claim> claims = Claim.readAll(claimsFile);
        ResultsReport report = ResultsReport.collect(results, claims,
                cl.hasOption("results") ? " --out " + results : "");
        if (report.isEmpty()) {
            throw new InvalidInputException("--results: no results in " + results + " (./tidl reproduce --all"
                    + (cl.hasOption("results") ? " --out " + results : "") + " makes them)");
        }
        Csv.writeAtomically(out, ReportPage.render(report, page));
        // the page's record: which pictures, records and tables it shows (the page itself holds no time)
        String name = out.getFileName().toString();
        List<Path> inputs = new ArrayList<>(List.of(claimsFile));
        inputs.addAll(report.inputs());
        Path sidecar = new Provenance("report", name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name, invocation)
                .with("results", results.toAbsolutePath()).with("claims", claimsFile.toAbsolutePath())
                .write(page, started, Instant.now(), inputs, List.of(out));
        for (String w : report.warnings()) {
            ctx.err.println("tidl: warning: " + w);
        }
        long figures = report.runs().stream().mapToLong(r -> r.figures().size()).sum();
        long experiments = report.runs().stream().mapToLong(r -> r.experiments().size()).sum();
        ctx.err.println("tidl: report of " + figures + " figure(s), " + experiments + " experiment(s) and "
                + report.verdicts().size() + " claim(s); wrote:");
        ctx.out.println(out);
        ctx.out.println(out.resolveSibling(sidecar.getFileName())); // as the page's path was given
        return 0;
    }
}
