package org.tidl.dl.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs an experiment's grid into {@code resultsRoot/NAME/} (a shard: {@code NAME.shard-K-of-N/}) with an
 * {@link Engine}. The driver, this class, owns the results: it locks the folder, works out the cells still to
 * do from runs.csv (see {@link RunLog}), hands them to the engine, and appends each cell's rows as they come
 * back, so a killed driver loses only the cells in flight and {@code --resume} continues, with either engine.
 */
public final class Sweep {

    /**
     * @param shard null: the whole grid
     */
    public record Options(boolean resume, boolean fresh, Shard shard) {
    }

    /** Where a sweep stands: cells finished (this run and before), computing, failed, of the cells to run. */
    public record Status(int done, int running, int failed, int toRun, double etaSeconds) {
    }

    /** What a caller sees while the sweep runs (progress). */
    public interface Listener {
        /** Once at the start: the cells to run, their training steps, the cells already done. */
        default void started(int cellsToRun, long totalSteps, int cellsDone) { }

        /** Training steps done (engines that can see them). */
        default void advanced(int steps) { }

        default void cellFinished(Experiment.Cell cell, CellResult result, Status status) { }

        default void cellFailed(Experiment.Cell cell, String error, Status status) { }

        /** Repairs of the results folder and the like: one line each. */
        default void warning(String message) { }
    }

    private Sweep() {
    }

    /** Runs (or resumes) the grid; returns the results folder. */
    public static Path run(Experiment x, Path resultsRoot, Options options, Engine engine, Listener listener) {
        List<Experiment.Cell> mine = new ArrayList<>();
        for (Experiment.Cell c : x.cells()) {
            if (options.shard() == null || options.shard().contains(c)) {
                mine.add(c);
            }
        }
        engine.validate(mine);
        RunEnvironment env = engine.environment();
        if (options.shard() != null) {
            env = env.with("shard", options.shard().toString());
        }
        Path dir = resultsRoot.resolve(options.shard() == null ? x.name() : options.shard().folder(x.name()));
        try (RunLog log = RunLog.open(dir, x, env, options.resume(), options.fresh(), listener::warning)) {
            List<Experiment.Cell> todo = new ArrayList<>();
            for (Experiment.Cell c : mine) {
                if (!log.isDone(c.index())) {
                    todo.add(c);
                }
            }
            listener.started(todo.size(), todo.size() * Trainer.stepsPerCell(x), log.doneCount());
            Driver driver = new Driver(x, log, env, todo, listener);
            engine.run(todo, env, driver);
            log.sortByCell();
        }
        return dir;
    }

    /** Appends what the engine reports and keeps the counts (on the driver's thread). */
    private static final class Driver implements Engine.Reporter {
        private final Experiment x;
        private final RunLog log;
        private final String expected;
        private final Listener listener;
        private final long start = System.nanoTime();
        private final double totalCost;
        private double costDone;
        private int done;
        private int failed;
        private int running;
        private final int toRun;

        Driver(Experiment x, RunLog log, RunEnvironment env, List<Experiment.Cell> todo, Listener listener) {
            this.x = x;
            this.log = log;
            this.expected = env.without("shard").renderChecked();
            this.listener = listener;
            this.toRun = todo.size();
            double c = 0;
            for (Experiment.Cell cell : todo) {
                c += cost(cell);
            }
            this.totalCost = c;
        }

        /** A cell's work, up to a constant: every cell of a grid takes the same steps, each step costs ∝ workers. */
        static double cost(Experiment.Cell c) {
            return c.workers();
        }

        @Override
        public void advanced(int steps) {
            listener.advanced(steps);
        }

        @Override
        public void running(int cells) {
            running = cells;
        }

        @Override
        public void finished(CellResult r) {
            Experiment.Cell c = x.cells().get(r.cell());
            if (!r.environment().equals(expected)) {
                String diff = RunEnvironment.parse(expected, "the results folder").difference(
                        RunEnvironment.parse(r.environment(), "the cell's environment"), "for these results",
                        "where the cell ran");
                failed(c, "computed in another environment: " + diff, r.wallSeconds());
                return;
            }
            log.append(r);
            done++;
            costDone += cost(c);
            listener.cellFinished(c, r, status());
        }

        @Override
        public void failed(Experiment.Cell cell, String error, double wallSeconds) {
            log.appendFailure(x, cell, error, wallSeconds);
            failed++;
            costDone += cost(cell);
            listener.cellFailed(cell, error, status());
        }

        private Status status() {
            double elapsed = (System.nanoTime() - start) / 1e9;
            double eta = costDone <= 0 ? Double.NaN : elapsed * (totalCost - costDone) / costDone;
            return new Status(done, running, failed, toRun, eta);
        }
    }
}
