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
                    runs.add(QuadraticRun.simulate(c.scheme(), c.optimizer().newRun(), c.dim(), c.batch(), c.steps(),
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
