package org.tidl.reproduction;

import java.nio.file.Path;

/**
 * Which run of the figures: the full one (the published configuration) or the quick one (fewer seeds, coarser
 * grids, the deep-learning experiments' -quick variants). Each has its own folder under a results root, so a
 * quick run never overwrites full results: full in {@code ROOT/}, quick in {@code ROOT/quick/}.
 */
public enum Variant {
    FULL,
    QUICK;

    /** The folder under {@code root} where this variant's results live. */
    public Path folder(Path root) {
        return this == FULL ? root : root.resolve("quick");
    }

    public boolean quick() {
        return this == QUICK;
    }

    public static Variant of(boolean quick) {
        return quick ? QUICK : FULL;
    }
}
