package org.tidl.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.tidl.core.InvalidInputException;
import org.tidl.reproduction.Dataset;
import org.tidl.reproduction.PaperData;
import org.tidl.reproduction.Reproducer;
import org.tidl.reproduction.Reproduction;
import org.tidl.reproduction.Reproductions;
import org.tidl.reproduction.RunSettings;
import org.tidl.reproduction.StudyContext;
import org.tidl.reproduction.Variant;
import org.tidl.reproduction.dl.TrainedExperiment;
import org.tidl.reproduction.dl.Training;
import org.tidl.reproduction.provenance.Provenance;

/**
 * {@code ./tidl reproduce}: the paper's figures (see {@link Reproductions}), each as a PNG with the CSV behind it
 * and its provenance record, into results/ (a quick run into results/quick/).
 */
final class ReproduceCommand implements Command {

    @Override public String name() { return "reproduce"; }
    @Override public String summary() { return "reproduce the paper's figures (PNG + CSV) into results/"; }
    @Override public String usage() {
        return "[--all] [--deep-learning] [--figure NAME ...] (at least one; together they make the union, each figure once)"
                + " [--quick] [--fresh] [--out DIR] [--seed S] [--threads N] [--data-dir DIR]";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Args.repeated("figure", "NAME", "figure to make (repeatable): " + String.join(", ", Reproductions.names())))
                .addOption(Args.opt("all", null, "every figure that needs no training (seconds)"))
                .addOption(Args.opt("deep-learning", null, "the Fashion-MNIST deep-learning figures (" + String.join(", ", fashionFigures())
                        + "), training what the results folder does not hold yet (with --quick about 35 min from scratch on 2 cores); "
                        + "add --all for the others too"))
                .addOption(Args.opt("fresh", null, "discard the deep-learning figures' earlier training results and train again "
                        + "(default: resume them)"))
                .addOption(Args.opt("data-dir", "DIR", "data folder for the deep-learning figures (CIFAR-10: your cifar-10-batches-bin)"))
                .addOption(Args.opt("quick", null, "fewer seeds, points and cells (smaller experiments), written to DIR/quick/"))
                .addOption(Args.opt("out", "DIR", "results folder (default results; --quick writes to its quick/ folder)"))
                .addOption(Args.opt("seed", "S", "first seed of the simulations (default 1)"))
                .addOption(Args.opt("threads", "N", "worker threads (default: all cores)"));
    }

    @Override
    public int run(CommandLine cl, Context ctx) {
        List<Reproduction<?, ?>> todo = figures(cl.hasOption("all"), cl.hasOption("deep-learning"), cl.getOptionValues("figure"));
        boolean fresh = cl.hasOption("fresh");
        if (fresh && todo.stream().noneMatch(Reproduction::deepLearning)) {
            throw new InvalidInputException("--fresh: only the deep-learning figures keep training results to discard "
                    + "(give --deep-learning or --figure " + String.join("|", fashionFigures()) + ")");
        }
        RunSettings settings = new RunSettings(Variant.of(cl.hasOption("quick")), Args.seed(cl), Args.threads(cl));
        Path folder = settings.variant().folder(Path.of(cl.getOptionValue("out", "results")));
        String dataDir = cl.getOptionValue("data-dir");
        PaperData paper = PaperData.load();
        if (paper.curve("fig1", "left_alone").isEmpty()) {
            ctx.err.println("tidl: warning: " + PaperData.publishedFolder().resolve("paper-figures.csv")
                    + " not found; figures are drawn without the paper's curves");
        }
        Provenance.Invocation invocation = Invocations.of(name(), cl, ctx);
        Set<String> experimentsRun = new HashSet<>();
        StudyContext sizing = context(ctx, paper, new CliTraining(ctx, dataDir, null, false, new HashSet<>()), folder, null);
        java.util.Set<Path> written = new java.util.LinkedHashSet<>(); // an experiment two figures read is listed once
        List<String> reports = new ArrayList<>();
        long start = System.nanoTime();
        for (Reproduction<?, ?> f : todo) {
            Progress progress = new Progress(ctx.err, String.format(Locale.ROOT, "%-10s", f.name()), f.work(settings, sizing));
            StudyContext figure = context(ctx, paper, new CliTraining(ctx, dataDir, progress, fresh, experimentsRun), folder,
                    progress);
            Reproducer.Outcome o = Reproducer.make(f, settings, figure, invocation);
            progress.finish();
            for (TrainedExperiment e : o.experiments()) {
                written.add(e.runs());
            }
            written.addAll(o.written());
            written.add(o.provenance());
            reports.addAll(o.reports());
        }
        for (String r : reports) {
            ctx.err.println(r);
        }
        ctx.err.printf(Locale.ROOT, "tidl: %d figure(s) in %.1f s%s; wrote:%n", todo.size(), (System.nanoTime() - start) / 1e9,
                settings.quick() ? " (quick)" : "");
        for (Path p : written) {
            ctx.out.println(p);
        }
        return 0;
    }

    /**
     * The figures to make, in order: {@code --all}'s (every figure that trains nothing), then
     * {@code --deep-learning}'s (the Fashion-MNIST ones only: with {@code --all} too, everything but CIFAR-10),
     * then those named, each once.
     */
    static List<Reproduction<?, ?>> figures(boolean all, boolean deepLearning, String[] names) {
        List<Reproduction<?, ?>> todo = new ArrayList<>();
        if (all) {
            Reproductions.ALL.stream().filter(f -> !f.deepLearning()).forEach(todo::add);
        }
        if (deepLearning) {
            Reproductions.ALL.stream().filter(f -> f.dataset() == Dataset.FASHION_MNIST).forEach(todo::add);
        }
        for (String n : names == null ? new String[0] : names) {
            Reproduction<?, ?> f = Reproductions.find(n).orElseThrow(() -> new InvalidInputException(
                    "--figure: unknown figure '" + n + "' (valid: " + String.join(", ", Reproductions.names()) + ")"));
            if (!todo.contains(f)) {
                todo.add(f);
            }
        }
        if (todo.isEmpty()) {
            throw new InvalidInputException("give --figure NAME, --all or --deep-learning (figures: "
                    + String.join(", ", Reproductions.names()) + ")");
        }
        return todo;
    }

    /** The figures {@code --deep-learning} makes. */
    static List<String> fashionFigures() {
        return Reproductions.ALL.stream().filter(f -> f.dataset() == Dataset.FASHION_MNIST).map(Reproduction::name).toList();
    }

    private static StudyContext context(Context ctx, PaperData paper, Training training, Path folder, Progress progress) {
        return new StudyContext(ctx.topologies(), ctx.optimizers(), paper, training, folder,
                progress == null ? units -> { } : progress::advance);
    }
}
