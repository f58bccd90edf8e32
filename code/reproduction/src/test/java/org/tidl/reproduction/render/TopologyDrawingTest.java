package org.tidl.reproduction.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tidl.api.GossipMatrix;
import org.tidl.core.TopologyRegistry;

/** The drawing's reading of W (its pixels are checked through {@code ./tidl export --draw}). */
class TopologyDrawingTest {

    @Test
    void aDirectedWIsDrawnWithArrowsAndOnlyAStarHasAHub() {
        TopologyRegistry reg = TopologyRegistry.builtIn();
        GossipMatrix t1 = reg.build("time-varying-exponential", 8).scheme().matrix(1);
        GossipMatrix t2 = reg.build("time-varying-exponential", 8).scheme().matrix(2); // i + 4 = i - 4: symmetric
        assertThat(TopologyDrawing.isSymmetric(t1)).isFalse();
        assertThat(TopologyDrawing.isSymmetric(t2)).isTrue();
        assertThat(TopologyDrawing.isSymmetric(reg.build("unidirectional-ring", 5).scheme().matrix(0))).isFalse();
        assertThat(TopologyDrawing.hub(reg.build("star", 16).scheme().matrix(0), true)).isZero();
        assertThat(TopologyDrawing.hub(reg.build("ring", 16).scheme().matrix(0), true)).isEqualTo(-1);
        assertThat(TopologyDrawing.hub(reg.build("fully-connected", 16).scheme().matrix(0), true)).isEqualTo(-1);
    }
}
