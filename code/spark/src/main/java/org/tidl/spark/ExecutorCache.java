package org.tidl.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.List;
import org.apache.spark.SparkFiles;
import org.tidl.core.OptimizerRegistry;
import org.tidl.core.TopologyRegistry;
import org.tidl.dl.data.Images;
import org.tidl.dl.experiment.Experiment;
import org.tidl.dl.experiment.Trainer;

/**
 * An executor JVM's state across the tasks of a sweep: the data (loaded once), the plugins, and idle
 * {@link Trainer}s (networks and evaluator already allocated). A trainer serves one task at a time; with
 * {@code spark.task.cpus} = executor cores there is one per executor, in local[K] mode up to K.
 */
final class ExecutorCache {

    private static String key;
    private static Experiment experiment;
    private static TopologyRegistry topologies;
    private static OptimizerRegistry optimizers;
    private static Images[] data;
    private static final ArrayDeque<Trainer> IDLE = new ArrayDeque<>();

    private ExecutorCache() {
    }

    /** A trainer for the job's sweep, and the sweep's experiment; give it back with {@link #giveBack}. */
    static synchronized Lease borrow(CellJob job) {
        if (!job.key().equals(key)) {
            IDLE.clear();
            key = null;
            experiment = Experiment.parse(job.experiment(), "the driver's experiment", List.of());
            Path plugins = plugins(job.pluginJars());
            List<Path> folders = plugins == null ? List.of() : List.of(plugins);
            topologies = TopologyRegistry.load(folders);
            optimizers = OptimizerRegistry.load(folders);
            String dir = job.executorDataDir() != null ? job.executorDataDir() : SparkFiles.getRootDirectory();
            data = Trainer.load(experiment, dir);
            key = job.key();
        }
        Trainer t = IDLE.poll();
        if (t == null) {
            t = new Trainer(experiment, topologies, optimizers, data[0], data[1]);
        }
        return new Lease(t, experiment, key);
    }

    /** Returns a trainer that finished its cell normally (one that threw is dropped: its state is unknown). */
    static synchronized void giveBack(Lease lease) {
        if (lease.key.equals(key)) {
            IDLE.push(lease.trainer);
        }
    }

    /** The shipped plugin jars in a folder of their own, in the driver's order (the first to claim a name keeps it). */
    private static Path plugins(List<String> jars) {
        if (jars.isEmpty()) {
            return null;
        }
        try {
            Path dir = Files.createTempDirectory("tidl-plugins");
            dir.toFile().deleteOnExit();
            for (int i = 0; i < jars.size(); i++) {
                Path copy = dir.resolve(String.format(java.util.Locale.ROOT, "%03d-%s", i, jars.get(i)));
                Files.copy(Path.of(SparkFiles.get(jars.get(i))), copy, StandardCopyOption.REPLACE_EXISTING);
                copy.toFile().deleteOnExit();
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the plugin jars: " + e.getMessage(), e);
        }
    }

    record Lease(Trainer trainer, Experiment experiment, String key) { }
}
