package org.tidl.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.tidl.api.ConvolutionSpectrum;
import org.tidl.api.GossipMatrix;
import org.tidl.api.GossipScheme;
import org.tidl.api.Parameters;
import org.tidl.api.SpectralSymbol;
import org.tidl.api.TopologyProvider;
import org.tidl.core.plugin.PluginCatalog;
import org.tidl.core.plugin.ProviderEntry;

/**
 * All topologies (built-in and plugins) and the one way to turn a spec into a validated scheme.
 */
public final class TopologyRegistry {

    private final PluginCatalog<TopologyProvider> catalog;

    public TopologyRegistry(PluginCatalog<TopologyProvider> catalog) {
        this.catalog = catalog;
    }

    public static TopologyRegistry load(List<Path> pluginFolders) {
        return new TopologyRegistry(PluginCatalog.load(TopologyProvider.class, "topology", TopologyProvider::name,
                TopologyProvider::description, TopologyProvider::parameters, pluginFolders));
    }

    /** Built-ins only (tests, and code that must not see plugins). */
    public static TopologyRegistry builtIn() {
        return load(List.of());
    }

    public PluginCatalog<TopologyProvider> catalog() {
        return catalog;
    }

    /** The provider of a spec's name; the error lists the valid names. */
    public ProviderEntry<TopologyProvider> provider(PluginSpec spec) {
        ProviderEntry<TopologyProvider> e = catalog.find(spec.name());
        if (e == null) {
            List<String> names = catalog.entries().stream().map(ProviderEntry::name).toList();
            throw new InvalidInputException(unknown("topology", spec.name(), names));
        }
        return e;
    }

    /** "unknown topology 'rign' (did you mean 'ring'? valid: ring, star, ...)": shared with the optimizers. */
    static String unknown(String kind, String given, List<String> names) {
        String hint = Suggestions.didYouMean(given, names);
        return "unknown " + kind + " " + Messages.quote(given) + " (" + (hint.isEmpty() ? "" : hint + " ")
                + "valid: " + String.join(", ", names) + ")";
    }

    /**
     * A spec's keys that its provider does not declare, refused with the close names ("unknown parameter 'row'
     * (did you mean 'rows'? allowed: rows, cols)"); {@link Parameters#resolve} would say the same without the hint.
     */
    static void checkKeys(String what, PluginSpec spec, List<org.tidl.api.Parameter> declared) {
        List<String> names = declared.stream().map(org.tidl.api.Parameter::name).toList();
        for (String key : spec.values().keySet()) {
            if (!names.contains(key)) {
                String hint = Suggestions.didYouMean(key, names);
                throw new InvalidInputException(what + ": unknown parameter " + Messages.quote(key) + " ("
                        + (hint.isEmpty() ? "" : hint + " ") + "allowed: " + (names.isEmpty() ? "none" : String.join(", ", names)) + ")");
            }
        }
    }

    public Parameters parameters(PluginSpec spec, ProviderEntry<TopologyProvider> e) {
        checkKeys("topology '" + spec.text() + "'", spec, e.parameters());
        try {
            return Parameters.resolve(e.parameters(), spec.values());
        } catch (IllegalArgumentException ex) {
            throw new InvalidInputException("topology '" + spec.text() + "': " + ex.getMessage());
        }
    }

    public Topology build(String spec, int workers) {
        return build(PluginSpec.parse(spec), workers);
    }

    /**
     * Builds the scheme and checks every matrix of its period (a non-periodic scheme is checked as each W(t)
     * is used).
     */
    public Topology build(PluginSpec spec, int workers) {
        if (workers < 1) {
            throw new InvalidInputException("--workers must be >= 1, got " + workers);
        }
        ProviderEntry<TopologyProvider> e = provider(spec);
        Parameters params = parameters(spec, e);
        GossipScheme raw;
        try {
            raw = e.provider().create(workers, params);
        } catch (IllegalArgumentException ex) {
            // the SPI's way to say "cannot take these workers or parameters": the user's to fix
            throw new InvalidInputException("topology '" + spec.text() + "'"
                    + (e.builtIn() ? "" : " (" + e.where() + ")") + ": " + ex.getMessage(), ex);
        } catch (Throwable ex) {
            throw e.failure("create()", ex);
        }
        String where = "topology '" + spec.text() + "'" + (e.builtIn() ? "" : " (" + e.where() + ")");
        if (raw == null) {
            throw new InvalidInputException(where + " returned no scheme");
        }
        GossipScheme made = raw;
        int size = e.call("size()", made::size);
        if (size != workers) {
            throw new InvalidInputException(where + " has " + size + " workers, expected " + workers);
        }
        int period = e.call("period()", made::period);
        if (period < 0) {
            throw new InvalidInputException(where + " has a negative period " + period);
        }
        GossipScheme checked = period == GossipScheme.APERIODIC ? checkedOnUse(raw, where) : checkedNow(raw, where, e);
        return new Topology(spec, e, params, checked);
    }

    /** The infinite graph of a spec ({@code --workers inf}). */
    public SpectralSymbol infinite(PluginSpec spec) {
        ProviderEntry<TopologyProvider> e = provider(spec);
        Parameters params = parameters(spec, e);
        Optional<SpectralSymbol> s = e.call("infinite()", () -> e.provider().infinite(params));
        if (s == null || s.isEmpty()) {
            List<String> able = catalog.entries().stream().filter(TopologyRegistry::hasInfinite)
                    .map(ProviderEntry::name).toList();
            throw new InvalidInputException("--workers inf: topology '" + spec.name() + "' has no infinite version (available for: "
                    + String.join(", ", able) + ")");
        }
        return e.builtIn() ? s.get() : guarded(s.get(), e);
    }

    private static boolean hasInfinite(ProviderEntry<TopologyProvider> x) {
        try {
            Optional<SpectralSymbol> s = x.provider().infinite(Parameters.resolve(x.parameters(), java.util.Map.of()));
            return s != null && s.isPresent();
        } catch (Throwable ex) {
            return false; // needs parameters (or is broken): not listed
        }
    }

    /** A plugin's symbol whose failures name the plugin (the theory calls it many times, so no lambdas). */
    private static SpectralSymbol guarded(SpectralSymbol s, ProviderEntry<TopologyProvider> e) {
        return new SpectralSymbol() {
            @Override
            public int dimension() {
                try {
                    return s.dimension();
                } catch (Throwable ex) {
                    throw e.failure("infinite().dimension()", ex);
                }
            }

            @Override
            public double eigenvalue(double[] theta) {
                try {
                    return s.eigenvalue(theta);
                } catch (Throwable ex) {
                    throw e.failure("infinite().eigenvalue()", ex);
                }
            }
        };
    }

    private static GossipScheme checkedNow(GossipScheme raw, String where, ProviderEntry<TopologyProvider> e) {
        GossipMatrix[] ws = new GossipMatrix[raw.period()];
        for (int t = 0; t < ws.length; t++) {
            ws[t] = fetch(raw, t, where);
        }
        GossipScheme checked = GossipScheme.periodic(List.of(ws));
        if (raw instanceof ConvolutionSpectrum spectrum) {
            // The spectrum interface must stay visible to the theory; matrices are already checked.
            return e.builtIn() ? raw : new GuardedSpectrum(checked, spectrum, e);
        }
        return checked;
    }

    /** A plugin's checked scheme whose eigenvalues (called by the theory) name the plugin when they fail. */
    private record GuardedSpectrum(GossipScheme checked, ConvolutionSpectrum spectrum, ProviderEntry<TopologyProvider> e)
            implements GossipScheme, ConvolutionSpectrum {
        @Override public int size() { return checked.size(); }
        @Override public int period() { return checked.period(); }
        @Override public GossipMatrix matrix(long t) { return checked.matrix(t); }

        @Override
        public void eigenvalues(long t, double[] re, double[] im) {
            try {
                spectrum.eigenvalues(t, re, im);
            } catch (Throwable ex) {
                throw e.failure("eigenvalues()", ex);
            }
        }
    }

    private static GossipScheme checkedOnUse(GossipScheme raw, String where) {
        return GossipScheme.of(raw.size(), GossipScheme.APERIODIC, t -> fetch(raw, t, where));
    }

    private static GossipMatrix fetch(GossipScheme raw, long t, String where) {
        GossipMatrix w;
        try {
            w = raw.matrix(t);
        } catch (InvalidInputException ex) {
            throw ex;
        } catch (Throwable ex) {
            if (Messages.isOutOfMemory(ex)) {
                throw ex;
            }
            throw new InvalidInputException(where + ": W(" + t + ") failed: " + ex, ex);
        }
        String problem = SchemeValidator.problem(w, raw.size());
        if (problem != null) {
            throw new InvalidInputException(where + ": W(" + t + ") " + problem);
        }
        return w;
    }

}
