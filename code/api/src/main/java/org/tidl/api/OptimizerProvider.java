package org.tidl.api;

import java.util.List;

/**
 * A decentralized optimizer plugin, found by {@link java.util.ServiceLoader} like a {@link TopologyProvider}:
 * list the class in {@code META-INF/services/org.tidl.api.OptimizerProvider}. It needs a public no-argument
 * constructor. Built-in optimizers use this same interface.
 *
 * <p>By convention every optimizer declares a real parameter {@code lr} (the learning rate); the commands
 * set it from their {@code --lr} lists.
 *
 * <p>Lifecycle (API 2): {@link #configure} once per spec → an immutable {@link OptimizerConfig};
 * {@link OptimizerConfig#stateSize} → the memory check; {@link OptimizerConfig#start} once per run → a
 * {@link DecentralizedOptimizer}, whose {@code step} is called for every step of that run.
 *
 * @since 1
 */
public interface OptimizerProvider {

    /** Lower-case name used in specs, e.g. {@code dsgd}. */
    String name();

    /** One line for {@code ./tidl list}. */
    String description();

    default List<Parameter> parameters() {
        return List.of();
    }

    /**
     * The plugin API this provider was compiled against: implement it as {@code return PluginApi.VERSION;}
     * (see {@link PluginApi}).
     *
     * @since 2
     */
    int apiVersion();

    /**
     * Checks the parameters (declared ones are already type- and range-checked) and returns the immutable
     * configuration that starts runs. Throw {@link IllegalArgumentException} for values it cannot take: called
     * once, before any work starts.
     *
     * @since 2
     */
    OptimizerConfig configure(Parameters parameters);
}
