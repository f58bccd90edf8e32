package org.tidl.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.tidl.core.InvalidInputException;

/** {@code ./tidl reproduce}: the paper's figures, each as a PNG with the CSV behind it, into results/. */
final class ReproduceCommand implements Command {

    static final Map<String, Figure> FIGURES = new LinkedHashMap<>();

    /** Figures that train networks: not part of --all (minutes to hours), asked for by name or --deep-learning. */
    static final java.util.Set<String> DEEP_LEARNING = new java.util.LinkedHashSet<>();

    static {
        for (Figure f : new Figure[] {new TopologiesTable(), new Fig1(true), new Fig1(false), new Fig2(), new Fig3(),
                new RatesFigure(), new RegularityStudy(), new TrackingStudy()}) {
            FIGURES.put(f.name(), f);
        }
        for (boolean fashion : new boolean[] {true, false}) {
            for (Figure f : new Figure[] {new DlLossGrid(fashion), new DlCovariance(fashion), new DlNeighborsLoss(fashion)}) {
                FIGURES.put(f.name(), f);
                DEEP_LEARNING.add(f.name());
            }
        }
        Figure study = new OptimizerStudy();
        FIGURES.put(study.name(), study);
        DEEP_LEARNING.add(study.name());
    }


    @Override public String name() { return "reproduce"; }
    @Override public String summary() { return "reproduce the paper's figures (PNG + CSV) into results/"; }
    @Override public String usage() { return "--figure NAME [--figure NAME ...] | --all | --deep-learning  [--quick] [--out DIR] [--data-dir DIR]"; }

    @Override
    public Options options() {
        return new Options()
                .addOption(Args.repeated("figure", "NAME", "figure to make (repeatable): " + String.join(", ", FIGURES.keySet())))
                .addOption(Args.opt("all", null, "make every figure that needs no training (seconds)"))
                .addOption(Args.opt("deep-learning", null, "also the Fashion-MNIST deep-learning figures (fig4/5/6-fashion; with --quick under 30 min)"))
                .addOption(Args.opt("data-dir", "DIR", "data folder for the deep-learning figures (CIFAR-10: your cifar-10-batches-bin)"))
                .addOption(Args.opt("quick", null, "fewer seeds and points (the whole set in under a minute)"))
                .addOption(Args.opt("out", "DIR", "output folder (default results)"))
                .addOption(Args.opt("seed", "S", "first seed of the simulations (default 1)"))
                .addOption(Args.opt("threads", "N", "worker threads (default: all cores)"));
    }

    @Override
    public int run(CommandLine cl, Context ctx) {
        List<Figure> todo = new ArrayList<>();
        if (cl.hasOption("all")) {
            FIGURES.values().stream().filter(f -> !DEEP_LEARNING.contains(f.name())).forEach(todo::add);
        }
        if (cl.hasOption("deep-learning")) {
            FIGURES.values().stream().filter(f -> DEEP_LEARNING.contains(f.name()) && f.name().endsWith("-fashion"))
                    .forEach(todo::add);
        }
        String[] names = cl.getOptionValues("figure");
        if (names != null) {
            for (String n : names) {
                Figure f = FIGURES.get(n);
                if (f == null) {
                    throw new InvalidInputException("--figure: unknown figure '" + n + "' (valid: "
                            + String.join(", ", FIGURES.keySet()) + ")");
                }
                if (!todo.contains(f)) {
                    todo.add(f);
                }
            }
        }
        if (todo.isEmpty()) {
            throw new InvalidInputException("give --figure NAME, --all or --deep-learning (figures: " + String.join(", ", FIGURES.keySet()) + ")");
        }
        boolean quick = cl.hasOption("quick");
        Path dir = Path.of(cl.getOptionValue("out", "results"));
        long seed = Args.seed(cl);
        int threads = Args.positiveInt(cl, "threads", Runtime.getRuntime().availableProcessors());
        PaperData paper = PaperData.load();
        if (paper.curve("fig1", "left_alone").isEmpty()) {
            ctx.err.println("tidl: warning: " + PaperData.publishedFolder().resolve("paper-figures.csv")
                    + " not found; figures are drawn without the paper's curves");
        }
        List<Path> written = new ArrayList<>();
        List<String> reports = new ArrayList<>();
        long start = System.nanoTime();
        for (Figure f : todo) {
            Progress progress = new Progress(ctx.err, String.format(Locale.ROOT, "%-10s", f.name()), f.work(quick));
            Figure.Job job = new Figure.Job(ctx, dir, quick, seed, threads, paper, progress);
            job.dataDir = cl.getOptionValue("data-dir");
            f.make(job);
            progress.finish();
            written.addAll(job.written);
            reports.addAll(job.reports);
        }
        for (String r : reports) {
            ctx.err.println(r);
        }
        ctx.err.printf(Locale.ROOT, "tidl: %d figure(s) in %.1f s%s; wrote:%n", todo.size(), (System.nanoTime() - start) / 1e9,
                quick ? " (quick)" : "");
        for (Path p : written) {
            ctx.out.println(p);
        }
        return 0;
    }
}
