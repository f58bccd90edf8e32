package org.tidl.dl.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tidl.core.InvalidInputException;
import org.tidl.core.Messages;
import org.tidl.core.NumberLists;
import org.tidl.core.io.TextFiles;

/**
 * A deep-learning experiment: one file of {@code key = value} lines (see {@code deep-learning-experiments/
 * experiments/}), mirroring one of the authors' experiment scripts. The grid is workers × topology × learning
 * rate × seed; every other key is shared by all cells. {@code --set key=value} overrides a key.
 *
 * <p>Lists: {@code topologies} are separated by ';' (a topology spec may hold commas, as
 * {@code circulant:offsets=1,8}); numbers use the CLI's number lists ({@code a,b,c | lin:A:B:K | log:A:B:K |
 * pow2half:K1:K2}). {@code learning-rates@TOPOLOGY = …} gives one topology its own learning rates (the tuned
 * ones of full training).
 */
public final class Experiment {

    /** Every key with its default ({@code null}: required). */
    static final Map<String, String> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("name", null);
        KEYS.put("description", "");
        KEYS.put("dataset", null);               // fashion-mnist | cifar10
        KEYS.put("data-dir", "");                // default: the dataset's standard place
        KEYS.put("model", null);                 // mlp | vgg11
        KEYS.put("hidden", "5000");              // mlp hidden width
        KEYS.put("workers", null);               // list
        KEYS.put("topologies", null);            // ';'-separated specs
        KEYS.put("learning-rates", null);        // number list
        KEYS.put("seeds", "1");                  // list
        KEYS.put("optimizer", "dsgd-atc");       // ';'-separated specs (a grid axis); lr comes from the grid
        KEYS.put("batch", "16");                 // per worker
        KEYS.put("steps", null);
        KEYS.put("schedule", "constant");        // constant | step-decay (x1 75%, x0.1 15%, x0.01 10%)
        KEYS.put("ema", "none");                 // none | decay (paper: 0.95)
        KEYS.put("evaluations", "5");            // evaluations per cell, evenly spaced, the last at the final step
        KEYS.put("eval-train-examples", "0");    // 0: the whole training set
        KEYS.put("eval-test-examples", "0");     // 0: the whole test set
        KEYS.put("abort-test-loss", "2.6");      // the paper's divergence threshold
        KEYS.put("non-iid-alpha", "none");       // none | Dirichlet alpha
        KEYS.put("split", "iid");                // iid (or Dirichlet with non-iid-alpha) | sorted (label-sorted blocks: "unshuffled")
        KEYS.put("augment", "auto");             // auto (on for cifar10) | true | false
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

    public record Cell(int index, String optimizer, String topology, int workers, double learningRate, long seed) { }

    private final Map<String, String> values;
    private final List<Cell> cells;

    private Experiment(Map<String, String> values) {
        this.values = values;
        this.cells = grid();
    }

    /** Reads an experiment file and applies the overrides ({@code key=value}). */
    public static Experiment read(Path file, List<String> overrides) {
        return parse(TextFiles.read(file, "experiment file"), file.toString(), overrides);
    }

    /**
     * Parses an experiment's text; a key given twice in the file, or twice with {@code --set}, is refused (a
     * later line would otherwise silently win). {@code --set} overrides the file.
     */
    public static Experiment parse(String text, String where, List<String> overrides) {
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
        java.util.Set<String> set = new java.util.HashSet<>();
        for (String o : overrides) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException("--set: expected key=value, got " + Messages.quote(o));
            }
            String key = o.substring(0, eq).strip();
            if (!set.add(key)) {
                throw new InvalidInputException("--set: key '" + key + "' is given twice; give it once");
            }
            put(v, key, o.substring(eq + 1).strip(), "--set");
        }
        for (Map.Entry<String, String> e : KEYS.entrySet()) {
            if (!v.containsKey(e.getKey())) {
                if (e.getValue() == null) {
                    throw new InvalidInputException(where + ": key '" + e.getKey() + "' is required");
                }
                v.put(e.getKey(), e.getValue());
            }
        }
        checkWholeNumbers(v);
        Experiment x = new Experiment(v);
        x.validate();
        return x;
    }

    /** Every whole-number key against its range, before the grid is built from them. */
    private static void checkWholeNumbers(Map<String, String> v) {
        for (Map.Entry<String, long[]> e : WHOLE.entrySet()) {
            NumberLists.whole(e.getKey(), v.get(e.getKey()), e.getValue()[0], e.getValue()[1]);
        }
    }

    /** The keys an experiment file (and {@code --set}) may set, in the documented order. */
    public static List<String> keys() {
        List<String> k = new ArrayList<>(KEYS.keySet());
        k.add("learning-rates@TOPOLOGY");
        return k;
    }

    private static void put(Map<String, String> v, String key, String value, String where) {
        String base = key.contains("@") ? key.substring(0, key.indexOf('@')) : key;
        if (!KEYS.containsKey(base) || (key.contains("@") && !base.equals("learning-rates"))) {
            String close = org.tidl.core.Suggestions.didYouMean(base, KEYS.keySet());
            throw new InvalidInputException(where + ": unknown key '" + key + "' (" + (close.isEmpty() ? "" : close + " ")
                    + "valid: " + String.join(", ", KEYS.keySet())
                    + ", learning-rates@TOPOLOGY)");
        }
        v.put(key, value);
    }

    private void validate() {
        String name = get("name");
        if (!name.matches("[A-Za-z0-9._-]+") || name.equals(".") || name.equals("..")) { // a plain folder name
            throw new InvalidInputException("name must be letters, digits, '.', '_' or '-', and not . or .. (it names the results folder), got '" + name + "'");
        }
        if (!dataset().equals("fashion-mnist") && !dataset().equals("cifar10")) {
            throw new InvalidInputException("dataset must be fashion-mnist or cifar10, got '" + dataset() + "'");
        }
        if (!model().equals("mlp") && !model().equals("vgg11")) {
            throw new InvalidInputException("model must be mlp or vgg11, got '" + model() + "'");
        }
        if (!schedule().equals("constant") && !schedule().equals("step-decay")) {
            throw new InvalidInputException("schedule must be constant or step-decay, got '" + schedule() + "'");
        }
        ema();
        double alpha = nonIidAlpha();
        if (!split().equals("iid") && !split().equals("sorted")) {
            throw new InvalidInputException("split must be iid or sorted, got '" + split() + "'");
        }
        if (split().equals("sorted") && !Double.isNaN(alpha)) {
            throw new InvalidInputException("split = sorted and non-iid-alpha exclude each other");
        }
        if (!get("augment").matches("auto|true|false")) {
            throw new InvalidInputException("augment must be auto, true or false, got '" + get("augment") + "'");
        }
        NumberLists.real("covariance-fraction", get("covariance-fraction"), 0, true, 1, false);
        // a test loss above this (or NaN) marks the cell diverged: NaN or <= 0 would mark every cell
        NumberLists.real("abort-test-loss", get("abort-test-loss"), 0, true, Double.MAX_VALUE, false);
    }

    private List<Cell> grid() {
        List<Cell> out = new ArrayList<>();
        List<Long> workers = NumberLists.wholes("workers", get("workers"), 1, Integer.MAX_VALUE);
        List<Long> seeds = NumberLists.wholes("seeds", get("seeds"), Long.MIN_VALUE, Long.MAX_VALUE);
        for (long w : workers) {
            for (String o : list("optimizer")) {
                for (String t : topologies()) {
                    String own = values.get("learning-rates@" + t);
                    String key = own != null ? "learning-rates@" + t : "learning-rates";
                    for (double lr : NumberLists.reals(key, own != null ? own : get("learning-rates"), 0, false,
                            Double.MAX_VALUE, false)) {
                        for (long s : seeds) {
                            out.add(new Cell(out.size(), o, t, (int) w, lr, s));
                        }
                    }
                }
            }
        }
        for (String key : values.keySet()) {
            if (key.startsWith("learning-rates@") && !topologies().contains(key.substring("learning-rates@".length()))) {
                throw new InvalidInputException(key + ": '" + key.substring(15) + "' is not one of the experiment's topologies");
            }
        }
        return out;
    }

    public String get(String key) {
        return values.get(key);
    }

    /** A whole-number key (checked against its range in {@link #WHOLE} when the experiment was parsed). */
    private int whole(String key) {
        long[] range = WHOLE.get(key);
        return (int) NumberLists.whole(key, get(key), range[0], range[1]);
    }

    private double real(String key) {
        return NumberLists.real(key, get(key), -Double.MAX_VALUE, false, Double.MAX_VALUE, false);
    }

    /** NaN for "none", else a number in the range. */
    private double optionalReal(String key, double min, boolean minOpen, double max, boolean maxOpen) {
        if (get(key).equals("none")) {
            return Double.NaN;
        }
        try {
            return NumberLists.real(key, get(key), min, minOpen, max, maxOpen);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(key + " must be none or " + NumberLists.realRange(min, minOpen, max, maxOpen)
                    + ", got " + Messages.quote(get(key)));
        }
    }

    public String name() { return get("name"); }
    public String description() { return get("description"); }
    public String dataset() { return get("dataset"); }
    public String dataDir() { return get("data-dir"); }
    public String model() { return get("model"); }
    public int hidden() { return whole("hidden"); }
    public int batch() { return whole("batch"); }
    public int steps() { return whole("steps"); }
    public String schedule() { return get("schedule"); }
    /** EMA decay of the evaluated worker's parameters; NaN: evaluate the raw parameters. */
    public double ema() { return optionalReal("ema", 0, false, 1, true); }
    public int evaluations() { return whole("evaluations"); }
    public int evalTrainExamples() { return whole("eval-train-examples"); }
    public int evalTestExamples() { return whole("eval-test-examples"); }
    public double abortTestLoss() { return real("abort-test-loss"); }
    public double nonIidAlpha() { return optionalReal("non-iid-alpha", 0, true, Double.MAX_VALUE, false); }
    public boolean augment() {
        return get("augment").equals("auto") ? dataset().equals("cifar10") : Boolean.parseBoolean(get("augment"));
    }
    public int covarianceAfter() { return whole("covariance-after"); }
    public int covarianceRepetitions() { return whole("covariance-repetitions"); }
    public int covarianceSteps() { return whole("covariance-steps"); }
    public double covarianceFraction() { return real("covariance-fraction"); }

    public List<String> topologies() {
        return list("topologies");
    }

    /** The optimizer specs of the grid. */
    public List<String> optimizers() {
        return list("optimizer");
    }

    private List<String> list(String key) {
        List<String> out = new ArrayList<>();
        for (String t : get(key).split(";")) {
            if (!t.isBlank()) {
                out.add(t.strip());
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException(key + ": give at least one (';'-separated)");
        }
        return out;
    }

    /** How workers' data are split: "iid" (or Dirichlet when non-iid-alpha is set) or "sorted". */
    public String split() { return get("split"); }

    public List<Cell> cells() {
        return cells;
    }

    /** Learning-rate factor at step t of T (the paper's full-training step decay: ×1, then ×0.1 after 75%, ×0.01 after 90%). */
    public double learningRateScale(int step) {
        if (schedule().equals("constant")) {
            return 1;
        }
        double f = (double) step / steps();
        return f < 0.75 ? 1 : f < 0.9 ? 0.1 : 0.01;
    }

    /** The steps after which the evaluated model is evaluated: evenly spaced, the last one the final step. */
    public int[] evaluationSteps() {
        int k = Math.min(evaluations(), steps());
        int[] at = new int[k];
        for (int j = 1; j <= k; j++) {
            at[j - 1] = (int) Math.round((double) steps() * j / k);
        }
        return at;
    }

    /**
     * The experiment's resolved settings, one {@code key = value} per line in a fixed order: stored beside the
     * results so that {@code --resume} refuses to mix cells of different settings.
     */
    public String resolved() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(values).entrySet()) {
            if (!e.getKey().equals("description") && !e.getKey().equals("data-dir")) {
                sb.append(e.getKey()).append(" = ").append(e.getValue()).append('\n');
            }
        }
        return sb.toString();
    }
}
