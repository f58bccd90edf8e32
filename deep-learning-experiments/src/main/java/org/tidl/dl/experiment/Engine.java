package org.tidl.dl.experiment;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.tidl.core.OptimizerRegistry;
import org.tidl.core.TopologyRegistry;

/**
 * Computes cells of a grid for a {@link Sweep}, which owns the results folder. The local engine is the
 * {@link Trainer} (cells one after another in this JVM); others (the Spark module's) are found by
 * {@link Provider} with {@link java.util.ServiceLoader}, so the local path never loads them.
 */
public interface Engine extends AutoCloseable {

    /** Checks every cell's topology and optimizer before any work (one-line errors). */
    void validate(List<Experiment.Cell> cells);

    /** The environment the cells will be computed in: recorded beside the results, a resume must match it. */
    RunEnvironment environment();

    /**
     * Computes the cells (given in index order; an engine may reorder them) and reports each one as it ends, on
     * the calling thread.
     *
     * @param expected what every computing JVM must match (checked entries)
     */
    void run(List<Experiment.Cell> cells, RunEnvironment expected, Reporter reporter);

    @Override
    default void close() {
    }

    /** What an engine tells the driver. */
    interface Reporter {
        /** Training steps done (engines that can see them). */
        void advanced(int steps);

        /** Cells now being computed. */
        void running(int cells);

        void finished(CellResult result);

        /** A cell that failed every attempt: recorded as failed, the sweep goes on. */
        void failed(Experiment.Cell cell, String error, double wallSeconds);
    }

    /** An engine found on the class path by name ({@code --engine NAME}). */
    interface Provider {
        String name();

        Engine create(Settings settings);
    }

    /**
     * What an engine needs to compute cells elsewhere.
     *
     * @param pluginFolders   the driver's plugin folders (their jars are shipped to executors)
     * @param dataDir         the data folder on the driver (its files are shipped unless executorDataDir is set)
     * @param executorDataDir the data folder as executors see it (a shared path), or null
     * @param master          the cluster to run on, or null (the engine's default)
     * @param conf            engine settings (e.g. Spark's key=value settings)
     */
    record Settings(Experiment experiment, TopologyRegistry topologies, OptimizerRegistry optimizers,
                    List<Path> pluginFolders, Path dataDir, String executorDataDir, String master,
                    Map<String, String> conf) {
    }
}
