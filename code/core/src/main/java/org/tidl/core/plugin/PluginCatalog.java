package org.tidl.core.plugin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.tidl.api.Parameter;
import org.tidl.api.PluginApi;
import org.tidl.core.Messages;

/**
 * Providers of one service interface, found by {@link ServiceLoader} on the application class path
 * ("built-in") and in every jar of the plugin folders (one class loader per jar, parent = the application
 * loader, so plugins see the API but not each other). A jar lists its providers in
 * {@code META-INF/services/<interface>}, as for ServiceLoader.
 *
 * <p>Discovery never fails as a whole: a file that is not a jar, a provider class that cannot be loaded (built
 * for a newer Java, a dependency missing from the jar), cannot be instantiated, or whose name, description or
 * parameters throw, or whose name is taken, is skipped with a one-line warning naming its jar and class; the
 * rest stay usable. The description and parameters are read here once, so later calls never reach a plugin
 * that failed. A provider built against another plugin API than {@link PluginApi#VERSION} (its {@code apiVersion()};
 * a class compiled against API 1 has none) is skipped the same way, with the version it needs; its name is kept so
 * that asking for it says why it is missing.
 */
public final class PluginCatalog<T> {

    /**
     * Services of this project (org.tidl.api's, and the deep-learning ones of org.tidl.dl.spi): a jar with none
     * of them is reported as holding nothing to load.
     */
    static final String SERVICES = "META-INF/services/org.tidl.";

    private final String kind;
    private final Map<String, ProviderEntry<T>> byName;
    private final Map<String, String> refused;
    private final List<String> warnings;
    private final List<Path> jars;

    private PluginCatalog(String kind, Map<String, ProviderEntry<T>> byName, Map<String, String> refused,
                          List<String> warnings, List<Path> jars) {
        this.kind = kind;
        this.byName = Collections.unmodifiableMap(byName);
        this.refused = Collections.unmodifiableMap(refused);
        this.warnings = List.copyOf(warnings);
        this.jars = List.copyOf(jars);
    }

    /**
     * @param service      the SPI interface
     * @param kind         "topology" or "optimizer", for messages
     * @param nameOf       reads a provider's name (called inside the error guard)
     * @param describe     reads a provider's one-line description (inside the guard)
     * @param parametersOf reads a provider's declared parameters (inside the guard)
     * @param versionOf    reads the plugin API version a provider was built against ({@code apiVersion()})
     * @param folders      plugin folders (see {@link PluginFolders}); one that is not a folder is reported
     */
    public static <T> PluginCatalog<T> load(Class<T> service, String kind, Function<T, String> nameOf,
                                            Function<T, String> describe, Function<T, List<Parameter>> parametersOf,
                                            ToIntFunction<T> versionOf, List<Path> folders) {
        Loader<T> l = new Loader<>(service, kind, nameOf, describe, parametersOf, versionOf);
        ClassLoader app = PluginCatalog.class.getClassLoader();
        l.builtIns(app);
        List<Path> jars = jarsIn(folders, l.warnings);
        for (Path jar : jars) {
            l.jar(jar, app);
        }
        return new PluginCatalog<>(kind, l.byName, l.refused, l.warnings, jars);
    }

    /** One discovery pass. */
    private static final class Loader<T> {
        final Class<T> service;
        final String kind;
        final Function<T, String> nameOf;
        final Function<T, String> describe;
        final Function<T, List<Parameter>> parametersOf;
        final ToIntFunction<T> versionOf;
        final Map<String, ProviderEntry<T>> byName = new LinkedHashMap<>();
        final Map<String, String> refused = new LinkedHashMap<>();
        final List<String> warnings = new ArrayList<>();

        Loader(Class<T> service, String kind, Function<T, String> nameOf, Function<T, String> describe,
               Function<T, List<Parameter>> parametersOf, ToIntFunction<T> versionOf) {
            this.service = service;
            this.kind = kind;
            this.nameOf = nameOf;
            this.describe = describe;
            this.parametersOf = parametersOf;
            this.versionOf = versionOf;
        }

        /** The class path's providers, through ServiceLoader; a LinkageError skips one provider, not all. */
        void builtIns(ClassLoader app) {
            Iterator<ServiceLoader.Provider<T>> it = ServiceLoader.load(service, app).stream().iterator();
            int failures = 0;
            while (failures < 1000) { // a broken iterator that fails forever must not hang discovery
                ServiceLoader.Provider<T> p;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    p = it.next();
                } catch (ServiceConfigurationError | LinkageError e) {
                    failures++;
                    warnings.add("class path: skipped a " + kind + " provider: " + describe(e));
                    continue;
                }
                String className;
                T instance;
                try {
                    className = p.type().getName();
                    instance = p.get();
                } catch (Throwable e) {
                    warnings.add("class path: skipped a " + kind + " provider: " + describe(e));
                    continue;
                }
                register(instance, ProviderEntry.BUILT_IN, className);
            }
        }

        /** A plugin jar's providers; a file that is not a readable jar is skipped with a warning. */
        void jar(Path jar, ClassLoader app) {
            String origin = jar.getFileName().toString();
            List<String> classNames = new ArrayList<>();
            try (JarFile jf = new JarFile(jar.toFile())) {
                JarEntry services = jf.getJarEntry("META-INF/services/" + service.getName());
                if (services != null) {
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(jf.getInputStream(services),
                            StandardCharsets.UTF_8))) {
                        for (String line; (line = r.readLine()) != null; ) {
                            int hash = line.indexOf('#');
                            String cn = (hash >= 0 ? line.substring(0, hash) : line).strip();
                            if (!cn.isEmpty() && !classNames.contains(cn)) {
                                classNames.add(cn);
                            }
                        }
                    }
                } else if (jf.stream().noneMatch(e -> e.getName().startsWith(SERVICES))) {
                    warnings.add("plugin " + origin + ": holds no providers (no " + SERVICES
                            + "api.TopologyProvider, api.OptimizerProvider or dl.spi.* file), skipped");
                    return;
                }
            } catch (IOException | RuntimeException e) {
                warnings.add("plugin " + origin + ": skipped: not a readable jar file (" + describeJarError(jar, e) + ")");
                return;
            }
            if (classNames.isEmpty()) {
                return;
            }
            URLClassLoader loader;
            try {
                loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, app);
            } catch (MalformedURLException e) {
                warnings.add("plugin " + origin + ": skipped: cannot open: " + Messages.oneLine(e.getMessage()));
                return;
            }
            for (String cn : classNames) {
                T instance;
                try {
                    Class<?> c = Class.forName(cn, false, loader);
                    if (c.getClassLoader() != loader) {
                        continue; // the jar names a class of the class path: not this jar's to offer
                    }
                    if (!service.isAssignableFrom(c)) {
                        warnings.add("plugin " + origin + ", class " + cn + ": skipped: does not implement "
                                + service.getName());
                        continue;
                    }
                    instance = service.cast(c.getConstructor().newInstance());
                } catch (Throwable e) {
                    warnings.add("plugin " + origin + ", class " + cn + ": skipped: " + describe(e));
                    continue;
                }
                register(instance, origin, cn);
            }
        }

        private void register(T instance, String origin, String className) {
            String where = (ProviderEntry.BUILT_IN.equals(origin) ? ProviderEntry.BUILT_IN : "plugin " + origin)
                    + ", class " + className;
            String versionProblem = versionProblem(versionOf, instance);
            if (versionProblem != null) {
                String skipped = where + ": skipped: " + versionProblem;
                warnings.add(skipped);
                try {
                    String name = nameOf.apply(instance); // API 1 had name(): remember why it is missing
                    if (name != null && !refused.containsKey(name)) {
                        refused.put(name, skipped);
                    }
                } catch (Throwable e) {
                    // no name to remember
                }
                return;
            }
            String name;
            String description;
            List<Parameter> parameters;
            try {
                name = nameOf.apply(instance);
                description = describe.apply(instance);
                List<Parameter> declared = parametersOf.apply(instance);
                parameters = declared == null ? List.of() : List.copyOf(declared);
            } catch (Throwable e) {
                warnings.add(where + ": skipped: " + describe(e));
                return;
            }
            if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
                warnings.add(where + ": skipped: invalid " + kind + " name " + Messages.quote(String.valueOf(name))
                        + " (use lower-case letters, digits and '-')");
                return;
            }
            ProviderEntry<T> taken = byName.get(name);
            if (taken != null) {
                warnings.add(where + ": skipped: " + kind + " name '" + name + "' is already taken by " + taken.where());
                return;
            }
            byName.put(name, new ProviderEntry<>(instance, name, origin, className,
                    description == null ? "" : Messages.oneLine(description), parameters));
        }
    }

    /**
     * Why a provider cannot be used with this API, or null when it can: built against API 1 (no {@code apiVersion()},
     * which calling reports as an AbstractMethodError), or an API version other than {@link PluginApi#VERSION}.
     */
    private static <T> String versionProblem(ToIntFunction<T> versionOf, T instance) {
        int version;
        try {
            version = versionOf.applyAsInt(instance);
        } catch (AbstractMethodError e) {
            version = 1;
        } catch (Throwable e) {
            return "apiVersion() failed: " + describe(e);
        }
        return versionMessage(version);
    }

    /** The refusal for a provider built against plugin API {@code version}, or null for this API's version. */
    static String versionMessage(int version) {
        if (version == PluginApi.VERSION) {
            return null;
        }
        if (version < PluginApi.VERSION) {
            return "built against plugin API " + version + "; this tidl needs API " + PluginApi.VERSION
                    + ": rebuild against tidl-api " + PluginApi.VERSION + " (docs/plugins.md)";
        }
        return "built against plugin API " + version + "; this tidl supports API " + PluginApi.VERSION
                + ": use a tidl that supports API " + version + ", or rebuild against tidl-api " + PluginApi.VERSION
                + " (docs/plugins.md)";
    }

    /** Every *.jar of the folders, sorted within a folder; a path that is not a folder is reported. */
    private static List<Path> jarsIn(List<Path> folders, List<String> warnings) {
        List<Path> jars = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.exists(folder)) {
                warnings.add("plugins folder " + folder + " does not exist");
                continue;
            }
            if (!Files.isDirectory(folder)) {
                warnings.add("plugins folder " + folder + " is not a folder (give the folder that holds the jars)");
                continue;
            }
            List<Path> here = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, "*.jar")) {
                ds.forEach(here::add);
            } catch (IOException e) {
                warnings.add("plugins folder " + folder + ": cannot list: " + Messages.reason(e));
            }
            here.sort(null); // deterministic order: the first jar to claim a name keeps it
            jars.addAll(here);
        }
        return jars;
    }

    /** A zip's failure in words: empty, truncated or not a zip at all. */
    private static String describeJarError(Path jar, Throwable e) {
        try {
            long size = Files.size(jar);
            if (size == 0) {
                return "the file is empty";
            }
            byte[] head = new byte[2];
            try (var in = Files.newInputStream(jar)) {
                if (in.readNBytes(head, 0, 2) == 2 && head[0] == 'P' && head[1] == 'K') {
                    return "truncated or damaged zip, " + size + " bytes: " + Messages.oneLine(e.getMessage());
                }
            }
            return "not a zip archive";
        } catch (IOException io) {
            return Messages.reason(io);
        }
    }

    /**
     * What went wrong, in one line: the root cause's type and message, with the usual plugin mistakes said in
     * words (built for a newer Java; a class missing from the jar).
     */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof UnsupportedClassVersionError) {
            String m = String.valueOf(root.getMessage());
            java.util.regex.Matcher v = java.util.regex.Pattern.compile("class file version (\\d+)").matcher(m);
            String needs = v.find() ? "Java " + (Integer.parseInt(v.group(1)) - 44) : "a newer Java";
            return "compiled for " + needs + ", but this is Java " + Runtime.version().feature()
                    + " (rebuild the plugin with --release " + Runtime.version().feature() + ")";
        }
        if ((root instanceof NoClassDefFoundError || root instanceof ClassNotFoundException)
                && String.valueOf(root.getMessage()).matches("[\\w/$.]+")) {
            String missing = String.valueOf(root.getMessage()).replace('/', '.');
            return "class " + missing + " is missing (not in the jar, nor on the class path: bundle the plugin's "
                    + "dependencies into its jar)";
        }
        String msg = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return Messages.oneLine(msg);
    }

    public String kind() {
        return kind;
    }

    /** All providers, built-ins first, in discovery order. */
    public List<ProviderEntry<T>> entries() {
        return List.copyOf(byName.values());
    }

    public ProviderEntry<T> find(String name) {
        return byName.get(name);
    }

    /**
     * Why a provider of this name was skipped although its jar offered it (built against another plugin API), as
     * the warning said it; null when no provider of that name was refused.
     */
    public String refusal(String name) {
        return refused.get(name);
    }

    /** The plugin jars found in the plugin folders, in loading order (a result's provenance lists them). */
    public List<Path> jars() {
        return jars;
    }

    /** One line per provider or jar that was skipped. */
    public List<String> warnings() {
        return warnings;
    }
}
