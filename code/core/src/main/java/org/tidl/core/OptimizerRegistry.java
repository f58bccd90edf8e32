package org.tidl.core;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tidl.api.DecentralizedOptimizer;
import org.tidl.api.GossipScheme;
import org.tidl.api.OptimizerConfig;
import org.tidl.api.OptimizerProvider;
import org.tidl.api.Parameters;
import org.tidl.api.RunContext;
import org.tidl.api.SchemeInfo;
import org.tidl.api.StateSize;
import org.tidl.api.WorkerMatrix;
import org.tidl.core.plugin.PluginCatalog;
import org.tidl.core.plugin.ProviderEntry;
import org.tidl.core.theory.SpectralGap;

/** All decentralized optimizers (built-in and plugins), and the one way to turn a spec into one and start its runs. */
public final class OptimizerRegistry {

    private final PluginCatalog<OptimizerProvider> catalog;

    public OptimizerRegistry(PluginCatalog<OptimizerProvider> catalog) {
        this.catalog = catalog;
    }

    public static OptimizerRegistry load(List<Path> pluginFolders) {
        return new OptimizerRegistry(PluginCatalog.load(OptimizerProvider.class, "optimizer", OptimizerProvider::name,
                OptimizerProvider::description, OptimizerProvider::parameters, OptimizerProvider::apiVersion,
                pluginFolders));
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
     * results record, would claim a value that was not used). The provider configures it here, once, so a plugin
     * that rejects its parameters or throws fails with one line before any work starts.
     */
    public Optimizer resolve(String text, Map<String, String> overrides) {
        PluginSpec spec = PluginSpec.parse("optimizer", text);
        ProviderEntry<OptimizerProvider> e = catalog.find(spec.name());
        if (e == null) {
            throw new InvalidInputException(TopologyRegistry.unknown(catalog, spec.name()));
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
        String where = where(spec, e);
        OptimizerConfig config;
        try {
            config = e.provider().configure(params);
        } catch (IllegalArgumentException ex) {
            throw new InvalidInputException(where + ": " + ex.getMessage(), ex);
        } catch (Throwable ex) {
            throw e.failure("configure()", ex);
        }
        if (config == null) {
            throw new InvalidInputException(where + " returned no configuration from configure()");
        }
        Optimizer o = new Optimizer(spec, e, params, config);
        o.stateSize(1, 1); // fail early
        return o;
    }

    private static String where(PluginSpec spec, ProviderEntry<OptimizerProvider> e) {
        return "optimizer '" + spec.text() + "'" + (e.builtIn() ? "" : " (" + e.where() + ")");
    }

    /**
     * A resolved optimizer: its configuration, made once; {@link #start} begins each run with fresh state.
     *
     * @param config the provider's immutable configuration for these parameters
     */
    public record Optimizer(PluginSpec spec, ProviderEntry<OptimizerProvider> provider, Parameters parameters,
                            OptimizerConfig config) {

        public String name() {
            return provider.name();
        }

        /** The state a run keeps for n workers of P parameters, as the optimizer declares it (checked before runs). */
        public StateSize stateSize(int workers, long parameters) {
            StateSize s;
            try {
                s = config.stateSize(workers, parameters);
            } catch (Throwable ex) {
                throw provider.failure("stateSize()", ex);
            }
            if (s == null) {
                throw new InvalidInputException(where(spec, provider) + " returned no stateSize()");
            }
            return s;
        }

        /**
         * Starts a run on {@code x} (its shape and backend: the state matrices are made like it), with the gossip
         * scheme and the run's seed. The run may take at most the n × P matrices {@link #stateSize} declares, and only
         * while it starts. A plugin's run is wrapped so that an exception or Error in its {@code step()} names its
         * jar and class (see {@link ProviderEntry#call}).
         */
        public DecentralizedOptimizer start(WorkerMatrix x, GossipScheme scheme, long seed) {
            String where = where(spec, provider);
            StateSize declared = stateSize(x.rows(), x.columns());
            Context context = new Context(x, SchemeInfo.of(scheme, () -> SpectralGap.of(scheme)), seed,
                    declared.matrices());
            DecentralizedOptimizer d;
            try {
                d = config.start(context);
            } catch (IllegalArgumentException ex) {
                throw new InvalidInputException(where + ": " + ex.getMessage(), ex);
            } catch (Throwable ex) {
                throw provider.failure("start()", ex);
            } finally {
                context.started = true;
            }
            if (d == null) {
                throw new InvalidInputException(where + " returned no run from start()");
            }
            if (provider.builtIn()) {
                return d;
            }
            DecentralizedOptimizer plugin = d;
            return (c, at) -> {
                try {
                    plugin.step(c, at);
                } catch (Throwable ex) {
                    throw provider.failure("step() at step " + c.step(), ex);
                }
            };
        }
    }

    /** The harness's {@link RunContext}: counts the state matrices against the declaration, and only while starting. */
    private static final class Context implements RunContext {
        private final WorkerMatrix like;
        private final SchemeInfo scheme;
        private final long seed;
        private final int declared;
        private int taken;
        volatile boolean started;

        Context(WorkerMatrix like, SchemeInfo scheme, long seed, int declared) {
            this.like = like;
            this.scheme = scheme;
            this.seed = seed;
            this.declared = declared;
        }

        @Override public int workers() { return like.rows(); }
        @Override public long parameters() { return like.columns(); }
        @Override public long seed() { return seed; }
        @Override public SchemeInfo scheme() { return scheme; }

        @Override
        public WorkerMatrix newMatrix() {
            if (started) {
                throw new IllegalStateException("newMatrix() called after start() returned: allocate the run's state in start()");
            }
            if (taken == declared) {
                throw new IllegalStateException("start() took more n x P matrices than the " + declared
                        + " that stateSize() declares");
            }
            taken++;
            return like.zerosLike();
        }
    }
}
