package org.tidl.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.tidl.core.OptimizerRegistry;
import org.tidl.core.TopologyRegistry;
import org.tidl.core.plugin.PluginFolders;
import org.tidl.dl.DlExtensions;

/** What a command needs from its surroundings: streams, environment, and the plugins (loaded on first use). */
final class Context {

    final PrintStream out;
    final PrintStream err;
    private final String pluginsOption;
    private final String pluginsEnv;
    private TopologyRegistry topologies;
    private OptimizerRegistry optimizers;
    private DlExtensions dl;
    /** Warnings already shown: a jar that is not a zip is reported by every catalog, shown once. */
    private final java.util.Set<String> warned = new java.util.HashSet<>();

    Context(PrintStream out, PrintStream err, String pluginsOption, String pluginsEnv) {
        this.out = out;
        this.err = err;
        this.pluginsOption = pluginsOption;
        this.pluginsEnv = pluginsEnv;
    }

    List<Path> pluginFolders() {
        return PluginFolders.resolve(pluginsOption, pluginsEnv);
    }

    /** Topologies, with a one-line warning on stderr for each plugin that was skipped. */
    TopologyRegistry topologies() {
        if (topologies == null) {
            topologies = TopologyRegistry.load(pluginFolders());
            warn(topologies.catalog().warnings());
        }
        return topologies;
    }

    /** Optimizers, with a one-line warning on stderr for each plugin that was skipped. */
    OptimizerRegistry optimizers() {
        if (optimizers == null) {
            optimizers = OptimizerRegistry.load(pluginFolders());
            warn(optimizers.catalog().warnings());
        }
        return optimizers;
    }

    /** Data sets, models and learning-rate schedules, with a one-line warning on stderr for each plugin skipped. */
    DlExtensions dl() {
        if (dl == null) {
            dl = DlExtensions.load(pluginFolders());
            warn(dl.warnings());
        }
        return dl;
    }

    private void warn(List<String> warnings) {
        for (String w : warnings) {
            if (warned.add(w)) {
                err.println("tidl: warning: " + w);
            }
        }
    }
}
