package org.tidl.reproduction;

/**
 * What a user chooses for a whole reproduce run, from which each figure derives its typed configuration.
 *
 * @param variant full or quick
 * @param seed    the root seed of the simulations (every random stream derives from it through {@code Seeds})
 * @param threads worker threads for the simulation sweeps (results do not depend on it)
 */
public record RunSettings(Variant variant, long seed, int threads) {

    public boolean quick() {
        return variant.quick();
    }
}
