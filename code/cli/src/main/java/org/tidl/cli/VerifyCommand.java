package org.tidl.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.tidl.core.InvalidInputException;
import org.tidl.core.io.Csv;
import org.tidl.reproduction.PaperData;
import org.tidl.reproduction.provenance.Provenance;
import org.tidl.reproduction.render.VerdictRender;
import org.tidl.reproduction.verify.Claim;
import org.tidl.reproduction.verify.Verifier;
import org.tidl.reproduction.verify.Verifier.Status;

/**
 * {@code ./tidl verify}: each published claim of results/published/claims.csv (see {@link Claim}) recomputed from
 * the results (see {@link Verifier} for PASS, KNOWN, FAIL, UNRESOLVED, NOT-RUN), one line each. Exit code 0 when
 * at least one claim was checked and none FAILed or is UNRESOLVED; 1 when any claim FAILs or is UNRESOLVED, or
 * when no claim could be checked at all (every one NOT-RUN: an empty results folder); 2 for bad input: a results
 * folder that does not exist or is not a folder, a missing or malformed claims table, a claim naming a table or
 * column no figure writes (one line naming file and line, nothing on stdout).
 */
final class VerifyCommand implements Command {
    @Override public String name() { return "verify"; }
    @Override public String summary() { return "compare results/ with the paper's published numbers, PASS/FAIL per claim"; }
    @Override public String usage() { return "[--results DIR] [--claims FILE] [--format text|csv] [--out FILE]"; }

    @Override
    public Options options() {
        return new Options()
                .addOption(Args.opt("results", "DIR", "folder with the reproduced CSVs (default results; quick ones in DIR/quick)"))
                .addOption(Args.opt("claims", "FILE", "claims table (default results/published/claims.csv of the checkout)"))
                .addOption(Args.opt("format", "FORMAT", "text (default) or csv"))
                .addOption(Args.opt("out", "FILE", "write the verdicts to FILE (atomically, with FILE's provenance beside it) instead of stdout"));
    }

    @Override
    public int run(CommandLine cl, Context ctx) {
        Instant started = Instant.now();
        Path results = Path.of(cl.getOptionValue("results", "results"));
        Path claimsFile = cl.hasOption("claims") ? Path.of(cl.getOptionValue("claims"))
                : PaperData.publishedFolder().resolve("claims.csv");
        String format = cl.getOptionValue("format", "text");
        if (!format.equals("text") && !format.equals("csv")) {
            throw new InvalidInputException("--format must be text or csv, got '" + format + "'");
        }
        List<Claim> claims = Claim.readAll(claimsFile);
        if (!Files.isDirectory(results)) {
            throw new InvalidInputException(Files.exists(results) ? "--results: " + results + " is not a folder"
                    : "--results: folder " + results + " not found");
        }
        Path out = Args.outputFile(cl, "out");
        Provenance.Invocation invocation = out == null ? null : Invocations.of(name(), cl, ctx);
        String outOption = cl.hasOption("results") ? " --out " + results : "";
        Verifier verifier = new Verifier(results, outOption);
        List<Verifier.Verdict> verdicts = new ArrayList<>();
        for (Claim claim : claims) {
            verdicts.add(verifier.judge(claim));
        }
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            counts.put(s, 0);
        }
        verdicts.forEach(v -> counts.merge(v.status(), 1, Integer::sum));
        String text = format.equals("csv") ? VerdictRender.asCsv(verdicts) : VerdictRender.asText(verdicts);
        if (out == null) {
            ctx.out.print(text);
        } else {
            Csv.writeAtomically(out, text);
            String name = out.getFileName().toString();
            Path folder = out.toAbsolutePath().getParent();
            List<Path> inputs = new ArrayList<>(List.of(claimsFile));
            inputs.addAll(verifier.filesRead());
            Path sidecar = new Provenance("verification", name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name,
                    invocation).with("results", results.toAbsolutePath()).with("claims", claimsFile.toAbsolutePath())
                    .write(folder, started, Instant.now(), inputs, List.of(out));
            ctx.err.println("tidl: wrote " + verdicts.size() + " verdicts to " + out + " (provenance: " + sidecar + ")");
        }
        ctx.err.printf(Locale.ROOT, "tidl: verify: %d PASS, %d KNOWN discrepancies of the paper, %d FAIL, %d UNRESOLVED, %d NOT-RUN (results in %s)%n",
                counts.get(Status.PASS), counts.get(Status.KNOWN), counts.get(Status.FAIL), counts.get(Status.UNRESOLVED),
                counts.get(Status.NOT_RUN), results);
        if (counts.get(Status.UNRESOLVED) > 0) {
            ctx.err.println("tidl: verify: UNRESOLVED claims read results that exist but are broken; regenerate them with "
                    + "./tidl reproduce");
        }
        int checked = counts.get(Status.PASS) + counts.get(Status.KNOWN) + counts.get(Status.FAIL) + counts.get(Status.UNRESOLVED);
        if (checked == 0) {
            ctx.err.println("tidl: verify: no claim could be checked: no results in " + results
                    + " (./tidl reproduce --all" + outOption + " makes them)");
            return 1;
        }
        return counts.get(Status.FAIL) + counts.get(Status.UNRESOLVED) > 0 ? 1 : 0;
    }
}
