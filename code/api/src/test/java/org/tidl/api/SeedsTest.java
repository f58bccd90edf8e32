package org.tidl.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedsTest {

    @Test
    void mix64IsSplitMix64sFinaliser() {
        // SplitMix64 seeded with 0: the first output is mix64(0x9E3779B97F4A7C15) = 0xE220A8397B1DCDAF
        assertThat(Seeds.mix64(0x9E3779B97F4A7C15L)).isEqualTo(0xE220A8397B1DCDAFL);
    }

    @Test
    void neighbouringSeedsPurposesAndIndicesGiveDistinctSeeds() {
        Set<Long> seen = new HashSet<>();
        for (long root = 0; root < 50; root++) {
            for (long i = 0; i < 50; i++) {
                seen.add(Seeds.derive(root, "graph", i));
                seen.add(Seeds.derive(root, "minibatch", i));
            }
        }
        assertThat(seen).hasSize(2 * 50 * 50);
    }

    @Test
    void consecutiveRootsShareNoShiftedStream() {
        // the old scheme seed * C + t made seed s + 1 at index t equal seed s at index t + C'; here the bits of
        // (s, t) and (s + 1, t') agree on about half of the 64 positions for every shift
        for (long shift = -3; shift <= 3; shift++) {
            long agreeing = 0;
            int pairs = 0;
            for (long s = 0; s < 200; s++) {
                for (long t = 5; t < 25; t++) {
                    agreeing += 64 - Long.bitCount(Seeds.derive(s, "graph", t) ^ Seeds.derive(s + 1, "graph", t + shift));
                    pairs++;
                }
            }
            assertThat(agreeing / (double) (64L * pairs)).isBetween(0.49, 0.51);
        }
    }

    @Test
    void subIndexStreamsDifferFromTheirParent() {
        assertThat(Seeds.derive(7, "dropout", 3, 0)).isNotEqualTo(Seeds.derive(7, "dropout", 3));
        assertThat(Seeds.derive(7, "dropout", 3, 0)).isNotEqualTo(Seeds.derive(7, "dropout", 3, 1));
        assertThat(Seeds.stream(7, "x", 1).nextLong()).isEqualTo(Seeds.stream(7, "x", 1).nextLong());
    }
}
