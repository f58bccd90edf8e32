package org.tidl.dl.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tidl.core.InvalidInputException;
import org.tidl.core.Messages;
import org.tidl.core.NumberLists;
import org.tidl.core.Suggestions;
import org.tidl.core.io.TextFiles;
import org.tidl.dl.DlExtensions;

/**
 * A deep-learning experiment: one file of {@code key = value} lines (see {@code deep-learning-experiments/
 * experiments/}), mirroring one of the authors' experiment scripts, parsed and checked once into typed,
 * immutable settings. The grid is workers × optimizer × topology × learning rate × seed ({@link #cells}); every
 * other key is shared by all cells. Overrides ({@code key=value}, the parameter "set"; the CLI's option of that
 * name) replace a key of the file.
 *
 * <p>Lists: {@code topologies} and {@code optimizer} are separated by ';' (a spec may hold commas, as
 * {@code circulant:offsets=1,8}); numbers use the number lists of {@link NumberLists} ({@code a,b,c |
 * lin:A:B:K | log:A:B:K | pow2half:K1:K2}). {@code learning-rates@TOPOLOGY = …} gives one topology its own
 * learning rates (the tuned ones of full training). {@code dataset}, {@code model} and {@code schedule} name
 * providers found by {@link DlExtensions} (built-ins and plugin jars).
 *
 * @param name                  names the results folder
 * @param description           free text (not part of {@link #resolved})
 * @param dataset               the data set
 * @param dataDir               the data folder given by the file; empty: the data set's standard place (not part of
 *                              {@link #resolved})
 * @param model                 the network of every worker
 * @param hidden                the model's hidden width (the MLP's)
 * @param topologies            the topology specs of the grid
 * @param optimizers            the optimizer specs of the grid
 * @param batch                 examples per worker and step
 * @param steps                 training steps
 * @param schedule              the learning-rate schedule
 * @param ema                   EMA decay of the evaluated worker's parameters; NaN: evaluate the raw parameters
 * @param evaluations           evaluations per cell, evenly spaced, the last at the final step
 * @param evalTrainExamples     training images evaluated (0: all)
 * @param evalTestExamples      test images evaluated (0: all)
 * @param abortTestLoss         a test loss above this (or NaN) marks the cell diverged
 * @param nonIidAlpha           Dirichlet alpha of a non-i.i.d. split; NaN: none
 * @param split                 how the workers' data are split
 * @param augment               random crops and flips during training
 * @param covarianceAfter       &gt; 0: Fig. 5's covariance protocol after this many steps
 * @param covarianceRepetitions the protocol's repetitions
 * @param covarianceSteps       the protocol's steps per repetition
 * @param covarianceFraction    the share of coordinates it keeps
 * @param cells                 the grid, in its fixed order
 * @param resolved              the settings as stored beside the results ({@link #resolved()})
 */
public record Experiment(String name, String description, DlExtensions.Dataset dataset, String dataDir,
                         DlExtensions.Model model, int hidden, List<String> topologies, List<String> optimizers, int batch,
                         int steps, DlExtensions.Schedule schedule, double ema, int evaluations, int evalTrainExamples,
                         int evalTestExamples, double abortTestLoss, double nonIidAlpha, Split split, boolean augment,
                         int covarianceAfter, int covarianceRepetitions, int covarianceSteps, double covarianceFraction,
                         List<Cell> cells, String resolved) {

    /** Every key with its default ({@code null}: required), in the documented order. */
    static final Map<String, String> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("name", null);
        KEYS.put("description", "");
        KEYS.put("dataset", null);               // a DatasetProvider: fashion-mnist | cifar10 | a plugin's
        KEYS.put("data-dir", "");                // default: the dataset's standard place
        KEYS.put("model", null);                 // a ModelProvider: mlp | vgg11 | a plugin's
        KEYS.put("hidden", "5000");              // mlp hidden width
        KEYS.put("workers", null);               // list
        KEYS.put("topologies", null);            // ';'-separated specs
        KEYS.put("learning-rates", null);        // number list
        KEYS.put("seeds", "1");                  // list
        KEYS.put("optimizer", "dsgd-atc");       // ';'-separated specs (a grid axis); lr comes from the grid
        KEYS.put("batch", "16");                 // per worker
        KEYS.put("steps", null);
        KEYS.put("schedule", "constant");        // a ScheduleProvider: constant | step-decay (x1 75%, x0.1 15%, x0.01 10%)
        KEYS.put("ema", "none");                 // none | decay (paper: 0.95)
        KEYS.put("evaluations", "5");            // evaluations per cell, evenly spaced, the last at the final step
        KEYS.put("eval-train-examples", "0");    // 0: the whole training set
        KEYS.put("eval-test-examples", "0");     // 0: the whole test set
        KEYS.put("abort-test-loss", "2.6");      // the paper's divergence threshold
        KEYS.put("non-iid-alpha", "none");       // none | Dirichlet alpha
        KEYS.put("split", "iid");                // iid (or Dirichlet with non-iid-alpha) | sorted (label-sorted blocks: "unshuffled")
        KEYS.put("augment", "auto");             // auto (the dataset's default: on for cifar10) | true | false
        KEYS.put("covariance-after", "0");       // > 0: covariance protocol (Fig. 5) after this many steps
        KEYS.put("covariance-repetitions", "100");
        KEYS.put("covariance-steps", "100");
        KEYS.put("covariance-fraction", "0.01"); // share of coordinates kept
    }

    /** Largest hidden width: 795·H parameters per worker (H = 10^6: 3.2 GB per worker in float). */
    public static final int MAX_HIDDEN = 1_000_000;

    /** Largest minibatch per worker (the oracle keeps batch × features floats per thread in one array). */
    public static final int MAX_BATCH = 100_000;

    /**
     * The whole-number keys and their ranges, checked before anything runs (a value that does not fit is
     * refused, never wrapped around): {min, max}.
     */
    static final Map<String, long[]> WHOLE = new LinkedHashMap<>();

    static {
        WHOLE.put("hidden", new long[] {1, MAX_HIDDEN});
        WHOLE.put("batch", new long[] {1, MAX_BATCH});
        WHOLE.put("steps", new long[] {1, Integer.MAX_VALUE});
        WHOLE.put("evaluations", new long[] {1, Integer.MAX_VALUE});
        WHOLE.put("eval-train-examples", new long[] {0, Integer.MAX_VALUE});
        WHOLE.put("eval-test-examples", new long[] {0, Integer.MAX_VALUE});
        WHOLE.put("covariance-after", new long[] {0, Integer.MAX_VALUE});
        WHOLE.put("covariance-repetitions", new long[] {1, Integer.MAX_VALUE});
        WHOLE.put("covariance-steps", new long[] {1, Integer.MAX_VALUE});
    }

    /** One cell of the grid; {@code index} is its place in {@link #cells}. */
    public record Cell(int index, String optimizer, String topology, int workers, double learningRate, long seed) { }

    /** How the workers' data are split. */
    public enum Split {
        /** i.i.d. sampling, or Dirichlet by label when {@code non-iid-alpha} is set. */
        IID,
        /** label-sorted blocks (the paper's "unshuffled"). */
        SORTED;

        /** The key's value: "iid" or "sorted". */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Experiment {
        topologies = List.copyOf(topologies);
        optimizers = List.copyOf(optimizers);
        cells = List.copyOf(cells);
    }

    /** The keys an experiment file (and the overrides) may set, in the documented order. */
    public static List<String> keys() {
        List<String> k = new ArrayList<>(KEYS.keySet());
        k.add("learning-rates@TOPOLOGY");
        return k;
    }

    /** Reads an experiment file and applies the overrides ({@code key=value}), with the built-in providers. */
    public static Experiment read(Path file, List<String> overrides) {
        return read(file, overrides, DlExtensions.builtIn());
    }

    /** Reads an experiment file and applies the overrides ({@code key=value}); names resolve in {@code extensions}. */
    public static Experiment read(Path file, List<String> overrides, DlExtensions extensions) {
        return parse(TextFiles.read(file, "experiment file"), file.toString(), overrides, extensions);
    }

    /** {@link #parse(String, String, List, DlExtensions)} with the built-in providers. */
    public static Experiment parse(String text, String where, List<String> overrides) {
        return parse(text, where, overrides, DlExtensions.builtIn());
    }

    /**
     * Parses an experiment's text; a key given twice in the file, or twice in the overrides, is refused (a
     * later line would otherwise silently win). The overrides replace the file's values.
     */
    public static Experiment parse(String text, String where, List<String> overrides, DlExtensions extensions) {
        Map<String, String> v = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        int lineNo = 0;
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        for (String raw : body.split("\r?\n", -1)) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException(where + ":" + lineNo + ": expected 'key = value', got " + Messages.quote(line));
            }
            String key = line.substring(0, eq).strip();
            Integer first = lineOf.putIfAbsent(key, lineNo);
            if (first != null) {
                throw new InvalidInputException(where + ":" + lineNo + ": key '" + key + "' is given twice (first on line "
                        + first + "); keep one");
            }
            put(v, key, line.substring(eq + 1).strip(), where + ":" + lineNo);
        }
        Set<String> set = new HashSet<>();
        for (String o : overrides) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw InvalidInputException.of("set", ": expected key=value, got " + Messages.quote(o));
            }
            String key = o.substring(0, eq).strip();
            if (!set.add(key)) {
                throw InvalidInputException.of("set", ": key '" + key + "' is given twice; give it once");
            }
            put(v, key, o.substring(eq + 1).strip(), "{set}");
        }
        for (Map.Entry<String, String> e : KEYS.entrySet()) {
            if (!v.containsKey(e.getKey())) {
                if (e.getValue() == null) {
                    throw new InvalidInputException(where + ": key '" + e.getKey() + "' is required");
                }
                v.put(e.getKey(), e.getValue());
            }
        }
        return new Parser(v, extensions).experiment();
    }

    private static void put(Map<String, String> v, String key, String value, String where) {
        String base = key.contains("@") ? key.substring(0, key.indexOf('@')) : key;
        if (!KEYS.containsKey(base) || (key.contains("@") && !base.equals("learning-rates"))) {
            String close = Suggestions.didYouMean(base, KEYS.keySet());
            // where: "file:line", or "{set}" for an override (the CLI shows its option)
            throw InvalidInputException.mentioning(where + ": unknown key '" + key + "' (" + (close.isEmpty() ? "" : close + " ")
                    + "valid: " + String.join(", ", KEYS.keySet()) + ", learning-rates@TOPOLOGY)", "set");
        }
        v.put(key, value);
    }

    /** Turns the complete key → text map into typed values, in the order the checks have always run. */
    private record Parser(Map<String, String> v, DlExtensions extensions) {

        Experiment experiment() {
            for (Map.Entry<String, long[]> e : WHOLE.entrySet()) { // every whole number, before the grid uses them
                whole(e.getKey());
            }
            List<Long> workers = NumberLists.wholes("workers", v.get("workers"), 1, Integer.MAX_VALUE);
            List<Long> seeds = NumberLists.wholes("seeds", v.get("seeds"), Long.MIN_VALUE, Long.MAX_VALUE);
            distinct("workers", workers);
            distinct("seeds", seeds);
            List<String> optimizers = distinct("optimizer", list("optimizer"));
            List<String> topologies = distinct("topologies", list("topologies"));
            List<Cell> cells = grid(workers, optimizers, topologies, seeds);
            String name = v.get("name");
            if (!name.matches("[A-Za-z0-9._-]+") || name.equals(".") || name.equals("..")) { // a plain folder name
                throw new InvalidInputException("name must be letters, digits, '.', '_' or '-', and not . or .. (it names the results folder), got '" + name + "'");
            }
            DlExtensions.Dataset dataset = extensions.dataset(v.get("dataset"));
            DlExtensions.Model model = extensions.model(v.get("model"));
            DlExtensions.Schedule schedule = extensions.schedule(v.get("schedule"));
            double ema = optionalReal("ema", 0, false, 1, true);
            double alpha = optionalReal("non-iid-alpha", 0, true, Double.MAX_VALUE, false);
            String split = v.get("split");
            if (!split.equals("iid") && !split.equals("sorted")) {
                throw new InvalidInputException("split must be iid or sorted, got '" + split + "'");
            }
            if (split.equals("sorted") && !Double.isNaN(alpha)) {
                throw new InvalidInputException("split = sorted and non-iid-alpha exclude each other");
            }
            String augment = v.get("augment");
            if (!augment.matches("auto|true|false")) {
                throw new InvalidInputException("augment must be auto, true or false, got '" + augment + "'");
            }
            double covarianceFraction = NumberLists.real("covariance-fraction", v.get("covariance-fraction"), 0, true, 1, false);
            // a test loss above this (or NaN) marks the cell diverged: NaN or <= 0 would mark every cell
            double abortTestLoss = NumberLists.real("abort-test-loss", v.get("abort-test-loss"), 0, true, Double.MAX_VALUE, false);
            return new Experiment(name, v.get("description"), dataset, v.get("data-dir"), model, whole("hidden"),
                    topologies, optimizers, whole("batch"), whole("steps"), schedule, ema, whole("evaluations"),
                    whole("eval-train-examples"), whole("eval-test-examples"), abortTestLoss, alpha,
                    Split.valueOf(split.toUpperCase(java.util.Locale.ROOT)),
                    augment.equals("auto") ? dataset.augmentByDefault() : Boolean.parseBoolean(augment),
                    whole("covariance-after"), whole("covariance-repetitions"), whole("covariance-steps"),
                    covarianceFraction, cells, resolved());
        }

        /** workers × optimizer × topology × learning rate × seed, in that nesting. */
        private List<Cell> grid(List<Long> workers, List<String> optimizers, List<String> topologies, List<Long> seeds) {
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            for (String t : topologies) { // the global list is read only when a topology has no list of its own
                String own = v.get("learning-rates@" + t);
                String key = own != null ? "learning-rates@" + t : "learning-rates";
                rates.put(t, distinct(key, NumberLists.reals(key, own != null ? own : v.get("learning-rates"), 0, false,
                        Double.MAX_VALUE, false)));
            }
            List<Cell> out = new ArrayList<>();
            for (long w : workers) {
                for (String o : optimizers) {
                    for (String t : topologies) {
                        for (double lr : rates.get(t)) {
                            for (long s : seeds) {
                                out.add(new Cell(out.size(), o, t, (int) w, lr, s));
                            }
                        }
                    }
                }
            }
            for (String key : v.keySet()) {
                if (key.startsWith("learning-rates@") && !topologies.contains(key.substring("learning-rates@".length()))) {
                    throw new InvalidInputException(key + ": '" + key.substring(15) + "' is not one of the experiment's topologies");
                }
            }
            return out;
        }

        /** A whole-number key, checked against its range in {@link #WHOLE}. */
        private int whole(String key) {
            long[] range = WHOLE.get(key);
            return (int) NumberLists.whole(key, v.get(key), range[0], range[1]);
        }

        /** NaN for "none", else a number in the range. */
        private double optionalReal(String key, double min, boolean minOpen, double max, boolean maxOpen) {
            if (v.get(key).equals("none")) {
                return Double.NaN;
            }
            try {
                return NumberLists.real(key, v.get(key), min, minOpen, max, maxOpen);
            } catch (InvalidInputException e) {
                throw new InvalidInputException(key + " must be none or " + NumberLists.realRange(min, minOpen, max, maxOpen)
                        + ", got " + Messages.quote(v.get(key)));
            }
        }

        /**
         * A grid axis names each value once: a repeated one would train the same cells twice and count as extra
         * seeds in the plots.
         */
        private static <T> List<T> distinct(String key, List<T> values) {
            java.util.Set<T> seen = new java.util.HashSet<>();
            for (T x : values) {
                if (!seen.add(x)) {
                    throw new InvalidInputException(key + ": " + x + " is listed twice (each grid value once)");
                }
            }
            return values;
        }

        /** A ';'-separated list of specs, at least one, none empty. */
        private List<String> list(String key) {
            List<String> out = new ArrayList<>();
            String[] parts = v.get(key).split(";", -1);
            for (int i = 0; i < parts.length; i++) {
                String t = parts[i];
                if (!t.isBlank()) {
                    out.add(t.strip());
                } else if (i < parts.length - 1) { // a trailing ";" is harmless
                    throw new InvalidInputException(key + ": an empty entry between ';' (give each spec once, e.g. ring; star)");
                }
            }
            if (out.isEmpty()) {
                throw new InvalidInputException(key + ": give at least one (';'-separated)");
            }
            return out;
        }

        /** Every key as given (defaults filled in) but description and data-dir, sorted by key. */
        private String resolved() {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<String, String> e : new TreeMap<>(v).entrySet()) {
                if (!e.getKey().equals("description") && !e.getKey().equals("data-dir")) {
                    sb.append(e.getKey()).append(" = ").append(e.getValue()).append('\n');
                }
            }
            return sb.toString();
        }
    }

    /** The learning-rate factor of {@link #schedule} at step t (0-based; the covariance protocol goes on past {@link #steps}). */
    public double learningRateScale(int step) {
        return schedule.scale(step, steps);
    }

    /** The steps after which the evaluated model is evaluated: evenly spaced, the last one the final step. */
    public int[] evaluationSteps() {
        int k = Math.min(evaluations, steps);
        int[] at = new int[k];
        for (int j = 1; j <= k; j++) {
            at[j - 1] = (int) Math.round((double) steps * j / k);
        }
        return at;
    }

    /**
     * The experiment's resolved settings, one {@code key = value} per line sorted by key, as given (defaults
     * filled in), without {@code description} and {@code data-dir}: stored beside the results so that a resumed
     * sweep refuses to mix cells of different settings, and what an engine hands its machines to parse again.
     */
    @Override
    public String resolved() {
        return resolved;
    }
}
