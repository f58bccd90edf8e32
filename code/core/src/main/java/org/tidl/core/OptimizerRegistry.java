package org.tidl.core;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tidl.api.DecentralizedOptimizer;
import org.tidl.api.OptimizerProvider;
import org.tidl.api.Parameters;
import org.tidl.core.plugin.PluginCatalog;
import org.tidl.core.plugin.ProviderEntry;

/** All decentralized optimizers (built-in and plugins), and the one way to turn a spec into one. */
public final class OptimizerRegistry {

    private final PluginCatalog<OptimizerProvider> catalog;

    public OptimizerRegistry(PluginCatalog<OptimizerProvider> catalog) {
        this.catalog = catalog;
    }

    public static OptimizerRegistry load(List<Path> pluginFolders) {
        return new OptimizerRegistry(PluginCatalog.load(OptimizerProvider.class, "optimizer", OptimizerProvider::name,
                OptimizerProvider::description, OptimizerProvider::parameters, pluginFolders));
    }

    public static OptimizerRegistry builtIn() {
        return load(List.of());
    }

    public PluginCatalog<OptimizerProvider> catalog() {
        return catalog;
    }

    /**
     * Resolves a spec such as {@code dsgd:momentum=0.9}; {@code overrides} (e.g. lr from a command's list) are
     * the caller's values, and a spec that sets one of them too is refused (otherwise the spec, which the
     * results record, would claim a value that was not used). Creating a run is checked here once, so a plugin
     * that rejects its parameters or throws fails with one line before any work starts.
     */
    public Optimizer resolve(String text, Map<String, String> overrides) {
        PluginSpec spec = PluginSpec.parse("optimizer", text);
        ProviderEntry<OptimizerProvider> e = catalog.find(spec.name());
        if (e == null) {
            List<String> names = catalog.entries().stream().map(ProviderEntry::name).toList();
            throw new InvalidInputException(TopologyRegistry.unknown("optimizer", spec.name(), names));
        }
        TopologyRegistry.checkKeys("optimizer '" + text + "'", spec, e.parameters());
        for (String key : overrides.keySet()) {
            if (spec.values().containsKey(key)) {
                throw InvalidInputException.mentioning("optimizer '" + text + "': do not set " + key + " in the spec; "
                        + ("lr".equals(key) ? "the learning rate comes from the learning-rate list ({lr}, or"
                        + " learning-rates in an experiment file)" : "it is set by the command"), "lr");
            }
        }
        Map<String, String> given = new LinkedHashMap<>(spec.values());
        given.putAll(overrides);
        Parameters params;
        try {
            params = Parameters.resolve(e.parameters(), given);
        } catch (IllegalArgumentException ex) {
            throw new InvalidInputException("optimizer '" + text + "': " + ex.getMessage());
        }
        Optimizer o = new Optimizer(spec, e, params);
        o.newRun(); // fail early
        return o;
    }

    /** A resolved optimizer: {@link #newRun()} gives fresh state for each run. */
    public record Optimizer(PluginSpec spec, ProviderEntry<OptimizerProvider> provider, Parameters parameters) {

        public String name() {
            return provider.name();
        }

        /**
         * A fresh optimizer; a plugin's is wrapped so that an exception or Error in its {@code step()} names its
         * jar and class (see {@link ProviderEntry#call}).
         */
        public DecentralizedOptimizer newRun() {
            String where = "optimizer '" + spec.text() + "'" + (provider.builtIn() ? "" : " (" + provider.where() + ")");
            DecentralizedOptimizer d;
            try {
                d = provider.provider().create(parameters);
            } catch (IllegalArgumentException ex) {
                throw new InvalidInputException(where + ": " + ex.getMessage(), ex);
            } catch (Throwable ex) {
                throw provider.failure("create()", ex);
            }
            if (d == null) {
                throw new InvalidInputException(where + " returned no optimizer");
            }
            if (provider.builtIn()) {
                return d;
            }
            DecentralizedOptimizer plugin = d;
            return (context, x) -> {
                try {
                    plugin.step(context, x);
                } catch (Throwable ex) {
                    throw provider.failure("step() at step " + context.step(), ex);
                }
            };
        }
    }
}
