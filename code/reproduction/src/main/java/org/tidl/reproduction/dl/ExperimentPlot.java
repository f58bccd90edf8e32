package org.tidl.reproduction.dl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.tidl.core.InvalidInputException;
import org.tidl.core.io.Csv;
import org.tidl.dl.experiment.Experiment;
import org.tidl.reproduction.PaperTopology;

/**
 * A user's own {@code ./tidl train} experiment read for plotting ({@code ./tidl plot}): every finished cell's
 * evaluations over the steps, grouped into charts (one per setup, or one per learning rate, whichever gives
 * fewer charts with at most {@link #COLOURS} curves each), and the final training loss against the learning rate
 * per setup as Fig. 4 draws it ({@link LearningRateCurve}: seeds averaged, a curve stops before the first
 * learning rate where a seed diverged). A setup is a topology at a number of workers, with its optimizer when
 * the experiment has several. Cells recorded as failed have no results: they are left out and listed.
 */
public final class ExperimentPlot {

    /** Distinct colours a chart has before they repeat (the charts' palette). */
    public static final int COLOURS = 10;

    /** How the cells are split into charts. */
    public enum Grouping {
        /** One chart per setup, a curve per learning rate. */
        BY_SETUP,
        /** One chart per learning rate, a curve per setup. */
        BY_LEARNING_RATE
    }

    /**
     * One finished cell and its evaluations.
     *
     * @param setup  its setup's label ("Ring", "dsgd-atc, Ring", "Fully connected, 8 workers")
     * @param colour its curve's colour: the index of its learning rate (BY_SETUP) or setup (BY_LEARNING_RATE)
     * @param first  whether it is the first seed of its (setup, learning rate): the others share its colour and legend entry
     */
    public record CellCurve(TrainingLog.Run run, String setup, int colour, boolean first, List<TrainingLog.Evaluation> points) { }

    /**
     * One chart's cells.
     *
     * @param key   a file-name-safe name of the group ("ring", "lr-0.0625")
     * @param title what the chart shows ("Ring", "learning rate 0.0625")
     */
    public record Group(String key, String title, List<CellCurve> cells) { }

    /** Where a (setup, learning rate) point of the learning-rate chart is drawn. */
    public enum Drawn {
        /** On the setup's curve. */
        LINE,
        /** As a cross at the top: a seed diverged there. */
        DIVERGED,
        /** Not at all: it lies beyond a learning rate where a seed diverged (the curve stops there, as in Fig. 4). */
        BEYOND_DIVERGENCE
    }

    /**
     * One (setup, learning rate) of the learning-rate chart.
     *
     * @param trainLoss the final training loss averaged over the seeds that did not diverge (NaN when all did)
     */
    public record LearningRatePoint(String setup, String optimizer, String topology, int workers, double learningRate, int seeds,
                                    int divergedSeeds, double trainLoss, Drawn drawn) { }

    /** One setup's curve of the learning-rate chart and its points (every learning rate it ran). */
    public record SetupCurve(String setup, int colour, LearningRateCurve curve, List<LearningRatePoint> points) { }

    /**
     * The plot's data.
     *
     * @param experiment  the experiment's name (experiment.txt's, else the folder's)
     * @param settings    the experiment file read back (null when the folder has none or it cannot be read)
     * @param learningRates every learning rate that finished, ascending (the colours of BY_SETUP)
     * @param failed      cells recorded as failed, left out
     * @param inputs      the files read
     */
    public record Result(String experiment, Path folder, Experiment settings, Grouping grouping, List<Group> groups,
                         List<SetupCurve> setups, List<Double> learningRates, List<TrainingLog.Failed> failed, List<Path> inputs) {

        /** Steps per cell as configured (the largest of the runs). */
        public int steps() {
            return groups.stream().flatMap(g -> g.cells().stream()).mapToInt(c -> c.run().steps()).max().orElse(0);
        }
    }

    private ExperimentPlot() {
    }

    /**
     * Reads an experiment folder.
     *
     * @throws InvalidInputException when it is not a folder, lacks runs.csv or evaluations.csv, a table lacks a
     *                               column the plot needs, or no cell has finished
     */
    public static Result read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new InvalidInputException(Files.exists(folder) ? folder + " is not a folder" : "folder " + folder + " not found");
        }
        for (String f : new String[] {TrainingLog.RUNS, TrainingLog.EVALUATIONS}) {
            if (!Files.isRegularFile(folder.resolve(f))) {
                throw new InvalidInputException(folder + " has no " + f + " (the folder ./tidl train writes for an experiment: "
                        + TrainingLog.SETTINGS + ", " + TrainingLog.RUNS + ", " + TrainingLog.EVALUATIONS + ")");
            }
        }
        List<Path> inputs = new ArrayList<>();
        Experiment settings = null;
        Path settingsFile = folder.resolve(TrainingLog.SETTINGS);
        if (Files.isRegularFile(settingsFile)) {
            inputs.add(settingsFile);
            try {
                settings = Experiment.read(settingsFile, List.of());
            } catch (InvalidInputException | java.io.UncheckedIOException e) {
                settings = null; // the names and numbers come from runs.csv; the settings only add a subtitle
            }
        }
        inputs.add(folder.resolve(TrainingLog.RUNS));
        inputs.add(folder.resolve(TrainingLog.EVALUATIONS));
        TrainingLog.Cells cells = TrainingLog.cells(folder);
        if (cells.finished().isEmpty()) {
            throw new InvalidInputException(folder.resolve(TrainingLog.RUNS) + ": no finished cell yet"
                    + (cells.failed().isEmpty() ? "" : " (" + cells.failed().size() + " failed)"));
        }
        Map<Integer, List<TrainingLog.Evaluation>> byCell = new LinkedHashMap<>();
        for (TrainingLog.Evaluation e : TrainingLog.evaluations(folder)) {
            byCell.computeIfAbsent(e.cell(), k -> new ArrayList<>()).add(e);
        }
        String name = settings != null ? settings.name() : folder.getFileName().toString();
        List<TrainingLog.Run> runs = cells.finished();
        Map<TrainingLog.Run, String> setupOf = setups(runs);
        List<String> setups = new ArrayList<>(new LinkedHashSet<>(setupOf.values()));
        List<Double> lrs = new ArrayList<>(new TreeSet<>(runs.stream().map(TrainingLog.Run::learningRate).toList()));
        Grouping grouping = grouping(setups.size(), lrs.size());
        List<Group> groups = groups(runs, setupOf, setups, lrs, grouping, byCell);
        return new Result(name, folder, settings, grouping, groups, setupCurves(runs, setupOf, setups), lrs, cells.failed(),
                List.copyOf(inputs));
    }

    /**
     * One chart per setup unless charts per learning rate are fewer and still within the palette (a grid of nine
     * topologies × nine rates: nine charts of nine rates; six topologies at one rate: one chart of six).
     */
    static Grouping grouping(int setups, int learningRates) {
        boolean bySetupFits = learningRates <= COLOURS;
        boolean byRateFits = setups <= COLOURS;
        if (bySetupFits != byRateFits) {
            return bySetupFits ? Grouping.BY_SETUP : Grouping.BY_LEARNING_RATE;
        }
        if (bySetupFits) {
            return learningRates < setups ? Grouping.BY_LEARNING_RATE : Grouping.BY_SETUP;
        }
        return setups <= learningRates ? Grouping.BY_LEARNING_RATE : Grouping.BY_SETUP; // neither fits: fewer curves per chart
    }

    /** Each run's setup label: the paper's topology name, with the optimizer and workers where those vary. */
    private static Map<TrainingLog.Run, String> setups(List<TrainingLog.Run> runs) {
        boolean optimizers = runs.stream().map(TrainingLog.Run::optimizer).distinct().count() > 1;
        boolean workers = runs.stream().map(TrainingLog.Run::workers).distinct().count() > 1;
        Map<TrainingLog.Run, String> out = new LinkedHashMap<>();
        for (TrainingLog.Run r : runs) {
            out.put(r, setup(r, optimizers, workers));
        }
        return out;
    }

    private static String setup(TrainingLog.Run r, boolean optimizers, boolean workers) {
        return (optimizers ? r.optimizer() + ", " : "") + PaperTopology.label(r.topology(), r.workers())
                + (workers ? ", " + r.workers() + " workers" : "");
    }

    private static List<Group> groups(List<TrainingLog.Run> runs, Map<TrainingLog.Run, String> setupOf, List<String> setups,
                                      List<Double> lrs, Grouping grouping, Map<Integer, List<TrainingLog.Evaluation>> byCell) {
        Map<Object, List<TrainingLog.Run>> members = new LinkedHashMap<>();
        if (grouping == Grouping.BY_SETUP) {
            setups.forEach(s -> members.put(s, new ArrayList<>()));
            runs.forEach(r -> members.get(setupOf.get(r)).add(r));
        } else {
            lrs.forEach(lr -> members.put(lr, new ArrayList<>()));
            runs.forEach(r -> members.get(r.learningRate()).add(r));
        }
        List<Group> out = new ArrayList<>();
        Set<String> keys = new java.util.HashSet<>();
        for (Map.Entry<Object, List<TrainingLog.Run>> m : members.entrySet()) {
            List<TrainingLog.Run> cells = new ArrayList<>(m.getValue());
            // curves in colour order (learning rate, or setup), seeds together
            cells.sort(java.util.Comparator.comparingDouble((TrainingLog.Run r) -> grouping == Grouping.BY_SETUP
                    ? r.learningRate() : setups.indexOf(setupOf.get(r))).thenComparingLong(TrainingLog.Run::seed)
                    .thenComparingInt(TrainingLog.Run::cell));
            Set<String> seen = new java.util.HashSet<>();
            List<CellCurve> curves = new ArrayList<>();
            for (TrainingLog.Run r : cells) {
                String setup = setupOf.get(r);
                int colour = grouping == Grouping.BY_SETUP ? lrs.indexOf(r.learningRate()) : setups.indexOf(setup);
                boolean first = seen.add(setup + "\u0000" + r.learningRate());
                curves.add(new CellCurve(r, setup, colour, first, List.copyOf(byCell.getOrDefault(r.cell(), List.of()))));
            }
            String title;
            String key;
            if (grouping == Grouping.BY_SETUP) {
                title = (String) m.getKey();
                key = slug(title);
            } else {
                String lr = Csv.number((Double) m.getKey());
                title = "learning rate " + lr;
                key = "lr-" + lr;
            }
            String unique = key;
            for (int k = 2; !keys.add(unique); k++) {
                unique = key + "-" + k;
            }
            out.add(new Group(unique, title, List.copyOf(curves)));
        }
        return List.copyOf(out);
    }

    /** Per setup (in order of appearance), Fig. 4's curve and every learning rate's point. */
    private static List<SetupCurve> setupCurves(List<TrainingLog.Run> runs, Map<TrainingLog.Run, String> setupOf, List<String> setups) {
        List<SetupCurve> out = new ArrayList<>();
        for (String s : setups) {
            List<TrainingLog.Run> mine = runs.stream().filter(r -> setupOf.get(r).equals(s)).toList();
            // one optimizer, topology and size per setup: the curve is the single one LearningRateCurve makes
            LearningRateCurve curve = LearningRateCurve.of(mine).get(0);
            Map<Double, List<TrainingLog.Run>> byLr = new TreeMap<>();
            mine.forEach(r -> byLr.computeIfAbsent(r.learningRate(), k -> new ArrayList<>()).add(r));
            List<LearningRatePoint> points = new ArrayList<>();
            boolean beyond = false;
            TrainingLog.Run first = mine.get(0);
            for (Map.Entry<Double, List<TrainingLog.Run>> e : byLr.entrySet()) {
                int diverged = (int) e.getValue().stream().filter(TrainingLog.Run::diverged).count();
                double loss = e.getValue().stream().filter(r -> !r.diverged()).mapToDouble(TrainingLog.Run::trainLoss).average()
                        .orElse(Double.NaN);
                Drawn drawn = diverged > 0 ? Drawn.DIVERGED : beyond ? Drawn.BEYOND_DIVERGENCE : Drawn.LINE;
                beyond |= diverged > 0;
                points.add(new LearningRatePoint(s, first.optimizer(), first.topology(), first.workers(), e.getKey(),
                        e.getValue().size(), diverged, loss, drawn));
            }
            out.add(new SetupCurve(s, setups.indexOf(s), curve, List.copyOf(points)));
        }
        return List.copyOf(out);
    }

    /** A label as a file-name part: lower case, runs of anything but letters and digits as one '-'. */
    static String slug(String label) {
        String s = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "setup" : s;
    }
}
