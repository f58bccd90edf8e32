package org.tidl.core.run;

import java.util.function.LongToDoubleFunction;
import org.tidl.api.DecentralizedOptimizer;
import org.tidl.api.GossipScheme;
import org.tidl.api.GradientOracle;
import org.tidl.api.StepContext;
import org.tidl.api.WorkerMatrix;

/**
 * The one step loop of a decentralized run: oracle × gossip scheme × optimizer, with observers that look at
 * the iterate after every step and may stop the run. Every step loop runs through it: the quadratic simulator
 * ({@code QuadraticRun}), the reproduction studies, the deep-learning trainer (a learning-rate schedule, a start
 * step after a checkpoint, evaluation and divergence checks as an observer that stops) and the benchmarks (no
 * observer).
 *
 * <p>Step t calls {@code optimizer.step(StepContext(t, schedule(t), scheme, oracle, losses), x)}; the losses
 * array (one entry per worker, the last minibatch loss) is the runner's and is handed to the observers.
 */
public final class StepRunner {

    /** Looks at the run after each step. */
    @FunctionalInterface
    public interface Observer {
        /**
         * @param step   the step just taken (t = from, from + 1, ...)
         * @param x      the iterate after it (read it, do not change it)
         * @param losses each worker's minibatch loss at that step
         * @return true to go on, false to stop the run after this step
         */
        boolean afterStep(long step, WorkerMatrix x, double[] losses);

        /** Every observer in turn (all of them see each step); the run stops when any says stop. */
        static Observer all(Observer... observers) {
            Observer[] copy = observers.clone();
            return (t, x, losses) -> {
                boolean go = true;
                for (Observer o : copy) {
                    go &= o.afterStep(t, x, losses);
                }
                return go;
            };
        }
    }

    /** What a run did: the steps taken, and whether an observer stopped it before the budget ran out. */
    public record Outcome(long stepsDone, boolean stopped) { }

    /** No observer: run the whole budget. */
    public static final Observer NONE = (t, x, losses) -> true;

    private final GossipScheme scheme;
    private final GradientOracle oracle;
    private final LongToDoubleFunction schedule;

    private StepRunner(GossipScheme scheme, GradientOracle oracle, LongToDoubleFunction schedule) {
        this.scheme = scheme;
        this.oracle = oracle;
        this.schedule = schedule;
    }

    /** A constant learning rate (schedule factor 1 at every step). */
    public static StepRunner of(GossipScheme scheme, GradientOracle oracle) {
        return new StepRunner(scheme, oracle, t -> 1.0);
    }

    /** The same runner with a learning-rate schedule: factor {@code schedule(t)} on the optimizer's rate at step t. */
    public StepRunner withSchedule(LongToDoubleFunction schedule) {
        return new StepRunner(scheme, oracle, schedule);
    }

    /** Steps t = 0 … steps − 1 (or until the observer stops the run). */
    public Outcome run(DecentralizedOptimizer optimizer, WorkerMatrix x, long steps, Observer observer) {
        return run(optimizer, x, 0, steps, observer);
    }

    /**
     * Steps t = from … from + steps − 1 (a run that goes on from a checkpoint keeps the gossip schedule's step
     * numbers), or until the observer stops it.
     */
    public Outcome run(DecentralizedOptimizer optimizer, WorkerMatrix x, long from, long steps, Observer observer) {
        double[] losses = new double[x.rows()];
        for (long k = 0; k < steps; k++) {
            long t = from + k;
            optimizer.step(new StepContext(t, schedule.applyAsDouble(t), scheme, oracle, losses), x);
            if (!observer.afterStep(t, x, losses)) {
                return new Outcome(k + 1, true);
            }
        }
        return new Outcome(steps, false);
    }
}
