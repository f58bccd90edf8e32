package org.tidl.core.plugin;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
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

/**
 * Providers of one service interface, found by {@link ServiceLoader} on the application class path
 * ("built-in") and in every jar of the plugin folders (one class loader per jar, parent = the application
 * loader, so plugins see the API but not each other).
 *
 * <p>Discovery never fails as a whole: a provider that cannot be instantiated or whose name is taken is
 * skipped with a one-line warning naming its jar and class, and the rest stay usable.
 */
public final class PluginCatalog<T> {

    private final String kind;
    private final Map<String, ProviderEntry<T>> byName;
    private final List<String> warnings;
    private final List<Path> jars;

    private PluginCatalog(String kind, Map<String, ProviderEntry<T>> byName, List<String> warnings, List<Path> jars) {
        this.kind = kind;
        this.byName = Collections.unmodifiableMap(byName);
        this.warnings = List.copyOf(warnings);
        this.jars = List.copyOf(jars);
    }

    /**
     * @param service  the SPI interface
     * @param kind     "topology" or "optimizer", for messages
     * @param nameOf   reads a provider's name (called inside the error guard)
     * @param folders  plugin folders; missing ones are ignored
     */
    public static <T> PluginCatalog<T> load(Class<T> service, String kind, Function<T, String> nameOf,
                                            List<Path> folders) {
        Map<String, ProviderEntry<T>> byName = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        ClassLoader app = PluginCatalog.class.getClassLoader();
        collect(ServiceLoader.load(service, app), null, "built-in", kind, nameOf, byName, warnings);
        List<Path> jars = jarsIn(folders, warnings);
        for (Path jar : jars) {
            URLClassLoader loader;
            try {
                loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, app);
            } catch (MalformedURLException e) {
                warnings.add("plugin " + jar.getFileName() + ": cannot open: " + e.getMessage());
                continue;
            }
            collect(ServiceLoader.load(service, loader), loader, jar.getFileName().toString(), kind, nameOf,
                    byName, warnings);
        }
        return new PluginCatalog<>(kind, byName, warnings, jars);
    }

    private static <T> void collect(ServiceLoader<T> loader, ClassLoader own, String origin, String kind,
                                    Function<T, String> nameOf, Map<String, ProviderEntry<T>> byName,
                                    List<String> warnings) {
        Iterator<ServiceLoader.Provider<T>> it = loader.stream().iterator();
        while (true) {
            ServiceLoader.Provider<T> p;
            try {
                if (!it.hasNext()) {
                    break;
                }
                p = it.next();
            } catch (ServiceConfigurationError e) {
                warnings.add(prefix(origin) + ": skipped a " + kind + " provider: " + oneLine(e));
                continue;
            }
            String className = p.type().getName();
            // A jar's loader also sees the class path: keep only the classes this jar defines.
            if (own != null && p.type().getClassLoader() != own) {
                continue;
            }
            T instance;
            String name;
            try {
                instance = p.get();
                name = nameOf.apply(instance);
            } catch (Throwable e) {
                warnings.add(prefix(origin) + ", class " + className + ": skipped: " + oneLine(e));
                continue;
            }
            if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
                warnings.add(prefix(origin) + ", class " + className + ": skipped: invalid " + kind + " name '"
                        + name + "' (use lower-case letters, digits and '-')");
                continue;
            }
            ProviderEntry<T> taken = byName.get(name);
            if (taken != null) {
                warnings.add(prefix(origin) + ", class " + className + ": skipped: " + kind + " name '" + name
                        + "' is already taken by " + taken.where());
                continue;
            }
            byName.put(name, new ProviderEntry<>(instance, name, origin, className));
        }
    }

    private static List<Path> jarsIn(List<Path> folders, List<String> warnings) {
        List<Path> jars = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            List<Path> here = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, "*.jar")) {
                ds.forEach(here::add);
            } catch (IOException e) {
                warnings.add("plugins folder " + folder + ": cannot list: " + e.getMessage());
            }
            here.sort(null); // deterministic order: the first jar to claim a name keeps it
            jars.addAll(here);
        }
        return jars;
    }

    private static String prefix(String origin) {
        return "built-in".equals(origin) ? "built-in" : "plugin " + origin;
    }

    static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return msg.replaceAll("\\s+", " ").trim();
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

    /** The plugin jars that were opened, in loading order (a result's provenance lists them). */
    public List<Path> jars() {
        return jars;
    }

    /** One line per provider that was skipped. */
    public List<String> warnings() {
        return warnings;
    }
}
