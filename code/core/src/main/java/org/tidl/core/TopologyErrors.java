package org.tidl.core;

/** Library refusals (sizes, convergence) reach the user with the topology they concern. */
public final class TopologyErrors {

    private TopologyErrors() {
    }

    /** The refusal, prefixed with {@code topology 'SPEC': } unless it names the topology already. */
    public static InvalidInputException prefixed(String spec, InvalidInputException e) {
        String m = e.getMessage();
        return m != null && m.startsWith("topology '") ? e : new InvalidInputException("topology '" + spec + "': " + m);
    }
}
