package org.tidl.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidl.api.GossipMatrix;
import org.tidl.core.theory.GraphProperties;
import org.tidl.core.theory.SpectralGap;

/** Topology definitions against the authors' topologies.py and its published spectral gaps. */
class TopologiesTest {

    static final TopologyRegistry REG = TopologyRegistry.builtIn();

    static GossipMatrix w(String spec, int n) {
        return REG.build(spec, n).scheme().matrix(0);
    }

    static double gap(String spec, int n) {
        return SpectralGap.of(REG.build(spec, n).scheme());
    }

    @Test
    void publishedSpectralGaps() {
        // Fig. 4 caption: star 0.031, ring 0.013 (claims 1, 2); Fig. 6 right (claim 8); Fig. 1 right (claim 12)
        assertThat(gap("star", 32)).isCloseTo(1.0 / 32, within(1e-12));
        assertThat(gap("star", 32)).isCloseTo(0.031, within(0.0005));
        assertThat(gap("ring", 32)).isCloseTo(1 - (1 + 2 * Math.cos(2 * Math.PI / 32)) / 3, within(1e-12));
        assertThat(gap("ring", 32)).isCloseTo(0.013, within(0.0005));
        assertThat(gap("binary-tree", 32)).isCloseTo(0.0101, within(0.002));
        assertThat(gap("two-cliques", 32)).isCloseTo(0.0066, within(0.002));
        assertThat(gap("social-network", 32)).isCloseTo(0.0821, within(0.002));
        assertThat(gap("circulant:offsets=1,8", 32)).isCloseTo(0.1172, within(0.002));
        assertThat(gap("hypercube", 32)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(gap("time-varying-exponential", 32)).isEqualTo(1.0);
        assertThat(gap("ring", 1)).isEqualTo(1.0);
        assertThat(gap("ring", 2)).isCloseTo(1.0, within(1e-12));
        assertThat(gap("ring", 4)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(gap("ring", 8)).isCloseTo(0.1953, within(1e-4));
        assertThat(gap("solo", 32)).isEqualTo(0.0);
        // uni-ring eigenvalues (1 + e^{2πik/n})/2 have modulus |cos(πk/n)|
        assertThat(gap("unidirectional-ring", 32)).isCloseTo(1 - Math.cos(Math.PI / 32), within(1e-12));
    }

    @Test
    void maxDegreeWeightsAsThePaperCode() {
        GossipMatrix tc = w("two-cliques", 32);
        assertThat(tc.get(0, 1)).isEqualTo(1.0 / 17);
        assertThat(tc.get(0, 16)).isEqualTo(1.0 / 17);
        assertThat(tc.get(1, 2)).isEqualTo(1.0 / 16);
        assertThat(tc.get(0, 0)).isCloseTo(1 - 16.0 / 17, within(1e-15));
        assertThat(tc.get(1, 1)).isCloseTo(1 - 1.0 / 17 - 14.0 / 16, within(1e-15));
        // "Torus (2x16)": neighbor i+16 listed twice, written once: self weight 0.4
        GossipMatrix t216 = w("circulant:offsets=1,16", 32);
        assertThat(t216.get(0, 16)).isEqualTo(0.2);
        assertThat(t216.get(0, 0)).isCloseTo(0.4, within(1e-15));
        GossipMatrix star = w("star", 32);
        assertThat(star.get(5, 5)).isCloseTo(1 - 1.0 / 32, within(1e-15));
        assertThat(star.get(0, 0)).isCloseTo(1.0 / 32, within(1e-15));
        assertThat(w("ring", 2).get(0, 1)).isEqualTo(0.5);
        assertThat(w("ring", 32).get(0, 31)).isEqualTo(1.0 / 3);
        // binary tree: node 0 has the single child 1; 17 nodes of degree 1, 15 of degree 3 at n = 32
        GossipMatrix bt = w("binary-tree", 32);
        assertThat(bt.get(0, 1)).isEqualTo(1.0 / 4);
        int leaves = 0;
        for (int i = 0; i < 32; i++) {
            int[] deg = {0};
            final int row = i;
            bt.forEachInRow(i, (j, v) -> { if (j != row) { deg[0]++; } });
            leaves += deg[0] == 1 ? 1 : 0;
        }
        assertThat(leaves).isEqualTo(17);
        // one-peer exponential: i averages with i + 2^t
        GossipMatrix tv2 = REG.build("time-varying-exponential", 32).scheme().matrix(2);
        assertThat(tv2.get(3, 7)).isEqualTo(0.5);
        assertThat(tv2.get(3, 3)).isEqualTo(0.5);
        assertThat(REG.build("time-varying-exponential", 32).scheme().period()).isEqualTo(5);
        GossipMatrix ls = REG.build("local-steps:period=4", 8).scheme().matrix(3);
        assertThat(ls.get(2, 5)).isEqualTo(1.0 / 8);
        assertThat(REG.build("local-steps:period=4", 8).scheme().matrix(4).get(2, 5)).isEqualTo(0.0);
    }

    @Test
    void graphFacts() {
        GraphProperties social = GraphProperties.of(REG.build("social-network", 32).scheme());
        assertThat(social.edges()).isEqualTo(89);
        assertThat(social.maxDegree()).isEqualTo(14);
        assertThat(social.minDegree()).isEqualTo(2);
        GraphProperties torus = GraphProperties.of(REG.build("torus:rows=4,cols=8", 32).scheme());
        assertThat(torus.edges()).isEqualTo(64);
        assertThat(torus.diameter()).isEqualTo(2 + 4);
        GraphProperties tree3 = GraphProperties.of(REG.build("tree:degree=3", 22).scheme());
        assertThat(tree3.edges()).isEqualTo(21);
        assertThat(tree3.maxDegree()).isEqualTo(3);
        assertThat(GraphProperties.of(REG.build("solo", 4).scheme()).diameter()).isInfinite();
        GraphProperties uni = GraphProperties.of(REG.build("unidirectional-ring", 8).scheme());
        assertThat(uni.symmetric()).isFalse();
        assertThat(uni.doublyStochastic()).isTrue();
        GraphProperties star = GraphProperties.of(REG.build("star", 6).scheme());
        assertThat(star.symmetric()).isTrue();
        // large sparse graphs stay cheap: a ring of 2^20 workers
        GraphProperties big = GraphProperties.of(REG.build("ring", 1 << 20).scheme());
        assertThat(big.edges()).isEqualTo(1 << 20);
        assertThat(big.diameter()).isEqualTo(1 << 19);
    }

    @Test
    void everyBuiltInIsStochasticForManySizes() {
        String[] specs = {"ring", "unidirectional-ring", "chain", "star", "fully-connected", "solo", "binary-tree",
            "tree:degree=4", "mix:gap=0.3", "circulant:offsets=1,3"};
        for (String s : specs) {
            for (int n : new int[] {1, 2, 3, 5, 16, 33}) {
                var scheme = REG.build(s, n).scheme();
                for (int t = 0; t < scheme.period(); t++) {
                    assertThat(SchemeValidator.problem(scheme.matrix(t), n)).as(s + " n=" + n).isNull();
                }
            }
        }
        for (int n : new int[] {2, 4, 64}) {
            assertThat(REG.build("two-cliques", n).scheme().size()).isEqualTo(n);
            assertThat(REG.build("hypercube", n).scheme().size()).isEqualTo(n);
            assertThat(REG.build("time-varying-exponential", n).scheme().size()).isEqualTo(n);
        }
    }

    @Test
    void impossibleSizesAreClearErrors() {
        assertThatThrownBy(() -> REG.build("hypercube", 30)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("power of 2").hasMessageContaining("30");
        assertThatThrownBy(() -> REG.build("torus:rows=4,cols=7", 32)).hasMessageContaining("rows*cols");
        assertThatThrownBy(() -> REG.build("torus", 30)).hasMessageContaining("perfect square");
        assertThatThrownBy(() -> REG.build("social-network", 31)).hasMessageContaining("32");
        assertThatThrownBy(() -> REG.build("time-varying-exponential", 1)).hasMessageContaining(">= 2");
        assertThatThrownBy(() -> REG.build("two-cliques", 1)).hasMessageContaining(">= 2");
        assertThatThrownBy(() -> REG.build("nope", 4)).hasMessageContaining("unknown topology 'nope'")
                .hasMessageContaining("ring").hasMessageContaining("hypercube");
        assertThatThrownBy(() -> REG.build("mix:gap=1.5", 4)).hasMessageContaining("'gap'").hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> REG.build("ring:foo=1", 4)).hasMessageContaining("unknown parameter 'foo'");
        assertThatThrownBy(() -> REG.build("local-steps", 4)).hasMessageContaining("'period' is required");
    }

    @Test
    void specParsingKeepsListValues() {
        PluginSpec s = PluginSpec.parse("circulant:offsets=1,8");
        assertThat(s.name()).isEqualTo("circulant");
        assertThat(s.values()).containsEntry("offsets", "1,8");
        PluginSpec t = PluginSpec.parse("torus:rows=4,cols=8");
        assertThat(t.values()).containsEntry("rows", "4").containsEntry("cols", "8");
        assertThatThrownBy(() -> PluginSpec.parse("ring:,x")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void matrixFiles(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("w.csv");
        Files.writeString(good, "# lazy ring of 3\n0.5,0.25,0.25\n0.25,0.5,0.25\n0.25 0.25 0.5\n");
        assertThat(w("matrix:file=" + good, 3).get(0, 0)).isEqualTo(0.5);
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "0.5,0.25,0.25\n0.25,0.5,0.3\n0.25,0.25,0.5\n");
        assertThatThrownBy(() -> REG.build("matrix:file=" + bad, 3)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("row 1 sums to");
        Path neg = dir.resolve("neg.csv");
        Files.writeString(neg, "1.5,-0.5\n0.5,0.5\n");
        assertThatThrownBy(() -> REG.build("matrix:file=" + neg, 2)).hasMessageContaining("must be >= 0");
        assertThatThrownBy(() -> REG.build("matrix:file=" + dir.resolve("none.csv"), 3)).hasMessageContaining("not found");
        assertThatThrownBy(() -> REG.build("matrix:file=" + good, 4)).hasMessageContaining("3 rows, but workers = 4");
        Path text = dir.resolve("text.csv");
        Files.writeString(text, "a,b\n1,0\n");
        assertThatThrownBy(() -> REG.build("matrix:file=" + text, 2)).hasMessageContaining("not a number");
    }

    @Test
    void gossipMatrixApplyMatchesDenseProduct() {
        GossipMatrix m = w("social-network", 32);
        double[][] dense = m.toDense();
        int d = 3;
        double[] x = new double[32 * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.sin(i * 1.7);
        }
        double[] y = new double[x.length];
        m.apply(x, y, d);
        for (int i = 0; i < 32; i++) {
            for (int c = 0; c < d; c++) {
                double s = 0;
                for (int j = 0; j < 32; j++) {
                    s += dense[i][j] * x[j * d + c];
                }
                assertThat(y[i * d + c]).isCloseTo(s, within(1e-14));
            }
        }
        GossipMatrix avg = GossipMatrix.mixture(4, 0.25);
        double[] v = {1, 2, 3, 4};
        double[] out = new double[4];
        avg.apply(v, out, 1);
        assertThat(out[0]).isCloseTo(0.75 * 1 + 0.25 * 2.5, within(1e-15));
    }
}
