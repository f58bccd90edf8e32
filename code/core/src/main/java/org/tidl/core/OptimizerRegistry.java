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
                pluginFolders));
    }

    public static OptimizerRegistry builtIn() {
        return load(List.of());
    }

    public PluginCatalog<OptimizerProvider> catalog() {
        return catalog;
    }

    /**
     * Resolves a spec such as {@code dsgd:momentum=0.9}; {@code overrides} (e.g. lr from a command's list)
     * replace the spec's values. Creating a run is checked here once, so a plugin that rejects its
     * parameters or throws fails with one line before any work starts.
     */
    public Optimizer resolve(String text, Map<String, String> overrides) {
        PluginSpec spec = PluginSpec.parse("optimizer", text);
        ProviderEntry<OptimizerProvider> e = catalog.find(spec.name());
        if (e == null) {
            List<String> names = catalog.entries().stream().map(ProviderEntry::name).toList();
            throw new InvalidInputException("unknown optimizer '" + spec.name() + "' (valid: " + String.join(", ", names) + ")");
        }
        Map<String, String> given = new LinkedHashMap<>(spec.values());
        given.putAll(overrides);
        Parameters params;
        try {
            params = Parameters.resolve(e.provider().parameters(), given);
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

        public DecentralizedOptimizer newRun() {
            String where = "optimizer '" + spec.text() + "'"
                    + ("built-in".equals(provider.origin()) ? "" : " (" + provider.where() + ")");
            DecentralizedOptimizer d;
            try {
                d = provider.provider().create(parameters);
            } catch (IllegalArgumentException ex) {
                throw new InvalidInputException(where + ": " + oneLine(ex.getMessage()));
            } catch (OutOfMemoryError ex) {
                throw ex;
            } catch (Throwable ex) {
                throw new InvalidInputException(where + " failed: " + oneLine(ex.toString()));
            }
            if (d == null) {
                throw new InvalidInputException(where + " returned no optimizer");
            }
            return d;
        }
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }
}
