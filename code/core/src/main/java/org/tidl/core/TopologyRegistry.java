package org.tidl.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.tidl.api.ConvolutionSpectrum;
import org.tidl.api.GossipMatrix;
import org.tidl.api.GossipScheme;
import org.tidl.api.Parameters;
import org.tidl.api.SpectralSymbol;
import org.tidl.api.SymmetricSpectrum;
import org.tidl.api.TopologyProvider;
import org.tidl.api.TopologyResolver;
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
                TopologyProvider::description, TopologyProvider::parameters, TopologyProvider::apiVersion, pluginFolders));
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
            throw new InvalidInputException(unknown(catalog, spec.name()));
        }
        return e;
    }

    /**
     * "unknown topology 'rign' (did you mean 'ring'? valid: ring, star, ...)", or why a plugin of that name was
     * skipped (built against another plugin API): shared with the optimizers.
     */
    static String unknown(PluginCatalog<?> catalog, String given) {
        String refusal = catalog.refusal(given);
        if (refusal != null) {
            return catalog.kind() + " " + Messages.quote(given) + " is not available: " + refusal;
        }
        List<String> names = catalog.entries().stream().map(ProviderEntry::name).toList();
        String hint = Suggestions.didYouMean(given, names);
        String nested = given.matches("[0-9.eE+-]+")
                ? "; inside a list of specs a list value goes in brackets, e.g. [circulant:offsets=[1,8],ring]" : "";
        return "unknown " + catalog.kind() + " " + Messages.quote(given) + " (" + (hint.isEmpty() ? "" : hint + " ")
                + "valid: " + String.join(", ", names) + nested + ")";
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
                // "matcha:base=torus:rows=4,cols=8": the nested spec's own keys land in its parent
                boolean nestedSpec = key.contains(":") || key.contains("[")
                        || spec.values().values().stream().anyMatch(v -> v.contains(":") && v.contains("="));
                String nested = nestedSpec
                        ? "; a nested spec with parameters goes in brackets, e.g. base=[torus:rows=4,cols=8]" : "";
                throw new InvalidInputException(what + ": unknown parameter " + Messages.quote(key) + " ("
                        + (hint.isEmpty() ? "" : hint + " ") + "allowed: " + (names.isEmpty() ? "none" : String.join(", ", names))
                        + nested + ")");
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

    /** Nesting deeper than this is refused (a composite that contains itself would recurse forever). */
    static final int MAX_NESTING = 32;

    /**
     * The resolver handed to the provider of {@code outer}, built at nesting {@code depth}: nested specs are built
     * one level deeper. Their errors name the top-level spec once ("topology 'cycle:of=[ring,whel]': unknown
     * topology 'whel' ..."), not every level in between.
     */
    private TopologyResolver resolver(PluginSpec outer, int depth) {
        return new TopologyResolver() {
            @Override
            public GossipScheme scheme(String spec, int workers) {
                try {
                    if (depth >= MAX_NESTING) {
                        throw new InvalidInputException("nested more than " + MAX_NESTING
                                + " levels deep (does a composite topology contain itself?)");
                    }
                    return build(PluginSpec.parse(PluginSpec.legacyNested(spec == null ? "" : spec.trim())), workers,
                            depth + 1).scheme();
                } catch (InvalidInputException ex) {
                    throw inOuter(ex);
                }
            }

            private InvalidInputException inOuter(InvalidInputException ex) {
                return depth > 0 ? ex : new InvalidInputException("topology '" + outer.text() + "': " + ex.getMessage(), ex);
            }

            @Override
            public List<GossipScheme> schemes(String specs, int workers) {
                List<GossipScheme> out = new java.util.ArrayList<>();
                List<String> list;
                try {
                    list = PluginSpec.list("topology", specs);
                } catch (InvalidInputException ex) {
                    throw inOuter(ex);
                }
                for (String spec : list) {
                    out.add(scheme(spec, workers));
                }
                return List.copyOf(out);
            }
        };
    }

    /**
     * Builds the scheme and checks every matrix of its period. A non-periodic scheme is checked as each W(t) is
     * used; a scheme with a declared spectrum ({@link ConvolutionSpectrum}, {@link SymmetricSpectrum}) has its
     * spectrum checked (at build, or as each is produced) and each W(t) when first used, because the theory needs
     * only the spectrum.
     */
    public Topology build(PluginSpec spec, int workers) {
        return build(spec, workers, 0);
    }

    private Topology build(PluginSpec spec, int workers, int depth) {
        if (workers < 1) {
            throw InvalidInputException.of("workers", "must be >= 1, got " + workers);
        }
        ProviderEntry<TopologyProvider> e = provider(spec);
        Parameters params = parameters(spec, e);
        GossipScheme raw;
        try {
            raw = e.provider().create(workers, params, resolver(spec, depth));
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

    /**
     * Independent redraws of a random (non-periodic) topology, for Monte-Carlo estimates over graph sequences:
     * draw g is the topology built with its integer parameter {@code seed} set to a seed derived from
     * ({@code root}, "graph-sequence", g, the spec's own seed). Empty when the scheme is periodic (nothing random
     * to redraw) or the provider declares no integer {@code seed} parameter (it cannot be redrawn).
     */
    public Optional<java.util.function.IntFunction<GossipScheme>> redraws(Topology t, long root) {
        if (t.scheme().period() != GossipScheme.APERIODIC) {
            return Optional.empty();
        }
        Optional<org.tidl.api.Parameter> seed = t.provider().provider().parameters().stream()
                .filter(p -> p.name().equals("seed") && p.type() == org.tidl.api.ParameterType.INTEGER).findFirst();
        if (seed.isEmpty()) {
            return Optional.empty();
        }
        double lower = Double.isNaN(seed.get().lower()) ? 0 : Math.max(seed.get().lower(), Integer.MIN_VALUE);
        double upper = Double.isNaN(seed.get().upper()) ? Integer.MAX_VALUE : Math.min(seed.get().upper(), Integer.MAX_VALUE);
        long span = (long) upper - (long) lower + 1;
        long own = t.parameters().has("seed") ? Long.parseLong(t.parameters().text("seed")) : 0;
        int workers = t.workers();
        return Optional.of(g -> {
            long derived = (long) lower + Long.remainderUnsigned(org.tidl.api.Seeds.derive(root, "graph-sequence", g, own),
                    Math.max(span, 1));
            java.util.Map<String, String> values = new java.util.LinkedHashMap<>(t.spec().values());
            values.put("seed", Long.toString(derived));
            return build(new PluginSpec(t.spec().text(), t.spec().name(), values), workers).scheme();
        });
    }

    /** The infinite graph of a spec ({@code --workers inf}). */
    public SpectralSymbol infinite(PluginSpec spec) {
        ProviderEntry<TopologyProvider> e = provider(spec);
        Parameters params = parameters(spec, e);
        Optional<SpectralSymbol> s = e.call("infinite()", () -> e.provider().infinite(params));
        if (s == null || s.isEmpty()) {
            List<String> able = catalog.entries().stream().filter(TopologyRegistry::hasInfinite)
                    .map(ProviderEntry::name).toList();
            throw InvalidInputException.of("workers", "inf: topology '" + spec.name() + "' has no infinite version (available for: "
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
        if (raw instanceof ConvolutionSpectrum cs) {
            // the theory uses only the spectrum (2^20 workers × a 20-step period is 40 M entries of W it need not
            // build): check each W(t) when it is first used, and every spectrum as it is produced
            return new CheckedConvolution(raw, cs, where, e);
        }
        if (raw instanceof SymmetricSpectrum ss && raw.period() == 1) {
            e.run("spectrum", () -> checkSpectrum(ss, raw.size(), where));
            return new CheckedSymmetric(raw, ss, where);
        }
        GossipMatrix[] ws = new GossipMatrix[raw.period()];
        for (int t = 0; t < ws.length; t++) {
            ws[t] = fetch(raw, t, where);
        }
        return GossipScheme.periodic(List.of(ws));
    }

    /** Tolerance on eigenvalues of a declared spectrum: |λ| ≤ 1 + tol, and 1 among them. */
    private static final double SPECTRUM_TOLERANCE = 1e-9;

    private static void checkSpectrum(SymmetricSpectrum ss, int n, String where) {
        long total = 0;
        double top = Double.NEGATIVE_INFINITY;
        for (int g = 0; g < ss.groups(); g++) {
            double v = ss.eigenvalue(g);
            long m = ss.multiplicity(g);
            if (m < 0 || !Double.isFinite(v) || Math.abs(v) > 1 + SPECTRUM_TOLERANCE) {
                throw new InvalidInputException(where + ": declared eigenvalue " + v + " (multiplicity " + m
                        + ") is not in [-1, 1]");
            }
            total += m;
            if (m > 0) {
                top = Math.max(top, v);
            }
        }
        if (total != n || Math.abs(top - 1) > SPECTRUM_TOLERANCE) {
            throw new InvalidInputException(where + ": declared spectrum has multiplicities adding up to " + total
                    + " (expected " + n + ") and largest eigenvalue " + top + " (expected 1)");
        }
    }

    /** A convolution scheme whose matrices are validated on first use and whose spectra as they are produced. */
    private static final class CheckedConvolution implements GossipScheme, ConvolutionSpectrum {
        private final GossipScheme raw;
        private final ConvolutionSpectrum spectrum;
        private final String where;
        private final ProviderEntry<TopologyProvider> entry;
        private final java.util.concurrent.atomic.AtomicReferenceArray<GossipMatrix> checked;

        CheckedConvolution(GossipScheme raw, ConvolutionSpectrum spectrum, String where, ProviderEntry<TopologyProvider> e) {
            this.entry = e;
            this.raw = raw;
            this.spectrum = spectrum;
            this.where = where;
            this.checked = new java.util.concurrent.atomic.AtomicReferenceArray<>(Math.max(raw.period(), 1));
        }

        @Override public int size() { return raw.size(); }

        @Override public int period() { return raw.period(); }

        @Override
        public GossipMatrix matrix(long t) {
            int s = (int) Math.floorMod(t, (long) checked.length());
            GossipMatrix w = checked.get(s);
            if (w == null) {
                w = fetch(raw, s, where);
                checked.compareAndSet(s, null, w);
            }
            return w;
        }

        @Override
        public void eigenvalues(long t, double[] re, double[] im) {
            try {
                spectrum.eigenvalues(t, re, im);
            } catch (Throwable e) {
                if (!entry.builtIn()) {
                    throw entry.failure("eigenvalues()", e);
                }
                throw new InvalidInputException(where + ": eigenvalues of W(" + t + ") failed: " + e, e);
            }
            int n = raw.size();
            boolean one = false;
            double bound = (1 + SPECTRUM_TOLERANCE) * (1 + SPECTRUM_TOLERANCE);
            for (int k = 0; k < n; k++) {
                double m = re[k] * re[k] + im[k] * im[k];
                if (!(m <= bound)) {
                    throw new InvalidInputException(where + ": eigenvalue " + k + " of W(" + t + ") is " + re[k]
                            + (im[k] >= 0 ? "+" : "") + im[k] + "i, outside the unit disc (W must be stochastic)");
                }
                one |= Math.abs(re[k] - 1) <= SPECTRUM_TOLERANCE && Math.abs(im[k]) <= SPECTRUM_TOLERANCE;
            }
            if (!one) {
                throw new InvalidInputException(where + ": W(" + t + ") has no eigenvalue 1 (its rows must sum to 1)");
            }
        }
    }

    /** A static scheme with a declared symmetric spectrum (checked at build); W is validated on first use. */
    private static final class CheckedSymmetric implements GossipScheme, SymmetricSpectrum {
        private final GossipScheme raw;
        private final SymmetricSpectrum spectrum;
        private final String where;
        private volatile GossipMatrix checked;

        CheckedSymmetric(GossipScheme raw, SymmetricSpectrum spectrum, String where) {
            this.raw = raw;
            this.spectrum = spectrum;
            this.where = where;
        }

        @Override public int size() { return raw.size(); }

        @Override public int period() { return 1; }

        @Override
        public GossipMatrix matrix(long t) {
            GossipMatrix w = checked;
            if (w == null) {
                w = fetch(raw, 0, where);
                checked = w;
            }
            return w;
        }

        @Override public int groups() { return spectrum.groups(); }

        @Override public double eigenvalue(int group) { return spectrum.eigenvalue(group); }

        @Override public long multiplicity(int group) { return spectrum.multiplicity(group); }

        @Override
        public void weights(int worker, double[] out) {
            spectrum.weights(worker, out);
            double sum = 0;
            for (int g = 0; g < spectrum.groups(); g++) {
                sum += out[g];
            }
            if (!(Math.abs(sum - 1) <= SPECTRUM_TOLERANCE * spectrum.groups())) {
                throw new InvalidInputException(where + ": worker " + worker + "'s spectral weights add up to " + sum
                        + " (must be 1)");
            }
        }

        @Override public int[] distinctWorkers() { return spectrum.distinctWorkers(); }
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
