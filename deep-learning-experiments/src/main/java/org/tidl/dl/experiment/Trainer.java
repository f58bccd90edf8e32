package org.tidl.dl.experiment;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tidl.api.DecentralizedOptimizer;
import org.tidl.api.GossipScheme;
import org.tidl.api.Seeds;
import org.tidl.api.WorkerMatrix;
import org.tidl.core.OptimizerRegistry;
import org.tidl.core.TopologyRegistry;
import org.tidl.core.io.Csv;
import org.tidl.core.run.StepRunner;
import org.tidl.dl.NdWorkerMatrix;
import org.tidl.dl.data.Images;
import org.tidl.dl.data.Sampler;
import org.tidl.dl.engine.ImageOracle;
import org.tidl.dl.engine.MemoryEstimate;
import org.tidl.dl.engine.Models;
import org.tidl.dl.engine.SimulatedWorkers;
import org.tidl.dl.spi.DatasetProvider;
import org.tidl.dl.spi.DatasetShape;

/**
 * Computes the cells of an experiment's grid in this JVM, one after another: the local {@link Engine}, and what
 * the Spark engine runs inside each task. Each cell is independent and seeded: every random stream of a cell
 * (model initialisation, data split and minibatches, augmentation, the evaluated worker, the covariance
 * coordinates and repetitions) is derived by {@link Seeds} from the cell's own seed alone, never from its
 * position in the grid or from another cell, so a cell gives the same rows whichever JVM computes it, in
 * whatever order, and a resumed sweep gives the same rows as an uninterrupted one. Cells that differ only in
 * topology, optimizer or learning rate share the seed's initialisation and data streams (common random
 * numbers).
 *
 * <p>Protocol (Sec. 5 of the paper): each step every worker takes its local step on its own minibatch, then
 * all gossip (the optimizer plugin decides the order). The evaluated model is one worker's parameters, or
 * their EMA updated after every step; it is evaluated in inference mode (dropout off) on the training set (no
 * augmentation) and the test set at evenly spaced steps, always including the final one. A cell diverges when
 * a minibatch loss is not finite or the evaluated test loss exceeds {@code abort-test-loss} (or is NaN); it
 * is recorded as diverged and the sweep goes on.
 */
public final class Trainer implements Engine {

    private final Experiment x;
    private final TopologyRegistry topologies;
    private final OptimizerRegistry optimizers;
    private final Images train;
    private final Images test;
    private final Images trainEval;
    private final Images testEval;
    private SimulatedWorkers workers;
    private final Map<String, GossipScheme> schemes = new java.util.HashMap<>();
    private Evaluator evaluator;
    private RunEnvironment environment;

    public Trainer(Experiment x, TopologyRegistry topologies, OptimizerRegistry optimizers, Images train, Images test) {
        this.x = x;
        this.topologies = topologies;
        this.optimizers = optimizers;
        this.train = train;
        this.test = test;
        this.trainEval = x.evalTrainExamples() > 0 ? train.head(x.evalTrainExamples()) : train;
        this.testEval = x.evalTestExamples() > 0 ? test.head(x.evalTestExamples()) : test;
    }

    /** The experiment's data folder: the override, else the experiment's, else the dataset's standard place. */
    public static Path dataDir(Experiment x, String dataDirOverride) {
        String dir = dataDirOverride != null ? dataDirOverride : x.dataDir();
        return dir.isEmpty() ? x.dataset().defaultDirectory() : Path.of(dir);
    }

    /** Loads the experiment's data set (one-line errors naming the missing or corrupt file). */
    public static Images[] load(Experiment x, String dataDirOverride) {
        DatasetProvider.Split split = x.dataset().load(dataDir(x, dataDirOverride));
        return new Images[] {split.train(), split.test()};
    }

    /**
     * The files {@link #load} reads from {@code dir} (what an engine ships to machines without a shared file
     * system): one-line error naming a missing one.
     */
    public static List<Path> dataFiles(Experiment x, Path dir) {
        List<Path> out = x.dataset().files(dir);
        for (Path p : out) {
            if (!java.nio.file.Files.isRegularFile(p)) {
                throw org.tidl.core.InvalidInputException.mentioning("data file " + p + " not found ({data-dir}: the folder"
                        + " of the " + x.dataset().name() + " files)", "data-dir");
            }
        }
        return out;
    }

    /**
     * Checks every cell's topology and optimizer without data or a trainer (an engine's driver, before it hands
     * cells out): one-line errors.
     */
    public static void check(TopologyRegistry topologies, OptimizerRegistry optimizers, List<Experiment.Cell> cells) {
        java.util.Set<String> built = new java.util.HashSet<>();
        for (Experiment.Cell c : cells) {
            if (built.add(c.topology() + "\u0000" + c.workers())) {
                topologies.build(c.topology(), c.workers()).scheme();
            }
            optimizer(optimizers, c);
        }
    }

    /**
     * Refuses, before the data are read or anything is allocated, an experiment whose cells cannot fit in
     * memory ({@link MemoryEstimate}: workers × parameters × the matrices the optimizer keeps, against the
     * process limit ND4J enforces, the heap and the machine), with the numbers and the setting to change.
     */
    public static void checkMemory(Experiment x, OptimizerRegistry optimizers) {
        DatasetShape s = x.dataset().shape();
        MultiLayerConfiguration conf = x.model().configuration(s, x.hidden(), DataType.FLOAT);
        long data = MemoryEstimate.times((long) s.trainImages() + s.testImages(), s.features(), Float.BYTES);
        String model = x.model().label(s, x.hidden());
        String settings = "workers" + (x.model().usesHidden() ? ", hidden" : "") + " or batch";
        java.util.Set<String> done = new java.util.HashSet<>();
        for (Experiment.Cell c : x.cells()) {
            if (!done.add(c.workers() + "\u0000" + c.optimizer())) {
                continue;
            }
            long n = c.workers();
            long covariance = 0;
            if (x.covarianceAfter() > 0) { // Σ x and the n × n Gram sums, in double
                long kept = Math.max(1, Math.round(x.covarianceFraction() * Models.parameterCount(conf)));
                covariance = MemoryEstimate.sum(MemoryEstimate.times(n, n, Double.BYTES), MemoryEstimate.times(n, kept, Double.BYTES));
            }
            MemoryEstimate.of("experiment " + x.name() + " (" + model + ", optimizer " + c.optimizer() + ")", conf,
                    x.model().inputType(s), c.workers(), x.batch(), optimizer(optimizers, c),
                    x.covarianceAfter() > 0 ? 1 : 0, MemoryEstimate.sum(data, covariance))
                    .check(settings);
        }
    }

    /** Steps one cell takes (training, plus the covariance repetitions). */
    public static long stepsPerCell(Experiment x) {
        return x.covarianceAfter() > 0 ? x.covarianceAfter() + (long) x.covarianceRepetitions() * x.covarianceSteps()
                : x.steps();
    }

    private long stepsPerCell() {
        return stepsPerCell(x);
    }

    /** Runs (or resumes) the whole grid in this JVM into {@code resultsRoot/NAME/}; returns that folder. */
    public Path run(Path resultsRoot, boolean resume, boolean fresh, Sweep.Listener listener) {
        return Sweep.run(x, resultsRoot, new Sweep.Options(resume, fresh, null), this, listener);
    }

    @Override
    public void validate(List<Experiment.Cell> cells) {
        checkMemory(x, optimizers); // before the schemes: n = 10^8 workers must not build a ring first
        for (Experiment.Cell c : cells) {
            scheme(c);
            optimizer(c);
        }
    }

    @Override
    public synchronized RunEnvironment environment() {
        if (environment == null) {
            environment = RunEnvironment.current(train, test);
        }
        return environment;
    }

    @Override
    public void run(List<Experiment.Cell> cells, RunEnvironment expected, Reporter reporter) {
        for (Experiment.Cell c : cells) {
            reporter.running(1);
            CellResult r = runCell(c, reporter::advanced);
            reporter.running(0); // a finished cell is not running when its line is printed
            reporter.finished(r);
        }
    }

    /**
     * The cell's gossip scheme, built (and validated) once per topology and worker count: every learning rate
     * and seed of a grid shares it, and some are costly to build (MATCHA's probabilities).
     */
    private GossipScheme scheme(Experiment.Cell c) {
        return schemes.computeIfAbsent(c.topology() + "\u0000" + c.workers(),
                k -> topologies.build(c.topology(), c.workers()).scheme());
    }

    private OptimizerRegistry.Optimizer optimizer(Experiment.Cell c) {
        return optimizer(optimizers, c);
    }

    private static OptimizerRegistry.Optimizer optimizer(OptimizerRegistry optimizers, Experiment.Cell c) {
        return optimizers.resolve(c.optimizer(), Map.of("lr", Double.toString(c.learningRate())));
    }

    private SimulatedWorkers workers(int n, long seed) {
        if (workers == null || workers.size() != n) {
            workers = null; // let the old matrices go before allocating the new ones
            MultiLayerConfiguration conf = x.model().configuration(train.channels(), train.height(), train.width(),
                    train.classes(), x.hidden(), DataType.FLOAT);
            workers = new SimulatedWorkers(conf, n, seed);
            if (evaluator == null) {
                evaluator = new Evaluator(conf, DataType.FLOAT, workers.parameterCount());
            }
        } else {
            workers.reset(seed);
        }
        return workers;
    }

    private Sampler sampler(int n, long seed) {
        if (x.split() == Experiment.Split.SORTED) {
            return Sampler.sorted(n, train.labels(), seed);
        }
        return Double.isNaN(x.nonIidAlpha()) ? Sampler.iid(n, train.count(), seed)
                : Sampler.dirichlet(n, train.labels(), train.classes(), x.nonIidAlpha(), seed);
    }

    /**
     * Trains one cell and returns its rows. {@code steps} hears of every step done (progress; a test's fault
     * injection).
     */
    public CellResult runCell(Experiment.Cell c, IntConsumer steps) {
        long start = System.nanoTime();
        int n = c.workers();
        GossipScheme scheme = scheme(c);
        SimulatedWorkers w = workers(n, c.seed());
        NdWorkerMatrix params = w.parameters();
        DecentralizedOptimizer opt = optimizer(c).start(params, scheme, c.seed());
        Sampler sampler = sampler(n, c.seed());
        ImageOracle oracle = new ImageOracle(w, train, sampler, x.batch(), x.augment(), c.seed(), 0);
        int evaluated = Seeds.stream(c.seed(), "evaluated-worker", 0).nextInt(n); // the paper evaluates one random worker
        Training training = new Training(c, params, evaluated, steps);
        int trainSteps = x.covarianceAfter() > 0 ? x.covarianceAfter() : x.steps();
        int done = (int) runner(scheme, oracle).run(opt, params, trainSteps, training).stepsDone();
        boolean diverged = training.diverged;
        Csv covariances = new Csv(RunLog.COVARIANCES);
        if (diverged) {
            steps.accept((int) (stepsPerCell() - done));
        } else if (x.covarianceAfter() > 0) {
            covariance(c, scheme, w, sampler, covariances, steps);
        }
        Evaluator.Metrics trainM = training.trainM;
        Evaluator.Metrics testM = training.testM;
        double wall = Math.round((System.nanoTime() - start) / 1e8) / 10.0;
        String run = RunLog.runRow(x, c, evaluated, done, diverged, trainM.loss(), trainM.accuracy(), testM.loss(),
                testM.accuracy(), training.consensus, "", wall);
        return new CellResult(c.index(), diverged, done, trainM.loss(), testM.accuracy(), RunLog.rowsOf(training.evaluations),
                RunLog.rowsOf(covariances), run, wall, environment().renderChecked());
    }

    /** The cell's steps under the experiment's learning-rate schedule. */
    private StepRunner runner(GossipScheme scheme, ImageOracle oracle) {
        return StepRunner.of(scheme, oracle).withSchedule(t -> x.learningRateScale((int) t));
    }

    /**
     * The training phase's observer: progress, the evaluated model (one worker, or its EMA updated after every
     * step), the evaluations at {@link Experiment#evaluationSteps()} (or the checkpoint before the covariance
     * protocol), and the divergence checks that stop the run: a non-finite mean minibatch loss, or a test loss
     * above {@code abort-test-loss} (or NaN).
     */
    private final class Training implements StepRunner.Observer {
        final Csv evaluations = new Csv(RunLog.EVALUATIONS);
        private final Experiment.Cell c;
        private final NdWorkerMatrix params;
        private final int evaluated;
        private final IntConsumer steps;
        private final INDArray model = evaluator.parameters();
        private final double ema = x.ema();
        private final int[] evalAt;
        private int next;
        boolean diverged;
        Evaluator.Metrics trainM = new Evaluator.Metrics(Double.NaN, Double.NaN);
        Evaluator.Metrics testM = trainM;
        double consensus = Double.NaN;

        Training(Experiment.Cell c, NdWorkerMatrix params, int evaluated, IntConsumer steps) {
            this.c = c;
            this.params = params;
            this.evaluated = evaluated;
            this.steps = steps;
            this.evalAt = x.covarianceAfter() > 0 ? new int[] {x.covarianceAfter()} : x.evaluationSteps();
            model.assign(params.row(evaluated));
        }

        @Override
        public boolean afterStep(long t, WorkerMatrix iterate, double[] losses) {
            int done = (int) t + 1;
            steps.accept(1);
            double meanLoss = mean(losses);
            if (!Double.isFinite(meanLoss)) {
                diverged = true;
            }
            if (!Double.isNaN(ema)) { // ema ← decay·ema + (1 − decay)·x_k, after the gossip as the paper's code
                model.muli(ema);
                Nd4j.getBlasWrapper().level1().axpy(model.length(), 1 - ema, params.row(evaluated), model);
            }
            if (next < evalAt.length && done == evalAt[next] || diverged) {
                next++;
                if (Double.isNaN(ema)) {
                    model.assign(params.row(evaluated));
                }
                trainM = evaluator.evaluate(trainEval);
                testM = evaluator.evaluate(testEval);
                consensus = consensusDistance(params);
                evaluations.add(c.index(), c.topology(), c.workers(), c.learningRate(), c.seed(), done, meanLoss,
                        trainM.loss(), trainM.accuracy(), testM.loss(), testM.accuracy(), consensus);
                if (!(testM.loss() <= x.abortTestLoss())) {
                    diverged = true;
                }
            }
            return !diverged;
        }
    }

    /**
     * Fig. 5's protocol (Sec. 5; the authors' train_compute_variance.py): from the checkpoint after the training steps, {@code repetitions} times
     * run {@code covariance-steps} more steps with fresh data, keep a random share of the coordinates of every
     * worker, and measure the n × n covariance between workers over the repetitions, averaged over the kept
     * coordinates: C = (1/(R·m)) Σ_r Σ_c (x_rc − x̄_c)(x_rc − x̄_c)ᵀ. Momentum buffers restart at each repetition
     * (the paper's code restores them; equal when momentum is 0, as for Fashion-MNIST).
     */
    private void covariance(Experiment.Cell c, GossipScheme scheme, SimulatedWorkers w, Sampler sampler, Csv out,
                            IntConsumer steps) {
        int n = w.size();
        NdWorkerMatrix params = w.parameters();
        INDArray checkpoint = params.array().dup();
        long p = params.columns();
        SplittableRandom rng = Seeds.stream(c.seed(), "covariance-coordinates", 0);
        int m = (int) Math.max(1, Math.round(x.covarianceFraction() * p));
        int[] columns = rng.ints(0, (int) p).distinct().limit(m).sorted().toArray();
        double[] sum = new double[n * m];
        double[] gram = new double[n * n];
        int reps = x.covarianceRepetitions();
        for (int r = 0; r < reps; r++) {
            params.array().assign(checkpoint);
            DecentralizedOptimizer opt = optimizer(c).start(params, scheme, c.seed());
            // fresh minibatches and augmentation (round r + 1) from the same data split as training
            ImageOracle oracle = new ImageOracle(w, train, sampler.round(r + 1), x.batch(), x.augment(), c.seed(), r + 1);
            // the gossip and learning-rate schedules go on from the checkpoint's step
            runner(scheme, oracle).run(opt, params, x.covarianceAfter(), x.covarianceSteps(), (t, iterate, losses) -> {
                steps.accept(1);
                return true;
            });
            double[] kept = params.array().getColumns(columns).castTo(DataType.DOUBLE).data().asDouble();
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < m; k++) {
                    sum[i * m + k] += kept[i * m + k];
                }
                for (int j = 0; j <= i; j++) {
                    double s = 0;
                    for (int k = 0; k < m; k++) {
                        s += kept[i * m + k] * kept[j * m + k];
                    }
                    gram[i * n + j] += s;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = 0; k < m; k++) {
                    s += sum[i * m + k] * sum[j * m + k];
                }
                double cov = (gram[i * n + j] - s / reps) / ((double) reps * m);
                gram[i * n + j] = cov;
                gram[j * n + i] = cov;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out.add(c.index(), c.topology(), n, c.learningRate(), c.seed(), i, j, gram[i * n + j]);
            }
        }
    }

    /** (1/n) Σ_i ‖x_i − x̄‖², the workers' spread around their mean. */
    static double consensusDistance(NdWorkerMatrix params) {
        INDArray mean = params.array().mean(true, 0);
        double s = 0;
        for (int i = 0; i < params.rows(); i++) {
            s += params.row(i).squaredDistance(mean);
        }
        return s / params.rows();
    }

    private static double mean(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s / a.length;
    }
}
