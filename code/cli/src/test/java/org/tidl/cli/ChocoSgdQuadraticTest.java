package org.tidl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidl.api.GossipScheme;
import org.tidl.core.OptimizerRegistry;
import org.tidl.core.TopologyRegistry;
import org.tidl.core.quadratic.QuadraticRun;

/**
 * CHOCO-SGD (Koloskova et al. 2019, Algorithm 2), the example plugin's optimizer written only against the plugin API,
 * on the quadratic simulator, loaded from the plugin jar as a user's would be.
 */
class ChocoSgdQuadraticTest {

    @TempDir
    static Path plugins;
    static OptimizerRegistry optimizers;
    static TopologyRegistry topologies;

    @BeforeAll
    static void load() throws Exception {
        Files.copy(Path.of(System.getProperty("tidl.examplePluginJar")), plugins.resolve("example.jar"));
        optimizers = OptimizerRegistry.load(List.of(plugins));
        topologies = TopologyRegistry.load(List.of(plugins));
    }

    static double[] loss(String topology, String optimizer, int steps, long seed) {
        GossipScheme s = topologies.build(topology, 16).scheme();
        return QuadraticRun.simulate(s, optimizers.resolve(optimizer, Map.of()), 30, 1, steps, 0, seed).loss();
    }

    @Test
    void withoutCompressionAndGammaOneItIsAdaptThenCombineDsgd() {
        // Q = identity, gamma = 1: x_hat = x^{t+1/2} after each step, so x <- x^{t+1/2} + (W x_hat - x_hat) = W (x - lr g)
        double[] choco = loss("ring", "choco-sgd:lr=0.1,gamma=1,compressor=top-k,ratio=1", 300, 5);
        double[] atc = loss("ring", "dsgd-atc:lr=0.1", 300, 5);
        for (int t = 0; t < atc.length; t++) {
            assertThat(choco[t]).as("step " + t).isCloseTo(atc[t], within(1e-12 * atc[t]));
        }
    }

    @Test
    void withGammaZeroTheWorkersDoNotTalk() {
        // gamma = 0: x <- x - lr g, whatever is compressed and sent: D-SGD on the topology without edges
        double[] choco = loss("ring", "choco-sgd:lr=0.1,gamma=0,compressor=sign", 200, 3);
        double[] solo = loss("solo", "dsgd-atc:lr=0.1", 200, 3);
        assertThat(choco).containsExactly(solo);
        assertThat(loss("ring", "dsgd-atc:lr=0.1", 200, 3)).isNotEqualTo(solo);
    }

    /** The measured linear rate -ln(loss_T) / T (the loss falls geometrically on this noise-scaled quadratic). */
    static double rate(double[] loss) {
        return -Math.log(loss[loss.length - 1]) / (loss.length - 1);
    }

    @Test
    void compressedGossipKeepsMostOfWhatGossipGains() {
        double atc = rate(loss("ring", "dsgd-atc:lr=0.05", 3000, 7));
        double solo = rate(loss("solo", "dsgd-atc:lr=0.05", 3000, 7));
        double topK = rate(loss("ring", "choco-sgd:lr=0.05,gamma=0.3,compressor=top-k,k=3", 3000, 7));
        double sign = rate(loss("ring", "choco-sgd:lr=0.05,gamma=0.3,compressor=sign", 3000, 7));
        assertThat(atc).isGreaterThan(2 * solo); // gossip pays on this problem
        for (double c : new double[] {topK, sign}) {
            // sending a tenth of the entries (or one bit each) keeps more than 80 % of the gain, never beats full gossip
            assertThat(c).isGreaterThan(solo + 0.8 * (atc - solo)).isLessThan(atc);
        }
    }
}
