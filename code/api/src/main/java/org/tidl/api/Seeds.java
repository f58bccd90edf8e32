package org.tidl.api;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The one way to derive a random stream from a run's seed. Every random stream of a run (a worker's
 * minibatches, a random graph at step t, weight initialisation, dropout, ...) is
 * {@code stream(rootSeed, purpose, index)}: the root seed, a fixed name of what the stream is for, and
 * an index (worker, step, repetition). The three are mixed by SplitMix64's finaliser, so neighbouring
 * seeds or indices give unrelated streams; arithmetic like {@code seed * C + t} does not (seed s + 1
 * then replays seed s shifted by one index).
 *
 * <p>Plugins that draw random numbers should use this class too, so that a run is reproducible from
 * its seed and independent replications are independent.
 *
 * @since 1
 */
public final class Seeds {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /** A 64-bit seed for (root, purpose, index). */
    public static long derive(long root, String purpose, long index) {
        long h = mix64(root + GOLDEN);
        h = mix64(h ^ fnv1a64(purpose));
        return mix64(h + GOLDEN * (index + 1));
    }

    /** A seed for (root, purpose, index, subIndex), e.g. (run seed, "dropout", cell, worker thread). */
    public static long derive(long root, String purpose, long index, long subIndex) {
        return mix64(derive(root, purpose, index) + GOLDEN * (subIndex + 1));
    }

    /** A random stream for (root, purpose, index). */
    public static SplittableRandom stream(long root, String purpose, long index) {
        return new SplittableRandom(derive(root, purpose, index));
    }

    /** A random stream for (root, purpose, index, subIndex). */
    public static SplittableRandom stream(long root, String purpose, long index, long subIndex) {
        return new SplittableRandom(derive(root, purpose, index, subIndex));
    }

    /** SplitMix64's finaliser (Steele, Lea, Flood 2014): a bijection of 64-bit words with full avalanche. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** FNV-1a over the purpose's UTF-8 bytes: a fixed, platform-independent hash of the name. */
    private static long fnv1a64(String purpose) {
        long h = 0xCBF29CE484222325L;
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001B3L;
        }
        return h;
    }
}
