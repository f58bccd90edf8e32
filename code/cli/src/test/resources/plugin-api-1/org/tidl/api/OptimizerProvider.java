package org.tidl.api;

import java.util.List;

/**
 * A decentralized optimizer plugin, found by {@link java.util.ServiceLoader} like a {@link TopologyProvider}:
 * list the class in {@code META-INF/services/org.tidl.api.OptimizerProvider}.
 *
 * <p>By convention every optimizer declares a real parameter {@code lr} (the learning rate); the commands
 * set it from their {@code --lr} lists.
 */
public interface OptimizerProvider {

    /** Lower-case name used in specs, e.g. {@code dsgd}. */
    String name();

    /** One line for {@code ./tidl list}. */
    String description();

    default List<Parameter> parameters() {
        return List.of();
    }

    /** A fresh optimizer for one run. Throw {@link IllegalArgumentException} for values it cannot take. */
    DecentralizedOptimizer create(Parameters parameters);
}
