package org.tidl.core.quadratic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.tidl.api.GossipScheme;
import org.tidl.api.StateSize;
import org.tidl.core.InsufficientMemoryException;
import org.tidl.core.OptimizerRegistry;

/**
 * Many simulation cells (topology × optimizer × learning rate), each over the same seeds, run in parallel on
 * all cores. Every run is seeded by (seed + s) alone, so the results do not depend on the thread count or on
 * the order cells finish in.
 */
public final class QuadraticSweep {

    /** One cell; the optimizer already carries its learning rate. */
    public record Cell(GossipScheme scheme, OptimizerRegistry.Optimizer optimizer, int dim, int batch, int steps,
                       double target) { }

    private QuadraticSweep() {
    }

    /**
     * Refuses, with the numbers, a sweep whose runs cannot fit, before any starts: one worker matrix is a single
     * array of n·dim doubles (at most {@code Integer.MAX_VALUE - 8}: exit 2), and {@code concurrent} runs each
     * hold the iterate and the state their optimizer declares ({@link org.tidl.api.OptimizerConfig#stateSize});
     * more than the Java heap is {@link InsufficientMemoryException} (exit 3), naming the setting to change.
     */
    public static void requireFits(List<Cell> cells, int concurrent) {
        for (Cell c : cells) {
            int workers = c.scheme().size();
            long values = (long) workers * c.dim();
            if (values > Integer.MAX_VALUE - 8) {
                throw new org.tidl.core.InvalidInputException("workers × dim = " + workers + " × " + c.dim() + " = "
                        + values + " values, but one worker matrix holds at most " + (Integer.MAX_VALUE - 8)
                        + " (dim <= " + (Integer.MAX_VALUE - 8) / workers + " for " + workers + " workers)");
            }
            StateSize state = c.optimizer().stateSize(workers, c.dim());
            double bytes = 8.0 * ((double) values + state.values(workers, c.dim())) * concurrent; // no overflow
            long max = Runtime.getRuntime().maxMemory();
            if (bytes > max) {
                throw new InsufficientMemoryException(concurrent + " simultaneous runs of " + workers + " workers × dim "
                        + c.dim() + " with optimizer '" + c.optimizer().spec().text() + "' (the iterate and the "
                        + state.matrices() + " matrices it declares) need at least " + (long) (bytes / (1 << 20))
                        + " MiB; the Java heap allows " + (max >> 20) + " MiB: raise TIDL_HEAP, or use fewer --threads,"
                        + " a smaller --dim or fewer --workers");
            }
        }
    }

    /**
     * @param progress called (from worker threads) with 1 after each finished cell; may be null
     */
    public static List<QuadraticSummary> run(List<Cell> cells, int seeds, long seed, int threads, IntConsumer progress) {
        QuadraticSummary[] out = new QuadraticSummary[cells.size()];
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads));
        try {
            pool.submit(() -> IntStream.range(0, cells.size()).parallel().forEach(k -> {
                Cell c = cells.get(k);
                List<QuadraticRun> runs = new ArrayList<>(seeds);
                for (int s = 0; s < seeds; s++) {
                    runs.add(QuadraticRun.simulate(c.scheme(), c.optimizer(), c.dim(), c.batch(), c.steps(),
                            c.target(), seed + s));
                }
                out[k] = QuadraticSummary.of(runs);
                if (progress != null) {
                    progress.accept(1);
                }
            })).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdown();
        }
        return List.of(out);
    }
}
