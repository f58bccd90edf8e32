package org.tidl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's memory defaults (issue 14: a 16 GB laptop was given 20g and killed by the OS before our exit
 * 3): its functions, sourced by bash, fed made-up /proc/meminfo and cgroup files.
 */
class LauncherMemoryTest {

    static final Path LAUNCHER = Path.of("../../tidl").toAbsolutePath().normalize();

    /** Runs {@code script} in bash after sourcing the launcher (which then only defines its functions). */
    static String bash(String script) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", "source \"$1\"; " + script, "bash", LAUNCHER.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(err).isZero();
        assertThat(err).isEmpty();
        return out.strip();
    }

    static Path meminfo(Path dir, long kib) throws Exception {
        return Files.writeString(dir.resolve("meminfo-" + kib), "MemTotal:       " + kib + " kB\nMemFree:        1234 kB\n");
    }

    @Test
    void defaultsFollowTheMachinesMemory(@TempDir Path tmp) throws Exception {
        // a "16 GB" laptop: MemTotal 15.5 GiB = 15 921 MiB; 3/4 of it = 11 940 MiB, heap 2/5 and off-heap 3/5 of that
        Path laptop = meminfo(tmp, 16_303_456);
        assertThat(bash("machine_memory_mib " + laptop)).isEqualTo("15921");
        assertThat(bash("memory_defaults $(machine_memory_mib " + laptop + ")")).isEqualTo("11g 4g 6g");
        // this project's 24 GB machine (MemTotal 23.5 GiB): 17g / 7g / 10g (before: a fixed 20g / 8g / 12g)
        assertThat(bash("memory_defaults $(machine_memory_mib " + meminfo(tmp, 24_683_656) + ")")).isEqualTo("17g 7g 10g");
        // a big server: the heap stops at 31g (compressed pointers end at 32g)
        assertThat(bash("memory_defaults 262144")).isEqualTo("192g 31g 115g");
        // a small one: sizes under 4 GiB in MiB
        assertThat(bash("memory_defaults 2048")).isEqualTo("1536m 614m 921m");
        // no /proc/meminfo (macOS): the former fixed values
        assertThat(bash("memory_defaults $(machine_memory_mib " + tmp.resolve("missing") + ")")).isEqualTo("20g 8g 12g");
    }

    @Test
    void aContainersCgroupLimitLowersTheMemory(@TempDir Path tmp) throws Exception {
        Path machine = meminfo(tmp, 64L * 1024 * 1024); // 64 GiB
        Path v2 = Files.writeString(tmp.resolve("memory.max"), "8589934592\n"); // 8 GiB
        Path v2None = Files.writeString(tmp.resolve("memory.max.none"), "max\n");
        Path v1None = Files.writeString(tmp.resolve("limit_in_bytes"), "9223372036854771712\n"); // cgroup v1: no limit
        assertThat(bash("machine_memory_mib " + machine + " " + v2 + " " + tmp.resolve("absent"))).isEqualTo("8192");
        assertThat(bash("machine_memory_mib " + machine + " " + v2None + " " + v1None)).isEqualTo("65536");
        assertThat(bash("memory_defaults $(machine_memory_mib " + machine + " " + v2 + ")")).isEqualTo("6g 2457m 3686m");
    }
}
