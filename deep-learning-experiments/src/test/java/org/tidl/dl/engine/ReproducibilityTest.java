package org.tidl.dl.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidl.core.OptimizerRegistry;
import org.tidl.core.TopologyRegistry;
import org.tidl.dl.data.Images;
import org.tidl.dl.experiment.Experiment;
import org.tidl.dl.experiment.Trainer;

/** The same command twice gives the same bytes, for the model with dropout too. */
class ReproducibilityTest {

    /** Writes a CIFAR-10 binary folder (data_batch_1..5.bin, test_batch.bin) of random records. */
    static Path syntheticCifar(Path dir, int recordsPerFile) throws IOException {
        SplittableRandom r = new SplittableRandom(42);
        for (String f : new String[] {"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
            "data_batch_5.bin", "test_batch.bin"}) {
            byte[] b = new byte[recordsPerFile * 3073];
            for (int k = 0; k < b.length; k++) {
                b[k] = (byte) (k % 3073 == 0 ? r.nextInt(10) : r.nextInt(256));
            }
            Files.write(dir.resolve(f), b);
        }
        return dir;
    }

    static String run(Experiment x, Path data, Path out) throws IOException {
        Images[] sets = Trainer.load(x, data.toString());
        Path dir = new Trainer(x, TopologyRegistry.builtIn(), OptimizerRegistry.builtIn(), sets[0], sets[1])
                .run(out, false, false, new org.tidl.dl.experiment.Sweep.Listener() { });
        StringBuilder sb = new StringBuilder(Files.readString(dir.resolve("evaluations.csv"), StandardCharsets.UTF_8));
        for (String line : Files.readAllLines(dir.resolve("runs.csv"), StandardCharsets.UTF_8)) {
            sb.append(line, 0, line.lastIndexOf(',')).append('\n'); // all but the wall-clock seconds
        }
        return sb.toString();
    }

    @Test
    void twoVggRunsWithDropoutGiveTheSameBytes(@TempDir Path data, @TempDir Path a, @TempDir Path b) throws IOException {
        syntheticCifar(data, 12);
        Experiment x = Experiment.parse(String.join("\n", "name = vgg-repro", "dataset = cifar10", "model = vgg11",
                "workers = 2", "batch = 2", "steps = 2", "topologies = ring", "learning-rates = 0.05", "evaluations = 1",
                "eval-train-examples = 4", "eval-test-examples = 4", "abort-test-loss = 1e9"), "test", List.of());
        String first = run(x, data, a);
        String second = run(x, data, b);
        assertThat(first).contains("vgg-repro");
        assertThat(second).isEqualTo(first);
    }
}
