package org.tidl.dl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class DlBenchmarkTest {

    @Test
    void flopCountsAreTheModelsMultiplyAdds() {
        // MLP 784-H-10: 784·H + 10·H per example forward
        long[] mlp = DlBenchmark.multiplyAdds(Models.configuration("mlp", 5000, 1, 28, 28, 10, DataType.FLOAT), 1, 28);
        assertThat(mlp).containsExactly(784L * 5000 + 5000L * 10, 784L * 5000);
        // VGG-11 on 32×32: Σ S²·C_out·C_in·9 over the eight convolutions, plus 512·512 + 512·512 + 512·10
        long conv = 32L * 32 * 64 * 3 * 9 + 16L * 16 * 128 * 64 * 9 + 8L * 8 * 256 * 128 * 9 + 8L * 8 * 256 * 256 * 9
                + 4L * 4 * 512 * 256 * 9 + 4L * 4 * 512 * 512 * 9 + 2L * 2 * 512 * 512 * 9 + 2L * 2 * 512 * 512 * 9;
        long[] vgg = DlBenchmark.multiplyAdds(Models.configuration("vgg11", 0, 3, 32, 32, 10, DataType.FLOAT), 3, 32);
        assertThat(vgg).containsExactly(conv + 512L * 512 * 2 + 512L * 10, 32L * 32 * 64 * 3 * 9);
        assertThat(vgg[0]).isBetween(150_000_000L, 160_000_000L); // the usual ~153 M multiply-adds of VGG-11 on CIFAR
    }

    @Test
    void aSmallRunMeasuresEveryPartAndSetsItAgainstTheLimit() {
        DlBenchmark.Machine m = new DlBenchmark.Machine(10, 100, 2);
        DlBenchmark.Result r = DlBenchmark.run(new DlBenchmark.Setting("mlp", 4, 32, 16, "ring", "dsgd-atc", 2), m);
        long p = 784L * 32 + 32 + 32L * 10 + 10;
        assertThat(r.parameters()).isEqualTo(p);
        assertThat(r.samplesPerSecond()).isCloseTo(4 * 16 / r.stepSeconds(), within(1e-6));
        assertThat(r.flopsPerStep()).isCloseTo(2.0 * (3 * (784 * 32 + 320) - 784 * 32) * 64, within(1e-3));
        assertThat(r.bytesPerStep()).isCloseTo(7.0 * 4 * 4 * p, within(1e-3));
        double limit = Math.max(r.flopsPerStep() / 100e9, r.bytesPerStep() / 10e9);
        assertThat(r.limitSeconds()).isCloseTo(limit, within(1e-15));
        assertThat(r.percentOfLimit()).isCloseTo(100 * limit / r.stepSeconds(), within(1e-9));
        assertThat(r.gradientSeconds()).isPositive();
        assertThat(r.gossipSeconds()).isPositive();
        assertThat(r.nd4jBuild()).startsWith("linux-x86_64");
    }
}
