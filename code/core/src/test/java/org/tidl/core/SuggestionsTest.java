package org.tidl.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    static final List<String> TOPOLOGIES = TopologyRegistry.builtIn().catalog().entries().stream()
            .map(org.tidl.core.plugin.ProviderEntry::name).toList();

    @Test
    void editDistanceCountsInsertionsDeletionsReplacementsAndSwaps() {
        assertThat(Suggestions.distance("ring", "ring", 3)).isZero();
        assertThat(Suggestions.distance("rign", "ring", 3)).isEqualTo(1); // swap
        assertThat(Suggestions.distance("rin", "ring", 3)).isEqualTo(1); // insertion
        assertThat(Suggestions.distance("rings", "ring", 3)).isEqualTo(1); // deletion
        assertThat(Suggestions.distance("rung", "ring", 3)).isEqualTo(1); // replacement
        assertThat(Suggestions.distance("kitten", "sitting", 5)).isEqualTo(3); // the textbook pair
        assertThat(Suggestions.distance("star", "solo", 5)).isEqualTo(3);
        // past the limit it stops early and says limit + 1
        assertThat(Suggestions.distance("abcdef", "uvwxyz", 2)).isEqualTo(3);
        assertThat(Suggestions.distance("x".repeat(120_000), "ring", 3)).isEqualTo(4);
    }

    @Test
    void offersOnlyTheClosestKnownNames() {
        assertThat(Suggestions.closest("rign", TOPOLOGIES)).containsExactly("ring");
        assertThat(Suggestions.closest("tours", TOPOLOGIES)).containsExactly("torus");
        assertThat(Suggestions.closest("Hypercube", TOPOLOGIES)).containsExactly("hypercube");
        assertThat(Suggestions.closest("fully", TOPOLOGIES)).containsExactly("fully-connected");
        assertThat(Suggestions.closest("exponental", TOPOLOGIES)).containsExactly("exponential");
        assertThat(Suggestions.closest("dsgd-act", List.of("dsgd", "dsgd-atc", "alone"))).containsExactly("dsgd-atc");
        assertThat(Suggestions.closest("work", List.of("workers", "steps"))).containsExactly("workers");
        // nothing close: nothing offered (four letters from "solo" is not a typo of it)
        assertThat(Suggestions.closest("star2x", List.of("solo"))).isEmpty();
        assertThat(Suggestions.closest("zzzz", TOPOLOGIES)).isEmpty();
        assertThat(Suggestions.closest("", TOPOLOGIES)).isEmpty();
        assertThat(Suggestions.didYouMean("rign", TOPOLOGIES)).isEqualTo("did you mean 'ring'?");
        assertThat(Suggestions.didYouMean("zzzz", TOPOLOGIES)).isEmpty();
    }

    @Test
    void theRegistriesSuggestTopologiesOptimizersAndParameters() {
        assertThatThrownBy(() -> TopologyRegistry.builtIn().build("rign", 4))
                .hasMessageStartingWith("unknown topology 'rign' (did you mean 'ring'? valid: ring, ");
        assertThatThrownBy(() -> TopologyRegistry.builtIn().build("zzzz", 4))
                .hasMessageStartingWith("unknown topology 'zzzz' (valid: ring, ");
        assertThatThrownBy(() -> TopologyRegistry.builtIn().build("torus:row=4", 16))
                .hasMessage("topology 'torus:row=4': unknown parameter 'row' (did you mean 'rows'? allowed: rows, cols)");
        assertThatThrownBy(() -> TopologyRegistry.builtIn().build("ring:foo=1", 4))
                .hasMessage("topology 'ring:foo=1': unknown parameter 'foo' (allowed: none)");
        // a base topology inside another spec goes through the same registry
        assertThatThrownBy(() -> TopologyRegistry.builtIn().build("cycle:of=[rign,star]", 4))
                .hasMessageContaining("did you mean 'ring'?");
        assertThatThrownBy(() -> OptimizerRegistry.builtIn().resolve("dsgd-act", java.util.Map.of()))
                .hasMessageStartingWith("unknown optimizer 'dsgd-act' (did you mean 'dsgd-atc'? valid: dsgd, ");
        assertThatThrownBy(() -> OptimizerRegistry.builtIn().resolve("dsgd:momentun=0.9", java.util.Map.of()))
                .hasMessage("optimizer 'dsgd:momentun=0.9': unknown parameter 'momentun' (did you mean 'momentum'?"
                        + " allowed: lr, momentum, weight-decay)");
    }
}
