package org.tidl.core.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tidl.api.GossipMatrix;
import org.tidl.core.InvalidInputException;
import org.tidl.core.OptimizerRegistry;
import org.tidl.core.TopologyRegistry;

/** What the simulator benchmark measures (counts, non-zeros, derived rates), never how fast it is. */
class SimulatorBenchmarkTest {

    @Test
    void measuresEachTopologyThenSparseAgainstDenseGossip() {
        SimulatorBenchmark.Result r = SimulatorBenchmark.run(8, 3, 16, TopologyRegistry.builtIn(), OptimizerRegistry.builtIn());
        assertThat(r.measurements()).extracting(SimulatorBenchmark.Measurement::what).containsExactly(
                "dsgd-atc step", "oracle only", "gossip only", "dsgd-atc step", "oracle only", "gossip only",
                "dsgd-atc step", "oracle only", "gossip only", "gossip only, sparse ring", "gossip only, ring stored dense");
        SimulatorBenchmark.Measurement ring = r.measurements().get(2);
        assertThat(ring.nonZeros()).isEqualTo(3 * 8); // each worker and its two neighbours
        assertThat(ring.bytesPerStep()).isEqualTo(8.0 * (24 + 8) * 3);
        assertThat(r.measurements().get(8).nonZeros()).isEqualTo(64); // fully connected
        assertThat(r.measurements().get(9).nonZeros()).isEqualTo(3 * 1024);
        assertThat(r.measurements().get(10).nonZeros()).isEqualTo(1024L * 1024);
        assertThat(r.measurements().get(10).steps()).isEqualTo(20);
        for (SimulatorBenchmark.Measurement m : r.measurements()) {
            assertThat(m.seconds()).isPositive();
            assertThat(m.workerStepsPerSecond()).isCloseTo((double) m.workers() * m.steps() / m.seconds(),
                    org.assertj.core.data.Percentage.withPercentage(1e-9));
            assertThat(m.nsPerWorkerStep() * m.workerStepsPerSecond()).isCloseTo(1e9, org.assertj.core.data.Offset.offset(1e-3));
        }
        assertThat(r.table().render().lines().count()).isEqualTo(1 + 11);
    }

    @Test
    void denseCopyKeepsEveryEntry() {
        GossipMatrix ring = TopologyRegistry.builtIn().build("ring", 5).scheme().matrix(0);
        GossipMatrix dense = SimulatorBenchmark.denseCopy(ring);
        assertThat(dense.nonZeros()).isEqualTo(25);
        double[][] a = ring.toDense();
        double[][] b = dense.toDense();
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                assertThat(b[i][j]).isEqualTo(a[i][j] == 0 ? Double.MIN_VALUE : a[i][j]);
            }
        }
    }

    @Test
    void refusesABlockTooLargeForOneArray() {
        assertThatThrownBy(() -> SimulatorBenchmark.run(1 << 16, 1 << 16, 1, TopologyRegistry.builtIn(),
                OptimizerRegistry.builtIn())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("workers × dim must be at most");
    }
}
