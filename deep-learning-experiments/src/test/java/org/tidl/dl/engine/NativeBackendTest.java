package org.tidl.dl.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NativeBackendTest {

    @Test
    void gpusOutsideTheCuda116KernelsAreRefusedInOneLine() {
        assertThat(NativeBackend.cudaProblem("Tesla K80", 3, 7)).isNull();
        assertThat(NativeBackend.cudaProblem("A100", 8, 0)).isNull();
        assertThat(NativeBackend.cudaProblem("RTX 3090", 8, 6)).isNull();
        String hopper = NativeBackend.cudaProblem("NVIDIA H200", 9, 0);
        assertThat(hopper).contains("NVIDIA H200", "compute capability 9.0", "3.7 to 8.6", "no PTX", "without -Pcuda")
                .doesNotContain("\n");
        assertThat(NativeBackend.cudaProblem("RTX 4090", 8, 9)).isNull(); // runs the 8.6 machine code
        assertThat(NativeBackend.cudaProblem("B200", 10, 0)).contains("10.0", "no Hopper or newer");
        assertThat(NativeBackend.cudaProblem("Tesla K20", 3, 5)).contains("3.5").doesNotContain("Hopper");
    }

    @Test
    void theTestClassPathRunsThePortableCpuBuild() {
        assertThat(NativeBackend.cuda()).isFalse();
        assertThat(NativeBackend.variant()).startsWith("linux-x86_64");
        NativeBackend.requireSupportedDevices(); // nothing to check on the CPU
    }
}
