package org.tidl.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tidl.api.GossipScheme;
import org.tidl.core.linalg.Dense;

/** The nested spec grammar: brackets hold a spec (or a list) verbatim; the escapes of API 1 are still read. */
class PluginSpecTest {

    @Test
    void aBracketedValueIsTakenVerbatimWithoutItsBrackets() {
        assertThat(PluginSpec.parse("matcha:base=[torus:rows=4,cols=8],budget=0.5").values())
                .containsExactly(Map.entry("base", "torus:rows=4,cols=8"), Map.entry("budget", "0.5"));
        assertThat(PluginSpec.parse("circulant:offsets=[1,8]").values()).isEqualTo(PluginSpec.parse("circulant:offsets=1,8").values());
        assertThat(PluginSpec.parse("cycle:of=[ring,[matcha:base=[torus:rows=2,cols=4]],star]").values())
                .containsExactly(Map.entry("of", "ring,[matcha:base=[torus:rows=2,cols=4]],star"));
    }

    @Test
    void aListSplitsAtTheSpecsNotAtTheirParameters() {
        assertThat(PluginSpec.list("topology", "ring,[circulant:offsets=[1,8]],torus:rows=4,cols=8,star"))
                .containsExactly("ring", "circulant:offsets=[1,8]", "torus:rows=4,cols=8", "star");
        assertThat(PluginSpec.list("topology", "ring,[matcha:base=[torus:rows=2,cols=4]],star"))
                .containsExactly("ring", "matcha:base=[torus:rows=2,cols=4]", "star");
        // API 1's escapes: '|' between specs, ';' for ',' inside one
        assertThat(PluginSpec.list("topology", "ring|torus:rows=4;cols=8")).containsExactly("ring", "torus:rows=4,cols=8");
        assertThat(PluginSpec.legacyNested("erdos-renyi:p=0.3;seed=2")).isEqualTo("erdos-renyi:p=0.3,seed=2");
    }

    @Test
    void badBracketsAndEmptySpecsAreRefusedWithTheSpec() {
        assertThatThrownBy(() -> PluginSpec.parse("cycle:of=[ring,star")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cycle:of=[ring,star").hasMessageContaining("unbalanced brackets");
        assertThatThrownBy(() -> PluginSpec.parse("cycle:of=ring]")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unbalanced brackets");
        assertThatThrownBy(() -> PluginSpec.list("topology", "ring,,star")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("empty topology spec");
    }

    @Test
    void compositesNestThroughTheResolverAndTooDeepANestingIsRefused() {
        TopologyRegistry reg = TopologyRegistry.builtIn();
        GossipScheme nested = reg.build("cycle:of=[[cycle:of=[ring,star]],chain]", 8).scheme();
        GossipScheme ring = reg.build("ring", 8).scheme();
        GossipScheme star = reg.build("star", 8).scheme();
        GossipScheme chain = reg.build("chain", 8).scheme();
        // outer K = 2: W(t) = inner(t div 2) at even t, chain at odd t; inner alternates ring, star
        assertThat(nested.period()).isEqualTo(4);
        for (int[] c : new int[][] {{0, 0}, {2, 1}}) {
            GossipScheme expected = c[1] == 0 ? ring : star;
            assertThat(Dense.of(nested.matrix(c[0]))).as("W(" + c[0] + ")").containsExactly(Dense.of(expected.matrix(0)));
        }
        assertThat(Dense.of(nested.matrix(1))).containsExactly(Dense.of(chain.matrix(0)));
        assertThat(Dense.of(ring.matrix(0))).isNotEqualTo(Dense.of(star.matrix(0)));
        String deep = "cycle:of=[".repeat(40) + "ring" + "]".repeat(40);
        assertThatThrownBy(() -> reg.build(deep, 4)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("nested more than 32 levels");
    }
}
