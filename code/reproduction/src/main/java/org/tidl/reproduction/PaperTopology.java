package org.tidl.reproduction;

import java.util.Optional;

/**
 * The paper's topologies as its figures name them, with the spec that builds each: the one registry of display
 * labels that the figures, the tables and the claims (which select rows by these labels) share.
 */
public enum PaperTopology {
    SOLO("Solo", "solo", 6),
    STAR("Star", "star", 5),
    BINARY_TREE("Binary tree", "binary-tree", 4),
    RING("Ring", "ring", 3),
    TIME_VARYING_EXPONENTIAL("Time-varying exponential", "time-varying-exponential", 2),
    SOCIAL_NETWORK("Social network", "social-network", 2),
    TWO_CLIQUES("Two cliques", "two-cliques", 2),
    /** The paper's torus is the circulant C_32(1, 8) of its code (at n workers: C_n(1, k), "Torus (n/k x k)"). */
    TORUS_4X8("Torus (4x8)", "circulant:offsets=1,8", 2),
    HYPERCUBE("Hypercube", "hypercube", 1),
    FULLY_CONNECTED("Fully connected", "fully-connected", 0),
    /** Not in the paper: the true 2-D periodic grid, beside the paper's circulant "torus". */
    TORUS_2D("Torus 4x8 (true 2-D)", "torus:rows=4,cols=8", -1);

    /** Figs. 1 and 2 call the disconnected workers "Alone" (the others "Solo"). */
    public static final String ALONE = "Alone";

    private static final String CIRCULANT_TORUS = "circulant:offsets=1,";

    private final String label;
    private final String spec;
    private final int rank;

    PaperTopology(String label, String spec, int rank) {
        this.label = label;
        this.spec = spec;
        this.rank = rank;
    }

    /** The figures' name, e.g. "Torus (4x8)". */
    public String label() {
        return label;
    }

    /** The spec that builds it at n = 32. */
    public String spec() {
        return spec;
    }

    /**
     * The place in the ordering the paper reports for Fig. 4 (CIFAR-10, best training loss): FC &lt; Hypercube &lt;
     * {Two cliques, Torus, TV-exp, Social} &lt; Ring &lt; Binary tree &lt; Star &lt; Solo; empty for topologies it does not rank.
     */
    public Optional<Integer> lossRank() {
        return rank < 0 ? Optional.empty() : Optional.of(rank);
    }

    /** The paper topology a spec builds (any circulant C_n(1, k) is the paper's torus), if it is one. */
    public static Optional<PaperTopology> ofSpec(String spec) {
        if (torusColumns(spec) > 0) {
            return Optional.of(TORUS_4X8);
        }
        for (PaperTopology t : values()) {
            if (t.spec.equals(spec)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The paper's name for a spec at n workers ("circulant:offsets=1,4" at 16 is "Torus (4x4)"); else the spec. */
    public static String label(String spec, int n) {
        int k = torusColumns(spec);
        if (k > 0) {
            return "Torus (" + (n / k) + "x" + k + ")";
        }
        return ofSpec(spec).map(PaperTopology::label).orElse(spec);
    }

    /** k of the circulant torus spec "circulant:offsets=1,k"; 0 for any other spec. */
    private static int torusColumns(String spec) {
        if (!spec.startsWith(CIRCULANT_TORUS)) {
            return 0;
        }
        String k = spec.substring(CIRCULANT_TORUS.length());
        return k.matches("[1-9][0-9]{0,8}") ? Integer.parseInt(k) : 0;
    }
}
