package org.tidl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tidl.cli.CliTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidl.core.io.CsvReader;

/**
 * Data sets, models and learning-rate schedules as third-party jars in {@code --plugins DIR}: found through
 * the org.tidl.dl.spi interfaces, used by {@code train}, named in the valid names, and a failing one named by
 * its jar and class.
 */
class DlPluginCliTest {

    static final String DATASET = "org.tidl.dl.spi.DatasetProvider";
    static final String MODEL = "org.tidl.dl.spi.ModelProvider";
    static final String SCHEDULE = "org.tidl.dl.spi.ScheduleProvider";

    /**
     * "blobs": 1×2×2 images of two classes, every pixel +1 (class 1) or −1 (class 0) plus noise of ±0.25: linearly
     * separable, so a linear model reaches accuracy 1. {@code failure} goes into load() (a broken plugin).
     */
    static String[] blobs(String failure) {
        return new String[] {"Blobs", """
                package test;
                import java.nio.file.Path;
                import java.util.List;
                import org.tidl.dl.data.Images;
                import org.tidl.dl.spi.DatasetProvider;
                import org.tidl.dl.spi.DatasetShape;
                public class Blobs implements DatasetProvider {
                    public String name() { return "blobs"; }
                    public DatasetShape shape() { return new DatasetShape(1, 2, 2, 2, 400, 100); }
                    public Path defaultDirectory() { return Path.of("."); }
                    public List<Path> files(Path dir) { return List.of(); }
                    public Split load(Path dir) {
                        %s
                        return new Split(images(400, 1), images(100, 2));
                    }
                    static Images images(int count, long seed) {
                        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
                        float[] px = new float[count * 4];
                        int[] y = new int[count];
                        for (int i = 0; i < count; i++) {
                            y[i] = i %% 2;
                            for (int k = 0; k < 4; k++) {
                                px[i * 4 + k] = (y[i] == 1 ? 1f : -1f) + (float) (r.nextDouble() - 0.5) / 2;
                            }
                        }
                        return new Images(px, y, count, 1, 2, 2, 2);
                    }
                }
                """.formatted(failure)};
    }

    /** "linear": softmax regression, one dense output layer. */
    static final String[] LINEAR = {"Linear", """
            package test;
            import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
            import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
            import org.deeplearning4j.nn.conf.inputs.InputType;
            import org.deeplearning4j.nn.conf.layers.OutputLayer;
            import org.nd4j.linalg.activations.Activation;
            import org.nd4j.linalg.api.buffer.DataType;
            import org.nd4j.linalg.learning.config.Sgd;
            import org.nd4j.linalg.lossfunctions.LossFunctions;
            import org.tidl.dl.spi.ModelProvider;
            public class Linear implements ModelProvider {
                public String name() { return "linear"; }
                public MultiLayerConfiguration configuration(int c, int h, int w, int classes, int hidden, DataType type) {
                    return new NeuralNetConfiguration.Builder().seed(1).dataType(type).updater(new Sgd(0)).list()
                            .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(c * h * w).nOut(classes)
                                    .activation(Activation.SOFTMAX).build())
                            .build();
                }
                public InputType inputType(int c, int h, int w) { return InputType.feedForward((long) c * h * w); }
            }
            """};

    /** "frozen": learning-rate factor 0, so the parameters never move. */
    static final String[] FROZEN = {"Frozen", """
            package test;
            public class Frozen implements org.tidl.dl.spi.ScheduleProvider {
                public String name() { return "frozen"; }
                public double scale(int step, int steps) { return 0; }
            }
            """};

    static Path experiment(Path dir, String... extra) throws Exception {
        StringBuilder sb = new StringBuilder(String.join("\n", "name = blobs-run", "dataset = blobs", "model = linear",
                "workers = 2", "batch = 8", "steps = 40", "topologies = ring", "learning-rates = 0.5",
                "evaluations = 2"));
        for (String e : extra) {
            sb.append('\n').append(e);
        }
        return Files.writeString(dir.resolve("blobs.exp"), sb.append('\n').toString());
    }

    static Path plugins(Path tmp, String failure) throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        PluginJars.buildDl(tmp, plugins.resolve("blobs.jar"), DATASET, List.<String[]>of(blobs(failure)));
        PluginJars.buildDl(tmp, plugins.resolve("linear.jar"), MODEL, List.<String[]>of(LINEAR));
        PluginJars.buildDl(tmp, plugins.resolve("frozen.jar"), SCHEDULE, List.<String[]>of(FROZEN));
        return plugins;
    }

    @Test
    void aPluginDatasetAndModelTrainAndAPluginScheduleIsUsed(@TempDir Path tmp) throws Exception {
        Path plugins = plugins(tmp, "");
        Path results = tmp.resolve("results");
        CliTest.Result r = run("train", "--plugins", plugins.toString(), "--experiment", experiment(tmp).toString(),
                "--out", results.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("warning");
        Map<String, String> row = CsvReader.read(results.resolve("blobs-run/runs.csv")).get(0);
        assertThat(row).containsEntry("dataset", "blobs").containsEntry("model", "linear").containsEntry("diverged", "false");
        assertThat(CsvReader.number(row.get("test_accuracy"))).isEqualTo(1.0); // separable: a trained linear model is exact

        // the plugin schedule: factor 0, so both evaluations see the initial parameters (equal losses), and chance accuracy
        CliTest.Result frozen = run("train", "--plugins", plugins.toString(), "--experiment", experiment(tmp).toString(),
                "--set", "schedule=frozen", "--set", "name=blobs-frozen", "--out", results.toString());
        assertThat(frozen.code()).as(frozen.err()).isZero();
        List<Map<String, String>> evals = CsvReader.read(results.resolve("blobs-frozen/evaluations.csv"));
        assertThat(evals).hasSize(2);
        assertThat(evals.get(1).get("train_loss")).isEqualTo(evals.get(0).get("train_loss"));
        assertThat(CsvReader.number(evals.get(1).get("train_loss")))
                .isGreaterThan(CsvReader.number(CsvReader.read(results.resolve("blobs-run/evaluations.csv")).get(1).get("train_loss")));
    }

    @Test
    void listShowsTheBuiltInAndPluginDataSetsModelsAndSchedules(@TempDir Path tmp) throws Exception {
        Path plugins = plugins(tmp, "");
        CliTest.Result csv = run("list", "--format", "csv", "--plugins", plugins.toString());
        assertThat(csv.code()).as(csv.err()).isZero();
        List<String> rows = csv.out().lines().filter(l -> l.matches("(dataset|model|schedule),.*"))
                .map(l -> String.join(",", java.util.Arrays.copyOf(l.split(",", -1), 3))).toList();
        assertThat(rows).containsExactly("dataset,fashion-mnist,built-in", "dataset,cifar10,built-in", "dataset,blobs,blobs.jar",
                "model,mlp,built-in", "model,vgg11,built-in", "model,linear,linear.jar",
                "schedule,constant,built-in", "schedule,step-decay,built-in", "schedule,frozen,frozen.jar");
        CliTest.Result text = run("list", "--plugins", plugins.toString());
        assertThat(text.out()).contains("\nData sets (deep learning)\n", "\nModels (deep learning)\n",
                "\nLearning-rate schedules (deep learning)\n");
    }

    @Test
    void unknownNamesListThePluginsAndAFailingProviderNamesItsJarAndClass(@TempDir Path tmp) throws Exception {
        Path plugins = plugins(tmp, "if (dir != null) throw new IllegalStateException(\"no blobs today\");");
        CliTest.Result misspelt = run("train", "--plugins", plugins.toString(), "--experiment", experiment(tmp).toString(),
                "--set", "dataset=blob", "--out", tmp.resolve("results").toString());
        assertThat(misspelt.code()).isEqualTo(2);
        assertThat(misspelt.out()).isEmpty();
        assertThat(misspelt.err()).isEqualTo("tidl: error: dataset must be fashion-mnist, cifar10 or blobs, got 'blob'"
                + " (did you mean 'blobs'?)" + System.lineSeparator());
        CliTest.Result model = run("train", "--plugins", plugins.toString(), "--experiment", experiment(tmp).toString(),
                "--set", "model=liner", "--out", tmp.resolve("results").toString());
        assertThat(model.err()).isEqualTo("tidl: error: model must be mlp, vgg11 or linear, got 'liner'"
                + " (did you mean 'linear'?)" + System.lineSeparator());

        CliTest.Result broken = run("train", "--plugins", plugins.toString(), "--experiment", experiment(tmp).toString(),
                "--out", tmp.resolve("results").toString());
        assertThat(broken.code()).isEqualTo(2);
        assertThat(broken.out()).isEmpty();
        assertThat(broken.err().lines().filter(l -> l.startsWith("tidl: error:")).toList()).containsExactly(
                "tidl: error: plugin blobs.jar, class test.Blobs: load() failed: IllegalStateException: no blobs today");
        assertThat(broken.err()).doesNotContain("\tat ");

        CliTest.Result bench = run("bench-dl", "--model", "vgg", "--plugins", plugins.toString());
        assertThat(bench.err()).isEqualTo("tidl: error: --model must be mlp, vgg11 or linear, got 'vgg'"
                + " (did you mean 'vgg11'?)" + System.lineSeparator());
    }
}
