package org.tidl.core.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.tidl.api.ArrayWorkerMatrix;
import org.tidl.api.DecentralizedOptimizer;
import org.tidl.api.GossipScheme;
import org.tidl.api.OptimizerConfig;
import org.tidl.api.RunContext;
import org.tidl.api.SchemeInfo;
import org.tidl.api.StateSize;
import org.tidl.api.StepContext;
import org.tidl.api.WorkerMatrix;
import org.tidl.core.InvalidInputException;
import org.tidl.core.OptimizerRegistry;
import org.tidl.core.TopologyRegistry;
import org.tidl.core.quadratic.IsotropicQuadraticOracle;
import org.tidl.core.theory.SpectralGap;

/**
 * Every built-in optimizer's declared state ({@link OptimizerConfig#stateSize}) is what its run takes when it
 * starts, and it takes nothing afterwards: the memory check before a run counts exactly what the run keeps.
 */
class OptimizerStateTest {

    /** A RunContext that counts the matrices taken, and refuses any after {@code start} returned. */
    static final class Counting implements RunContext {
        final RunContext inner;
        int taken;
        boolean started;

        Counting(RunContext inner) {
            this.inner = inner;
        }

        @Override public int workers() { return inner.workers(); }
        @Override public long parameters() { return inner.parameters(); }
        @Override public long seed() { return inner.seed(); }
        @Override public SchemeInfo scheme() { return inner.scheme(); }

        @Override
        public WorkerMatrix newMatrix() {
            assertThat(started).as("a matrix taken after start()").isFalse();
            taken++;
            return inner.newMatrix();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dsgd", "dsgd:momentum=0.9", "dsgd-atc", "dsgd-atc:momentum=0.9,weight-decay=0.1",
            "gradient-tracking", "detag", "detag:rounds=3,gossip-eta=0", "al-dsgd", "al-dsgd:momentum=0.9",
            "all-reduce", "all-reduce:momentum=0.5", "alone", "alone:momentum=0.9"})
    void theDeclaredStateIsWhatAStartedRunTakes(String spec) {
        int n = 8;
        int p = 5;
        GossipScheme ring = TopologyRegistry.builtIn().build("ring", n).scheme();
        OptimizerRegistry.Optimizer o = OptimizerRegistry.builtIn().resolve(spec, Map.of("lr", "0.05"));
        StateSize declared = o.config().stateSize(n, p);
        ArrayWorkerMatrix x = new ArrayWorkerMatrix(n, p);
        java.util.Arrays.fill(x.data(), 1.0);
        Counting run = new Counting(RunContext.of(x, SchemeInfo.of(ring, () -> SpectralGap.of(ring)), 1));
        DecentralizedOptimizer d = o.config().start(run);
        run.started = true;
        assertThat(run.taken).as(spec).isEqualTo(declared.matrices());
        IsotropicQuadraticOracle oracle = new IsotropicQuadraticOracle(n, p, 1, 1);
        double[] losses = new double[n];
        for (int t = 0; t < 12; t++) {
            d.step(new StepContext(t, 1, ring, oracle, losses), x);
        }
        assertThat(java.util.Arrays.stream(x.data()).allMatch(Double::isFinite)).as(spec).isTrue();
        // and the harness's own start holds the run to the same count
        assertThat(o.start(new ArrayWorkerMatrix(n, p), ring, 1)).isNotNull();
    }

    @Test
    void theStateSizeIsCountedWithoutOverflow() {
        assertThat(StateSize.matrices(9).values(1000, 11_000_000L)).isEqualTo(9L * 1000 * 11_000_000L);
        assertThat(new StateSize(3, 7).values(2, 5)).isEqualTo(37);
        assertThat(StateSize.matrices(Integer.MAX_VALUE).values(Integer.MAX_VALUE, Long.MAX_VALUE / 2)).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> new StateSize(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void detagReadsTheSpectralGapFromTheRunContextAndRefusesATimeVaryingSchemeWithoutItsSettings() {
        GossipScheme tv = TopologyRegistry.builtIn().build("time-varying-exponential", 8).scheme();
        OptimizerRegistry.Optimizer o = OptimizerRegistry.builtIn().resolve("detag", Map.of("lr", "0.05"));
        assertThatThrownBy(() -> o.start(new ArrayWorkerMatrix(8, 3), tv, 1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("optimizer 'detag'").hasMessageContaining("rounds=R and gossip-eta=E");
        // a plugin test's own gap is used: with gap 1 (lambda = 0) eta is 0 and one round per phase, plain D-SGD-like
        GossipScheme ring = TopologyRegistry.builtIn().build("ring", 8).scheme();
        int[] asked = {0};
        RunContext run = RunContext.of(new ArrayWorkerMatrix(8, 3), SchemeInfo.of(ring, () -> {
            asked[0]++;
            return 0.25;
        }), 1);
        o.config().start(run);
        o.config().start(run);
        assertThat(asked[0]).as("the gap is computed once per SchemeInfo").isEqualTo(1);
    }

    @Test
    void aRunThatTakesMoreThanItDeclaredIsRefusedByTheHarness() {
        // the harness's context: a configuration that under-declares fails when it starts, naming the optimizer
        OptimizerConfig liar = new OptimizerConfig() {
            @Override public StateSize stateSize(int workers, long parameters) { return StateSize.matrices(1); }

            @Override
            public DecentralizedOptimizer start(RunContext run) {
                run.newMatrix();
                run.newMatrix();
                return (c, x) -> { };
            }
        };
        OptimizerRegistry.Optimizer dsgd = OptimizerRegistry.builtIn().resolve("dsgd", Map.of("lr", "0.1"));
        OptimizerRegistry.Optimizer o = new OptimizerRegistry.Optimizer(dsgd.spec(), dsgd.provider(), dsgd.parameters(), liar);
        GossipScheme ring = TopologyRegistry.builtIn().build("ring", 4).scheme();
        assertThatThrownBy(() -> o.start(new ArrayWorkerMatrix(4, 2), ring, 1))
                .hasMessageContaining("took more n x P matrices than the 1 that stateSize() declares");
    }

    @Test
    void theQuadraticSweepChecksTheDeclaredStateAgainstTheHeapBeforeItStarts() {
        int n = 100;
        int dim = (int) Math.min(Integer.MAX_VALUE / n - 8, Runtime.getRuntime().maxMemory() / (8L * n * 5));
        GossipScheme ring = TopologyRegistry.builtIn().build("ring", n).scheme();
        OptimizerRegistry reg = OptimizerRegistry.builtIn();
        // dsgd-atc: the iterate + 2 matrices = 3/5 of the heap; DeTAG: the iterate + 9 = twice the heap
        var fits = new org.tidl.core.quadratic.QuadraticSweep.Cell(ring, reg.resolve("dsgd-atc", Map.of("lr", "0.1")),
                dim, 1, 10, 0);
        var tooBig = new org.tidl.core.quadratic.QuadraticSweep.Cell(ring, reg.resolve("detag", Map.of("lr", "0.1")),
                dim, 1, 10, 0);
        org.tidl.core.quadratic.QuadraticSweep.requireFits(java.util.List.of(fits), 1);
        assertThatThrownBy(() -> org.tidl.core.quadratic.QuadraticSweep.requireFits(java.util.List.of(fits, tooBig), 1))
                .isInstanceOf(org.tidl.core.InsufficientMemoryException.class)
                .hasMessageContaining("optimizer 'detag'").hasMessageContaining("9 matrices it declares")
                .hasMessageContaining("raise TIDL_HEAP");
    }
}
