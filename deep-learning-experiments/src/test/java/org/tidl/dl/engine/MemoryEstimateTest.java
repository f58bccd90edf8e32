package org.tidl.dl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.tidl.core.InsufficientMemoryException;
import org.tidl.core.OptimizerRegistry;

/** The memory a run needs, computed before allocating, and the refusal with the setting to change. */
class MemoryEstimateTest {

    static final OptimizerRegistry OPTIMIZERS = OptimizerRegistry.builtIn();
    static final long GIB = 1L << 30;

    static OptimizerRegistry.Optimizer optimizer(String spec) {
        return OPTIMIZERS.resolve(spec, Map.of("lr", "0.1"));
    }

    @Test
    void parametersAreCountedWithoutAllocatingTheNetwork() {
        // 784·H + H + H·10 + 10, the paper's MLP (Models' comment: 3,975,010 for H = 5000)
        assertThat(Models.parameterCount(Models.configuration("mlp", 5000, 1, 28, 28, 10, DataType.FLOAT))).isEqualTo(3_975_010L);
        assertThat(Models.parameterCount(Models.configuration("vgg11", 1, 3, 32, 32, 10, DataType.FLOAT))).isEqualTo(9_750_922L);
        MultiLayerConfiguration small = Models.configuration("mlp", 7, 1, 28, 28, 10, DataType.FLOAT);
        MultiLayerNetwork net = new MultiLayerNetwork(small.clone());
        net.init();
        assertThat(Models.parameterCount(small)).isEqualTo(net.numParams()).isEqualTo(784 * 7 + 7 + 7 * 10 + 10);
    }

    @Test
    void theOptimizersDeclaredStateIsCountedBeforeAnythingRuns() {
        // D-SGD (ATC): the gradient and the gossip buffer; momentum adds its buffer; gradient tracking keeps y, g,
        // g_old and a scratch matrix; DeTAG nine (OptimizerStateTest in core holds each declaration to what a run takes)
        MultiLayerConfiguration mlp = Models.configuration("mlp", 8, 1, 28, 28, 10, DataType.FLOAT);
        java.util.function.Function<String, Integer> matrices = spec -> MemoryEstimate.of("t", mlp,
                Models.inputType("mlp", 1, 28, 28), 4, 16, optimizer(spec), 0, 0).matrices();
        assertThat(matrices.apply("dsgd-atc")).isEqualTo(1 + 2);
        assertThat(matrices.apply("dsgd-atc:momentum=0.9")).isEqualTo(1 + 3);
        assertThat(matrices.apply("gradient-tracking")).isEqualTo(1 + 4);
        assertThat(matrices.apply("detag")).isEqualTo(1 + 9);
    }

    @Test
    void theEstimateIsWorkersTimesParametersTimesMatricesInLongArithmetic() {
        MultiLayerConfiguration mlp = Models.configuration("mlp", 8, 1, 28, 28, 10, DataType.FLOAT);
        MemoryEstimate e = MemoryEstimate.of("t", mlp, Models.inputType("mlp", 1, 28, 28), 100_000_000, 16,
                optimizer("dsgd-atc"), 0, 0);
        assertThat(e.parameters()).isEqualTo(6370);
        assertThat(e.matrices()).isEqualTo(3);
        long matrices = 3L * 100_000_000 * 6370 * Float.BYTES; // 7.6 TB: far beyond int, no overflow
        assertThat(e.offHeapBytes()).isGreaterThan(matrices).isLessThan(matrices + 100_000_000L * 16 * 794 * 4 + GIB);
        assertThat(e.heapBytes()).isEqualTo(100_000_000L * 2 * MemoryEstimate.HEAP_PER_WORKER_LAYER);
        // products that overflow a long saturate instead of wrapping to a small number
        assertThat(MemoryEstimate.times(Integer.MAX_VALUE, Long.MAX_VALUE / 2, 4)).isEqualTo(Long.MAX_VALUE);
        assertThat(MemoryEstimate.sum(Long.MAX_VALUE, 5)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aRunThatCannotFitIsRefusedWithTheSettingToChange() {
        MemoryEstimate e = new MemoryEstimate("bench-dl", 300, 3_975_010, 3, 14 * GIB, GIB / 4);
        e.check("workers", 20 * GIB, 8 * GIB, GIB / 8, 64 * GIB); // fits
        assertThatThrownBy(() -> e.check("workers", 14 * GIB, 8 * GIB, GIB / 2, 64 * GIB))
                .isInstanceOf(InsufficientMemoryException.class)
                .hasMessage("bench-dl: 300 workers × 3,975,010 parameters × 3 matrices (the parameters and 2 kept by the"
                        + " optimizer and the run) need at least 14.0 GiB of ND4J memory and 256.0 MiB of Java heap,"
                        + " more than the process limit of 14.0 GiB; raise it with TIDL_PHYSICAL=16g, or lower workers");
        assertThatThrownBy(() -> e.check("workers", 20 * GIB, 200L << 20, 0, 64 * GIB))
                .hasMessageContaining("more than the free Java heap of 200.0 MiB; raise it with TIDL_HEAP=1g");
        assertThatThrownBy(() -> e.check("workers", 20 * GIB, 8 * GIB, 0, 8 * GIB))
                .hasMessageEndingWith("more than this machine's 8.0 GiB; lower workers");
    }
}
