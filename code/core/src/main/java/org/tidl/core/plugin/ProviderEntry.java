package org.tidl.core.plugin;

/**
 * A provider and where it came from.
 *
 * @param provider  the instance
 * @param name      its name
 * @param origin    "built-in", or the plugin jar's file name
 * @param className the implementing class
 */
public record ProviderEntry<T>(T provider, String name, String origin, String className) {

    /** "plugin foo.jar, class com.x.Foo" or "built-in class …", for error messages. */
    public String where() {
        return ("built-in".equals(origin) ? "built-in" : "plugin " + origin) + ", class " + className;
    }
}
