package org.tidl.api;

import java.util.List;
import java.util.Optional;

/**
 * A family of gossip schemes, found with {@link java.util.ServiceLoader}.
 *
 * <p>Register an implementation in {@code META-INF/services/org.tidl.api.TopologyProvider} of a jar
 * on the classpath or in the plugins folder. It needs a public no-argument constructor. Built-in
 * topologies use this same interface.
 */
public interface TopologyProvider {

    /** The name used in topology specs ({@code name:key=value,...}); lower case, digits and '-'. */
    String name();

    /** One line for {@code ./tidl list}. */
    String description();

    /** The parameters a spec may set; the harness checks types, ranges and defaults before {@link #create}. */
    default List<Parameter> parameters() {
        return List.of();
    }

    /**
     * Builds the scheme for {@code workers} nodes.
     *
     * @throws IllegalArgumentException when this topology cannot take that many workers, or the
     *     parameters do not fit together; the message says what is allowed
     *     (e.g. "needs a power of 2").
     */
    GossipScheme create(int workers, Parameters parameters);

    /**
     * The infinite version of this graph ({@code --workers inf}), described by the eigenvalue of
     * its gossip operator at each frequency; empty when the topology has no infinite limit.
     */
    default Optional<SpectralSymbol> infinite(Parameters parameters) {
        return Optional.empty();
    }
}
