package org.tidl.dl.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidl.core.InvalidInputException;

/** Experiment files and --set: every key checked against its declared range before anything runs. */
class ExperimentTest {

    static final String BASE = String.join("\n", "name = t", "dataset = fashion-mnist", "model = mlp", "hidden = 32",
            "workers = 4", "batch = 16", "steps = 40", "topologies = ring", "learning-rates = 0.1");

    static Experiment parse(String... set) {
        return Experiment.parse(BASE, "t.exp", List.of(set));
    }

    static void refused(String set, String message) {
        assertThatThrownBy(() -> parse(set)).as(set).isInstanceOf(InvalidInputException.class).hasMessage(message);
    }

    @Test
    void wholeNumbersOutsideTheirRangeAreRefusedNotWrapped() {
        refused("steps=4294967297", "steps must be a whole number in [1, 2147483647], got '4294967297'");
        refused("steps=2147483648", "steps must be a whole number in [1, 2147483647], got '2147483648'");
        refused("hidden=4294967296", "hidden must be a whole number in [1, 1000000], got '4294967296'");
        refused("batch=1000000000", "batch must be a whole number in [1, 100000], got '1000000000'");
        refused("eval-train-examples=-5", "eval-train-examples must be a whole number in [0, 2147483647], got '-5'");
        refused("covariance-after=-1", "covariance-after must be a whole number in [0, 2147483647], got '-1'");
        refused("covariance-steps=0", "covariance-steps must be a whole number in [1, 2147483647], got '0'");
        refused("workers=4,0", "workers values must be a whole number in [1, 2147483647], got 0");
        refused("workers=8589934593", "workers values must be a whole number in [1, 2147483647], got 8589934593");
        assertThat(parse("steps=2147483647").steps()).isEqualTo(Integer.MAX_VALUE);
        // seeds keep all 64 bits
        assertThat(parse("seeds=9007199254740993").cells().get(0).seed()).isEqualTo(9007199254740993L);
    }

    @Test
    void nonsenseValuesAreRefused() {
        refused("learning-rates=,", "learning-rates must hold at least one number (numbers separated by commas,"
                + " or lin:A:B:K / log:A:B:K / pow2half:K1:K2), got ','");
        refused("learning-rates=0.1,-1", "learning-rates values must be a number >= 0, got -1");
        refused("abort-test-loss=NaN", "abort-test-loss must be a number > 0, got 'NaN'");
        refused("abort-test-loss=-1", "abort-test-loss must be a number > 0, got '-1'");
        refused("abort-test-loss=0", "abort-test-loss must be a number > 0, got '0'");
        refused("ema=NaN", "ema must be none or a number in [0, 1), got 'NaN'");
        refused("non-iid-alpha=0", "non-iid-alpha must be none or a number > 0, got '0'");
        refused("covariance-fraction=0", "covariance-fraction must be a number in (0, 1], got '0'");
        assertThat(parse("abort-test-loss=1e9").abortTestLoss()).isEqualTo(1e9);
    }

    // a repeated grid value trained the same cells twice, and plot counted the copies as seeds
    @Test
    void eachGridValueIsGivenOnceAndNoSpecIsEmpty() {
        refused("topologies=ring;ring", "topologies: ring is listed twice (each grid value once)");
        refused("learning-rates=0.1,0.10", "learning-rates: 0.1 is listed twice (each grid value once)");
        refused("seeds=1,1", "seeds: 1 is listed twice (each grid value once)");
        refused("workers=4,4", "workers: 4 is listed twice (each grid value once)");
        refused("optimizer=dsgd-atc;dsgd-atc", "optimizer: dsgd-atc is listed twice (each grid value once)");
        refused("topologies=ring;;star", "topologies: an empty entry between ';' (give each spec once, e.g. ring; star)");
        assertThat(parse("topologies=ring; star;").topologies()).containsExactly("ring", "star"); // a trailing ';' is harmless
    }

    @Test
    void aKeyGivenTwiceIsRefused() {
        assertThatThrownBy(() -> Experiment.parse(BASE + "\n# again\nsteps = 50\n", "t.exp", List.of()))
                .hasMessage("t.exp:11: key 'steps' is given twice (first on line 7); keep one");
        assertThatThrownBy(() -> parse("steps=1", "steps = 2")).hasMessage("set: key 'steps' is given twice; give it once");
        // --set overrides the file: that is what it is for
        assertThat(parse("steps=5").steps()).isEqualTo(5);
    }

    @Test
    void aByteOrderMarkAndWindowsLineEndsAreRead(@TempDir Path dir) throws Exception {
        Path f = Files.write(dir.resolve("w.exp"), ("\uFEFF" + BASE.replace("\n", "\r\n") + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        Experiment x = Experiment.read(f, List.of());
        assertThat(x.name()).isEqualTo("t");
        assertThat(x.steps()).isEqualTo(40);
    }

    @Test
    void theSettingsAreTypedOnceAndTheStoredTextKeepsTheGivenValues() {
        Experiment x = parse("learning-rates=0.1,0.2", "seeds=3,4", "ema=0.95", "dataset=cifar10", "model=vgg11",
                "schedule=step-decay", "topologies=ring; star", "learning-rates@star=0.5");
        assertThat(x.dataset().name()).isEqualTo("cifar10");
        assertThat(x.augment()).isTrue(); // augment = auto follows the dataset: on for CIFAR-10
        assertThat(parse().augment()).isFalse();
        assertThat(x.model().name()).isEqualTo("vgg11");
        assertThat(x.ema()).isEqualTo(0.95);
        assertThat(Double.isNaN(x.nonIidAlpha())).isTrue();
        assertThat(x.split()).isEqualTo(Experiment.Split.IID);
        // workers x optimizer x topology x learning rate x seed, each topology with its own rates
        assertThat(x.cells()).extracting(c -> c.topology() + "@" + c.learningRate() + "#" + c.seed()).containsExactly(
                "ring@0.1#3", "ring@0.1#4", "ring@0.2#3", "ring@0.2#4", "star@0.5#3", "star@0.5#4");
        assertThat(x.learningRateScale(29)).isEqualTo(1.0);
        assertThat(x.learningRateScale(30)).isEqualTo(0.1); // step-decay: x0.1 from 75% of the 40 steps
        assertThat(x.learningRateScale(36)).isEqualTo(0.01);
        // the stored settings: every key as written (defaults filled in) sorted, without description and data-dir
        assertThat(parse("ema=0.950").resolved()).isEqualTo(String.join("\n", "abort-test-loss = 2.6", "augment = auto",
                "batch = 16", "covariance-after = 0", "covariance-fraction = 0.01", "covariance-repetitions = 100",
                "covariance-steps = 100", "dataset = fashion-mnist", "ema = 0.950", "eval-test-examples = 0",
                "eval-train-examples = 0", "evaluations = 5", "hidden = 32", "learning-rates = 0.1", "model = mlp",
                "name = t", "non-iid-alpha = none", "optimizer = dsgd-atc", "schedule = constant", "seeds = 1",
                "split = iid", "steps = 40", "topologies = ring", "workers = 4") + "\n");
    }

    @Test
    void misspeltKeysAndNamesGetTheCloseOnes() {
        refused("stesp=3", "set: unknown key 'stesp' (did you mean 'steps'? valid: " + String.join(", ",
                Experiment.KEYS.keySet()) + ", learning-rates@TOPOLOGY)");
        refused("dataset=fashion", "dataset must be fashion-mnist or cifar10, got 'fashion' (did you mean 'fashion-mnist'?)");
        refused("model=mpl", "model must be mlp or vgg11, got 'mpl' (did you mean 'mlp'?)");
        refused("schedule=step", "schedule must be constant or step-decay, got 'step' (did you mean 'step-decay'?)");
        assertThatThrownBy(() -> parse("schedule=cosine")).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.parameter()).isEqualTo("schedule"));
    }
}
