package org.tidl.core.topology;

/** Checks on the number of workers, with messages that say what is allowed. */
final class Require {

    private Require() {
    }

    static void atLeast(String topology, int workers, int min) {
        if (workers < min) {
            throw new IllegalArgumentException(topology + " needs workers >= " + min + ", got " + workers);
        }
    }

    static int log2Exact(String topology, int workers) {
        if (workers < 1 || Integer.bitCount(workers) != 1) {
            throw new IllegalArgumentException(topology + " needs workers a power of 2 (1, 2, 4, 8, …), got " + workers);
        }
        return Integer.numberOfTrailingZeros(workers);
    }
}
