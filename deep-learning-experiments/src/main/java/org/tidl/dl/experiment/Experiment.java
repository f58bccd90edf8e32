package org.tidl.dl.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tidl.core.InvalidInputException;
import org.tidl.core.NumberLists;

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

    public record Cell(int index, String optimizer, String topology, int workers, double learningRate, long seed) { }

    private final Map<String, String> values;
    private final List<Cell> cells;

    private Experiment(Map<String, String> values) {
        this.values = values;
        this.cells = grid();
    }

    /** Reads an experiment file and applies the overrides ({@code key=value}). */
    public static Experiment read(Path file, List<String> overrides) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException("--experiment: cannot read " + file + " (" + e.getMessage() + ")");
        }
        return parse(text, file.toString(), overrides);
    }

    public static Experiment parse(String text, String where, List<String> overrides) {
        Map<String, String> v = new LinkedHashMap<>();
        int lineNo = 0;
        for (String raw : text.split("\n", -1)) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException(where + ":" + lineNo + ": expected 'key = value', got '" + line + "'");
            }
            put(v, line.substring(0, eq).strip(), line.substring(eq + 1).strip(), where + ":" + lineNo);
        }
        for (String o : overrides) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException("--set: expected key=value, got '" + o + "'");
            }
            put(v, o.substring(0, eq).strip(), o.substring(eq + 1).strip(), "--set");
        }
        for (Map.Entry<String, String> e : KEYS.entrySet()) {
            if (!v.containsKey(e.getKey())) {
                if (e.getValue() == null) {
                    throw new InvalidInputException(where + ": key '" + e.getKey() + "' is required");
                }
                v.put(e.getKey(), e.getValue());
            }
        }
        Experiment x = new Experiment(v);
        x.validate();
        return x;
    }

    private static void put(Map<String, String> v, String key, String value, String where) {
        String base = key.contains("@") ? key.substring(0, key.indexOf('@')) : key;
        if (!KEYS.containsKey(base) || (key.contains("@") && !base.equals("learning-rates"))) {
            throw new InvalidInputException(where + ": unknown key '" + key + "' (valid: " + String.join(", ", KEYS.keySet())
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
        positive("hidden");
        positive("batch");
        positive("steps");
        positive("evaluations");
        if (!schedule().equals("constant") && !schedule().equals("step-decay")) {
            throw new InvalidInputException("schedule must be constant or step-decay, got '" + schedule() + "'");
        }
        double ema = ema();
        if (!Double.isNaN(ema) && !(ema >= 0 && ema < 1)) {
            throw new InvalidInputException("ema must be none or a decay in [0, 1), got '" + get("ema") + "'");
        }
        double alpha = nonIidAlpha();
        if (!Double.isNaN(alpha) && !(alpha > 0)) {
            throw new InvalidInputException("non-iid-alpha must be none or > 0, got '" + get("non-iid-alpha") + "'");
        }
        if (!split().equals("iid") && !split().equals("sorted")) {
            throw new InvalidInputException("split must be iid or sorted, got '" + split() + "'");
        }
        if (split().equals("sorted") && !Double.isNaN(alpha)) {
            throw new InvalidInputException("split = sorted and non-iid-alpha exclude each other");
        }
        if (!get("augment").matches("auto|true|false")) {
            throw new InvalidInputException("augment must be auto, true or false, got '" + get("augment") + "'");
        }
        double f = real("covariance-fraction");
        if (!(f > 0 && f <= 1)) {
            throw new InvalidInputException("covariance-fraction must be in (0, 1], got '" + get("covariance-fraction") + "'");
        }
        if (covarianceAfter() > 0) {
            positive("covariance-repetitions");
            positive("covariance-steps");
        }
        for (Cell c : cells) {
            if (c.workers() < 1) {
                throw new InvalidInputException("workers must be >= 1, got " + c.workers());
            }
            if (!(c.learningRate() >= 0) || Double.isInfinite(c.learningRate())) {
                throw new InvalidInputException("learning-rates must be finite and >= 0, got " + c.learningRate());
            }
        }
    }

    private List<Cell> grid() {
        List<Cell> out = new ArrayList<>();
        List<Double> workers = NumberLists.reals("workers", get("workers"));
        List<Double> seeds = NumberLists.reals("seeds", get("seeds"));
        for (double w : workers) {
            if (w != Math.rint(w)) {
                throw new InvalidInputException("workers must be integers, got " + w);
            }
            for (String o : list("optimizer")) {
                for (String t : topologies()) {
                    String own = values.get("learning-rates@" + t);
                    for (double lr : NumberLists.reals("learning-rates", own != null ? own : get("learning-rates"))) {
                        for (double s : seeds) {
                            if (s != Math.rint(s)) {
                                throw new InvalidInputException("seeds must be integers, got " + s);
                            }
                            out.add(new Cell(out.size(), o, t, (int) w, lr, (long) s));
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

    private int positive(String key) {
        long v = integer(key);
        if (v < 1) {
            throw new InvalidInputException(key + " must be a positive integer, got '" + get(key) + "'");
        }
        return (int) v;
    }

    private long integer(String key) {
        try {
            return Long.parseLong(get(key));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(key + " must be an integer, got '" + get(key) + "'");
        }
    }

    private double real(String key) {
        try {
            return Double.parseDouble(get(key));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(key + " must be a number, got '" + get(key) + "'");
        }
    }

    private double optionalReal(String key) {
        return get(key).equals("none") ? Double.NaN : real(key);
    }

    public String name() { return get("name"); }
    public String description() { return get("description"); }
    public String dataset() { return get("dataset"); }
    public String dataDir() { return get("data-dir"); }
    public String model() { return get("model"); }
    public int hidden() { return positive("hidden"); }
    public int batch() { return positive("batch"); }
    public int steps() { return positive("steps"); }
    public String schedule() { return get("schedule"); }
    /** EMA decay of the evaluated worker's parameters; NaN: evaluate the raw parameters. */
    public double ema() { return optionalReal("ema"); }
    public int evaluations() { return positive("evaluations"); }
    public int evalTrainExamples() { return (int) integer("eval-train-examples"); }
    public int evalTestExamples() { return (int) integer("eval-test-examples"); }
    public double abortTestLoss() { return real("abort-test-loss"); }
    public double nonIidAlpha() { return optionalReal("non-iid-alpha"); }
    public boolean augment() {
        return get("augment").equals("auto") ? dataset().equals("cifar10") : Boolean.parseBoolean(get("augment"));
    }
    public int covarianceAfter() { return (int) integer("covariance-after"); }
    public int covarianceRepetitions() { return positive("covariance-repetitions"); }
    public int covarianceSteps() { return positive("covariance-steps"); }
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
