package org.tidl.reproduction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.tidl.core.TopologyRegistry;
import org.tidl.core.theory.SpectralGap;

/** The one registry of the paper's topology names, and the folder rule of full and quick runs. */
class PaperTopologyTest {

    @Test
    void labelsFollowThePapersNamesAtAnySize() {
        assertThat(PaperTopology.label("circulant:offsets=1,8", 32)).isEqualTo("Torus (4x8)");
        assertThat(PaperTopology.label("circulant:offsets=1,4", 16)).isEqualTo("Torus (4x4)");
        assertThat(PaperTopology.label("time-varying-exponential", 16)).isEqualTo("Time-varying exponential");
        assertThat(PaperTopology.label("matcha:base=hypercube,budget=0.5", 16)).isEqualTo("matcha:base=hypercube,budget=0.5");
        assertThat(PaperTopology.ofSpec("circulant:offsets=1,8,3")).isEmpty();
        assertThat(PaperTopology.ofSpec("torus:rows=4,cols=8")).contains(PaperTopology.TORUS_2D);
        assertThat(PaperTopology.TORUS_2D.lossRank()).isEmpty();
    }

    /** Fig. 4's ordering: FC < Hypercube < {Two cliques, Torus, TV-exp, Social} < Ring < Binary tree < Star < Solo. */
    @Test
    void lossRanksAreThePapersOrdering() {
        assertThat(PaperTopology.FULLY_CONNECTED.lossRank()).contains(0);
        assertThat(PaperTopology.HYPERCUBE.lossRank()).contains(1);
        for (PaperTopology t : new PaperTopology[] {PaperTopology.TWO_CLIQUES, PaperTopology.TORUS_4X8,
            PaperTopology.TIME_VARYING_EXPONENTIAL, PaperTopology.SOCIAL_NETWORK}) {
            assertThat(t.lossRank()).contains(2);
        }
        assertThat(PaperTopology.RING.lossRank()).contains(3);
        assertThat(PaperTopology.BINARY_TREE.lossRank()).contains(4);
        assertThat(PaperTopology.STAR.lossRank()).contains(5);
        assertThat(PaperTopology.SOLO.lossRank()).contains(6);
    }

    /** Every spec builds at n = 32; the torus is the paper's circulant C_32(1, 8), gap 0.1172 (Fig. 6 right). */
    @Test
    void everySpecBuilds() {
        TopologyRegistry reg = TopologyRegistry.builtIn();
        for (PaperTopology t : PaperTopology.values()) {
            assertThat(reg.build(t.spec(), 32).scheme().size()).isEqualTo(32);
        }
        assertThat(SpectralGap.of(reg.build(PaperTopology.TORUS_4X8.spec(), 32).scheme())).isBetween(0.117, 0.1175);
    }

    @Test
    void quickRunsLiveInTheirOwnFolder() {
        assertThat(Variant.FULL.folder(Path.of("r"))).isEqualTo(Path.of("r"));
        assertThat(Variant.QUICK.folder(Path.of("r"))).isEqualTo(Path.of("r", "quick"));
        assertThat(Variant.of(true)).isEqualTo(Variant.QUICK);
    }
}
