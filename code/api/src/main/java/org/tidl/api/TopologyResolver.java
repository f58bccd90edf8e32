package org.tidl.api;

import java.util.List;

/**
 * Builds topologies from specs for a composite topology (one made of others: a cycle through several, matchings
 * of a base graph, relabelled copies): any topology the harness knows, built-in or from a plugin, checked as a
 * top-level one is (n × n, stochastic rows; non-periodic schemes as each W(t) is used).
 *
 * <p>A nested spec with parameters is written in brackets in its parent's spec:
 * {@code matcha:base=[torus:rows=4,cols=8],budget=0.5}, {@code cycle:of=[ring,star,torus:rows=4,cols=8]}; the
 * parameter's value ({@link Parameters#text}) is then what is inside the brackets. Errors (an unknown topology, a
 * bad parameter, a size the topology cannot take) are thrown as unchecked exceptions whose message names the
 * nested spec: let them propagate.
 *
 * @since 2
 */
public interface TopologyResolver {

    /** The scheme of one topology spec ({@code torus:rows=4,cols=8}) for {@code workers} workers. */
    GossipScheme scheme(String spec, int workers);

    /**
     * The schemes of a list of specs separated by commas ({@code ring,star,torus:rows=4,cols=8}), in order. An
     * element starts at a bare name or at {@code name:}; a following {@code key=value} belongs to the element before
     * it. A list-valued parameter inside an element is bracketed: {@code [circulant:offsets=[1,8],ring]}.
     */
    List<GossipScheme> schemes(String specs, int workers);
}
