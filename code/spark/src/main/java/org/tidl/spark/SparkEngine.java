package org.tidl.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.tidl.core.InvalidInputException;
import org.tidl.dl.experiment.CellResult;
import org.tidl.dl.experiment.Engine;
import org.tidl.dl.experiment.Experiment;
import org.tidl.dl.experiment.RunEnvironment;
import org.tidl.dl.experiment.Trainer;

/**
 * Computes a grid's cells as Apache Spark tasks: one cell per task, the largest cells first, each cell its own
 * Spark job so that a cell failing every attempt ({@code spark.task.maxFailures}, or F of {@code local[K,F]})
 * is recorded as failed while the others go on. The driver (this JVM) keeps the results folder; executors
 * return each cell's rows. Data files and plugin jars reach the executors through Spark's file server
 * ({@code addFile}/{@code SparkFiles}) unless the executors see the data at a shared path.
 *
 * <p>Embedded ({@code local[K,F]}, the default {@value #DEFAULT_MASTER}: one cell at a time on all cores, four
 * attempts) or on a cluster ({@code spark://}, {@code yarn}, {@code k8s://}, usually through spark-submit,
 * whose settings it keeps).
 */
public final class SparkEngine implements Engine {

    /** One task at a time (a cell already uses every core of its JVM), up to four attempts per cell. */
    static final String DEFAULT_MASTER = "local[1,4]";
    private static final long POLL_MILLIS = 100;

    private final Settings settings;
    private final JavaSparkContext sc;
    private final boolean ownContext;
    private final CellJob job;

    public SparkEngine(Settings settings) {
        this(settings, null, Faults.NONE);
    }

    /** With an existing context (kept open on close) and injected faults: for tests. */
    SparkEngine(Settings settings, JavaSparkContext existing, Faults faults) {
        this.settings = settings;
        Experiment x = settings.experiment();
        List<Path> data = settings.executorDataDir() == null ? Trainer.dataFiles(x, settings.dataDir()) : List.of();
        List<Path> jars = pluginJars(settings.pluginFolders());
        this.ownContext = existing == null;
        this.sc = existing != null ? existing : new JavaSparkContext(conf(settings));
        List<String> dataNames = new ArrayList<>();
        List<String> jarNames = new ArrayList<>();
        try {
            for (Path p : data) {
                sc.addFile(p.toAbsolutePath().toString());
                dataNames.add(p.getFileName().toString());
            }
            for (Path p : jars) {
                sc.addFile(p.toAbsolutePath().toString());
                jarNames.add(p.getFileName().toString());
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        this.job = new CellJob(x.resolved(), settings.executorDataDir() == null ? dataNames : null,
                settings.executorDataDir(), jarNames, null, faults);
    }

    private static SparkConf conf(Settings s) {
        SparkConf conf = new SparkConf(); // with spark-submit's settings (spark.* system properties)
        conf.setAppName("tidl train " + s.experiment().name());
        for (Map.Entry<String, String> e : s.conf().entrySet()) {
            conf.set(e.getKey(), e.getValue());
        }
        if (s.master() != null) {
            conf.setMaster(s.master());
        } else if (!conf.contains("spark.master")) {
            conf.setMaster(DEFAULT_MASTER);
        }
        if (conf.get("spark.master").startsWith("local") && !conf.contains("spark.ui.enabled")) {
            conf.set("spark.ui.enabled", "false"); // embedded: no web UI port to claim
        }
        if (!conf.contains("spark.executorEnv.OMP_NUM_THREADS")) {
            // executors compute under the driver's setting, so their environment matches the one recorded
            String omp = System.getenv("OMP_NUM_THREADS");
            conf.setExecutorEnv("OMP_NUM_THREADS", omp == null || omp.isBlank() ? "1" : omp);
        }
        return conf;
    }

    /** The jars of the plugin folders, folder by folder, sorted within a folder (the local loader's order). */
    private static List<Path> pluginJars(List<Path> folders) {
        List<Path> jars = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            List<Path> here = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, "*.jar")) {
                ds.forEach(here::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list plugins folder " + folder + ": " + org.tidl.core.Messages.reason(e), e);
            }
            here.sort(null);
            for (Path jar : here) {
                if (!names.add(jar.getFileName().toString())) {
                    throw new InvalidInputException("two plugin jars named " + jar.getFileName() + " (" + jar
                            + "): Spark ships files by name; rename one");
                }
                jars.add(jar);
            }
        }
        return jars;
    }

    @Override
    public void validate(List<Experiment.Cell> cells) {
        Trainer.check(settings.topologies(), settings.optimizers(), cells);
    }

    @Override
    public RunEnvironment environment() {
        try {
            String env = sc.parallelize(List.of(0), 1).map(new CellTask.Probe(job)).collect().get(0);
            return RunEnvironment.parse(env, "the executors' environment");
        } catch (RuntimeException e) {
            String invalid = failureOf(e, true);
            if (invalid != null) {
                throw new InvalidInputException(invalid);
            }
            throw new IllegalStateException("Spark: the first task (loading the data on an executor) failed: " + failureOf(e, false), e);
        }
    }

    @Override
    public void run(List<Experiment.Cell> cells, RunEnvironment expected, Reporter reporter) {
        List<Experiment.Cell> order = new ArrayList<>(cells);
        order.sort(Comparator.comparingInt(Experiment.Cell::workers).reversed()); // largest first; stable
        CellTask task = new CellTask(job.withExpected(expected.without("shard").renderChecked()));
        Map<JavaFutureAction<List<CellResult>>, Experiment.Cell> pending = new LinkedHashMap<>();
        try {
            for (Experiment.Cell c : order) { // one job per cell, submitted in order: the FIFO scheduler keeps it
                sc.setJobDescription("cell " + c.index() + ": " + c.topology() + ", " + c.workers() + " workers, lr "
                        + c.learningRate() + ", seed " + c.seed());
                pending.put(sc.parallelize(List.of(c.index()), 1).map(task).collectAsync(), c);
            }
            int running = -1;
            while (!pending.isEmpty()) {
                int now = runningTasks(pending.keySet());
                if (now != running) {
                    running = now;
                    reporter.running(now);
                }
                boolean any = false;
                for (Iterator<Map.Entry<JavaFutureAction<List<CellResult>>, Experiment.Cell>> it = pending.entrySet().iterator(); it.hasNext(); ) {
                    Map.Entry<JavaFutureAction<List<CellResult>>, Experiment.Cell> e = it.next();
                    if (!e.getKey().isDone()) {
                        continue;
                    }
                    it.remove();
                    any = true;
                    CellResult r;
                    try {
                        r = e.getKey().get().get(0);
                    } catch (ExecutionException ex) {
                        reporter.failed(e.getValue(), failureOf(ex.getCause() == null ? ex : ex.getCause(), false), Double.NaN);
                        continue;
                    }
                    reporter.finished(r);
                }
                if (!any) {
                    Thread.sleep(POLL_MILLIS);
                }
            }
            reporter.running(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Spark", e);
        } finally {
            for (JavaFutureAction<List<CellResult>> f : pending.keySet()) { // the driver stops: so do its cells
                f.cancel(true);
            }
        }
    }

    /**
     * Tasks running for the cells not yet finished, as Spark's status tracker reports them: for progress only (a
     * slot is reused before the previous task's end reaches the tracker, so it can read one high for a moment).
     */
    private int runningTasks(Iterable<JavaFutureAction<List<CellResult>>> cells) {
        int n = 0;
        for (JavaFutureAction<List<CellResult>> f : cells) {
            if (f.isDone()) {
                continue;
            }
            for (int job : f.jobIds()) {
                SparkJobInfo j = sc.statusTracker().getJobInfo(job);
                for (int stage : j == null ? new int[0] : j.stageIds()) {
                    SparkStageInfo s = sc.statusTracker().getStageInfo(stage);
                    n += s == null ? 0 : s.numActiveTasks();
                }
            }
        }
        return n;
    }

    private static final Pattern ATTEMPTS = Pattern.compile("failed (\\d+) times?, most recent failure: (?:Lost task \\S+ in stage \\S+ \\(TID \\d+\\) \\([^)]*\\): )?(.*)");
    private static final String INVALID = InvalidInputException.class.getName() + ": ";

    /**
     * A task failure in one line: "N attempts, the last: CLASS: MESSAGE" from Spark's "Job aborted due to stage
     * failure" text. With {@code invalidOnly}: the message of an InvalidInputException thrown on the executor
     * (bad data, an unknown plugin), or null.
     */
    static String failureOf(Throwable e, boolean invalidOnly) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        String first = m.lines().findFirst().orElse("");
        Matcher a = ATTEMPTS.matcher(first);
        String attempts = a.find() ? a.group(1) : null;
        String last = attempts != null ? a.group(2) : first;
        if (invalidOnly) {
            int i = m.indexOf(INVALID);
            return i < 0 ? null : m.substring(i + INVALID.length()).lines().findFirst().orElse("");
        }
        return (attempts == null ? "" : attempts + " attempt(s), the last: ") + last.strip();
    }

    @Override
    public void close() {
        if (ownContext) {
            sc.stop();
        }
    }
}
