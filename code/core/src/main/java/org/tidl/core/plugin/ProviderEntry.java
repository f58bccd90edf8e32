package org.tidl.core.plugin;

import java.util.List;
import java.util.function.Supplier;
import org.tidl.api.Parameter;
import org.tidl.core.InsufficientMemoryException;
import org.tidl.core.InvalidInputException;
import org.tidl.core.Messages;

/**
 * A provider and where it came from, with the description and parameters it declared, read once at discovery
 * (inside the error guard) so that listing or resolving never calls into a plugin that already failed.
 *
 * @param provider    the instance
 * @param name        its name
 * @param origin      "built-in", or the plugin jar's file name
 * @param className   the implementing class
 * @param description its one-line description
 * @param parameters  the parameters it declares
 */
public record ProviderEntry<T>(T provider, String name, String origin, String className, String description,
                               List<Parameter> parameters) {

    public static final String BUILT_IN = "built-in";

    public boolean builtIn() {
        return BUILT_IN.equals(origin);
    }

    /** "plugin foo.jar, class com.x.Foo" or "built-in, class …", for error messages. */
    public String where() {
        return (builtIn() ? BUILT_IN : "plugin " + origin) + ", class " + className;
    }

    /**
     * Calls into the provider (or an object it made). A plugin's failure, exception or Error, becomes one
     * {@link InvalidInputException} naming its jar and class, and what was called; running out of memory, and
     * bad input our own code found while the plugin called it, stay what they are. A built-in's failure is ours
     * and propagates unchanged.
     *
     * @param what what was called, e.g. "step()"
     */
    public <R> R call(String what, Supplier<R> body) {
        try {
            return body.get();
        } catch (Throwable e) {
            throw failure(what, e);
        }
    }

    /** {@link #call} for code without a result. */
    public void run(String what, Runnable body) {
        try {
            body.run();
        } catch (Throwable e) {
            throw failure(what, e);
        }
    }

    /**
     * The exception to throw for {@code e} raised inside {@code what}: see {@link #call}. Returned (not thrown)
     * so callers can write {@code throw entry.failure(...)}.
     */
    public RuntimeException failure(String what, Throwable e) {
        if (e instanceof InsufficientMemoryException m) {
            return m;
        }
        if (Messages.isOutOfMemory(e) || builtIn()) {
            if (e instanceof RuntimeException r) {
                return r;
            }
            if (e instanceof Error err) {
                throw err;
            }
            return new IllegalStateException(e);
        }
        if (e instanceof InvalidInputException ie) {
            return ie; // raised by our code (a topology, the data), which names its own source
        }
        return new InvalidInputException(where() + ": " + what + " failed: " + PluginCatalog.describe(e), e);
    }
}
