package org.tidl.core.quadratic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.tidl.api.GossipScheme;
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

    /** Worker matrices a run holds at least (iterate, oracle gradient, gossip buffer, optimizer state). */
    static final int MATRICES_PER_RUN = 4;

    /**
     * Refuses, with the numbers, a sweep whose runs cannot fit: one worker matrix is a single array of
     * n·dim doubles, and {@code concurrent} runs hold at least {@value #MATRICES_PER_RUN} of them each.
     */
    public static void requireFits(int workers, int dim, int concurrent) {
        long values = (long) workers * dim;
        if (values > Integer.MAX_VALUE - 8) {
            throw new org.tidl.core.InvalidInputException("workers × dim = " + workers + " × " + dim + " = " + values
                    + " values, but one worker matrix holds at most " + (Integer.MAX_VALUE - 8)
                    + " (dim <= " + (Integer.MAX_VALUE - 8) / workers + " for " + workers + " workers)");
        }
        long bytes = 8L * values * MATRICES_PER_RUN * concurrent;
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > max) {
            throw new org.tidl.core.InvalidInputException(concurrent + " simultaneous runs of " + workers + " workers × dim "
                    + dim + " need at least " + MATRICES_PER_RUN + " × 8 bytes × " + values + " each = " + (bytes >> 20)
                    + " MiB; the Java heap allows " + (max >> 20) + " MiB (use fewer --threads, a smaller --dim or"
                    + " --workers, or raise TIDL_HEAP)");
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
