package org.tidl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tidl.cli.CliTest.assertBadInput;
import static org.tidl.cli.CliTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Composite topologies ({@code cycle}, {@code matcha}, {@code relabelled}) build their parts through the plugin
 * API's TopologyResolver: a plugin topology (the example plugin's {@code wheel}) nests inside them, in the bracket
 * grammar, and the deprecated escapes ('|' and ';') still read the same.
 */
class NestedTopologyTest {

    @TempDir
    static Path plugins;

    @BeforeAll
    static void examplePlugin() throws Exception {
        Files.copy(Path.of(System.getProperty("tidl.examplePluginJar")), plugins.resolve("example.jar"));
    }

    /** W(step) of {@code spec} on 8 workers, as {@code export} prints it (dense, one line per row). */
    static String matrix(String spec, int step) {
        CliTest.Result r = run("export", "--plugins", plugins.toString(), "--topology", spec, "--workers", "8",
                "--step", Integer.toString(step));
        assertThat(r.code()).as(spec + ": " + r.err()).isZero();
        assertThat(r.out().lines().count()).as(spec).isEqualTo(8);
        return r.out();
    }

    @Test
    void aPluginTopologyNestsInsideEveryBuiltInComposite() {
        String wheel = matrix("wheel", 0);
        String lazyWheel = matrix("wheel:lazy=0.5", 0);
        String ring = matrix("ring", 0);
        assertThat(wheel).isNotEqualTo(ring).isNotEqualTo(lazyWheel);
        // cycle: W(t) = topos[t mod K].W(t div K)
        assertThat(matrix("cycle:of=[wheel,ring]", 0)).isEqualTo(wheel);
        assertThat(matrix("cycle:of=[wheel,ring]", 1)).isEqualTo(ring);
        assertThat(matrix("cycle:of=[ring,wheel:lazy=0.5]", 1)).isEqualTo(lazyWheel);
        assertThat(matrix("cycle:of=[ring,[wheel:lazy=0.5],star]", 1)).isEqualTo(lazyWheel);
        // relabelled: with 2 graphs odd steps use copy 0, the base itself; even steps a permuted copy
        assertThat(matrix("relabelled:base=[wheel:lazy=0.5],graphs=2", 1)).isEqualTo(lazyWheel);
        assertThat(matrix("relabelled:base=[wheel:lazy=0.5],graphs=2", 0)).isNotEqualTo(lazyWheel);
        // two levels: a cycle through a relabelled wheel and a ring
        assertThat(matrix("cycle:of=[[relabelled:base=[wheel:lazy=0.5],graphs=2],ring]", 2))
                .isEqualTo(matrix("relabelled:base=[wheel:lazy=0.5],graphs=2", 1));
        // matcha on the wheel: every W(t) only uses the wheel's edges (and the diagonal)
        String matcha = matrix("matcha:base=wheel,budget=0.5,seed=3", 4);
        String[] wheelRows = wheel.split("\n");
        String[] matchaRows = matcha.split("\n");
        int edges = 0;
        for (int i = 0; i < 8; i++) {
            String[] a = wheelRows[i].split(",");
            String[] b = matchaRows[i].split(",");
            for (int j = 0; j < 8; j++) {
                if (i != j && Double.parseDouble(b[j]) != 0) {
                    assertThat(Double.parseDouble(a[j])).as("matcha edge " + i + "-" + j).isNotZero();
                    edges++;
                }
            }
        }
        assertThat(edges).as("matcha W(4) has active matchings").isPositive();
    }

    @Test
    void theDeprecatedEscapesStillReadTheSame() {
        assertThat(matrix("cycle:of=wheel|torus:rows=2;cols=4", 1)).isEqualTo(matrix("torus:rows=2,cols=4", 0));
        assertThat(matrix("cycle:of=wheel|torus:rows=2;cols=4", 1))
                .isEqualTo(matrix("cycle:of=[wheel,torus:rows=2,cols=4]", 1));
        assertThat(matrix("relabelled:base=wheel:lazy=0.5,graphs=2", 1)).isEqualTo(matrix("wheel:lazy=0.5", 0));
        assertThat(matrix("matcha:base=erdos-renyi:p=0.5;seed=2,budget=0.5", 3))
                .isEqualTo(matrix("matcha:base=[erdos-renyi:p=0.5,seed=2],budget=0.5", 3));
    }

    @Test
    void badNestedSpecsSayWhatIsWrongInOneLine() {
        assertBadInput(run("export", "--plugins", plugins.toString(), "--topology", "cycle:of=[whel,ring]", "--workers", "8"),
                "topology 'cycle:of=[whel,ring]'", "unknown topology 'whel'", "did you mean 'wheel'");
        assertBadInput(run("export", "--plugins", plugins.toString(), "--topology", "cycle:of=[wheel,ring", "--workers", "8"),
                "unbalanced brackets");
        assertBadInput(run("export", "--plugins", plugins.toString(), "--topology", "matcha:base=torus:rows=2,cols=4",
                "--workers", "8"), "unknown parameter 'cols'", "in brackets", "base=[torus:rows=4,cols=8]");
        assertBadInput(run("export", "--plugins", plugins.toString(), "--topology", "wheel", "--workers", "3"),
                "wheel needs workers >= 4");
        assertBadInput(run("export", "--plugins", plugins.toString(), "--topology", "cycle:of=[ring,wheel]", "--workers", "3"),
                "topology 'cycle:of=[ring,wheel]'", "wheel needs workers >= 4");
    }
}
