package org.tidl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.tidl.cli.CliTest.assertBadInput;
import static org.tidl.cli.CliTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidl.core.io.CsvReader;

/** Optimizers in the CLI: list, the quadratic simulator, optimizer plugins and their errors. */
class QuadraticCliTest {

    @Test
    void listShowsOptimizers(@TempDir Path empty) {
        CliTest.Result text = run("list", "--plugins", empty.toString());
        assertThat(text.out()).contains("Optimizers", "dsgd-atc", "all-reduce", "momentum: real in [0, 1)");
        CliTest.Result csv = run("list", "--format", "csv", "--plugins", empty.toString());
        assertThat(csv.out()).contains("optimizer,dsgd,built-in,", "optimizer,dsgd-atc,built-in,",
                "optimizer,alone,built-in,", "optimizer,all-reduce,built-in,");
    }

    @Test
    void quadraticMatchesTheoryAndFlagsDivergence() {
        CliTest.Result r = run("quadratic", "--topology", "fully-connected", "--topology", "solo", "--workers", "16",
                "--dim", "20", "--lr", "0.3", "--steps", "60", "--target", "0", "--seeds", "16");
        assertThat(r.code()).as(r.err()).isZero();
        List<Map<String, String>> rows = CsvReader.parse(r.out());
        assertThat(r.out()).startsWith("topology,optimizer,workers,dim,batch,zeta,lr,steps,target_mean_worker_sq_norm,seeds,"
                + "steps_to_target,seeds_reached,measured_rate,measured_rate_se,predicted_rate_eq7,predicted_rate_precise,"
                + "predicted_steps_to_target,diverged,diverged_seeds");
        Map<String, String> fc = rows.get(0);
        double measured = Double.parseDouble(fc.get("measured_rate"));
        double se = Double.parseDouble(fc.get("measured_rate_se"));
        double eq3 = 1 - 0.49 - 21 * 0.09 / 16; // Eq. 3 with zeta = 22
        assertThat(Double.parseDouble(fc.get("predicted_rate_eq7"))).isCloseTo(eq3, within(1e-7));
        assertThat(Double.parseDouble(fc.get("predicted_rate_precise"))).isCloseTo(eq3, within(1e-9));
        assertThat(measured).isCloseTo(eq3, within(4 * se));
        // alone at lr 0.3 > 2/zeta diverges: recorded, not a crash
        Map<String, String> solo = rows.get(1);
        assertThat(solo.get("diverged")).isEqualTo("true");
        assertThat(solo.get("diverged_seeds")).isEqualTo("16");
        assertThat(solo.get("steps_to_target")).isEmpty();
        assertThat(solo.get("predicted_rate_eq7")).isEmpty();
    }

    @Test
    void sameCommandSameBytesAndQuotedSpecs() {
        String[] cmd = {"quadratic", "--topology", "circulant:offsets=1,3", "--workers", "8", "--dim", "10", "--lr",
                "0.05,0.1", "--steps", "300", "--seeds", "3", "--optimizer", "dsgd:momentum=0.5,weight-decay=0.01"};
        CliTest.Result a = run(cmd);
        CliTest.Result b = run(cmd);
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(a.out()).isEqualTo(b.out());
        assertThat(a.out()).contains("\"circulant:offsets=1,3\",\"dsgd:momentum=0.5,weight-decay=0.01\",8,10,1,12,0.05,");
        // no theory for momentum: the prediction columns are empty
        assertThat(CsvReader.parse(a.out()).get(0).get("predicted_rate_precise")).isEmpty();
    }

    @Test
    void badQuadraticInput() {
        assertBadInput(run("quadratic", "--topology", "ring", "--workers", "8", "--lr", "0.1", "--optimizer", "adam"),
                "unknown optimizer 'adam'", "dsgd-atc");
        assertBadInput(run("quadratic", "--topology", "ring", "--workers", "8", "--lr", "0"), "--lr");
        assertBadInput(run("quadratic", "--topology", "ring", "--workers", "8", "--lr", "0.1", "--optimizer",
                "dsgd:momentum=1.5"), "momentum", "[0, 1)");
        assertBadInput(run("quadratic", "--topology", "ring", "--workers", "8", "--lr", "0.1", "--target", "1"), "--target");
        assertBadInput(run("quadratic", "--topology", "hypercube", "--workers", "6", "--lr", "0.1"), "hypercube");
    }

    @Test
    void optimizerPluginsAreFoundAndBrokenOnesRefused(@TempDir Path tmp) throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Files.copy(Path.of(System.getProperty("tidl.examplePluginJar")), plugins.resolve("example.jar"));
        String create = "public org.tidl.api.OptimizerConfig configure(org.tidl.api.Parameters p) { %s }";
        String params = "public java.util.List<org.tidl.api.Parameter> parameters() { return java.util.List.of("
                + "org.tidl.api.Parameter.real(\"lr\", 0.1, 0, 10, false, \"lr\")); }";
        CliTest.buildPlugin(tmp, plugins.resolve("broken-optimizers.jar"), List.of(
                optimizer("Refuses", "refuses", params, String.format(create, "throw new IllegalArgumentException(\"lr too exotic\");")),
                optimizer("Crashes", "crashes", params, configure("return (c, x) -> { throw new IllegalStateException(\"kaboom\"); };"))),
                "org.tidl.api.OptimizerProvider");
        CliTest.Result list = run("list", "--format", "csv", "--plugins", plugins.toString());
        assertThat(list.out()).contains("optimizer,multi-gossip,example.jar,", "optimizer,refuses,broken-optimizers.jar,");

        // the example plugin runs, and two gossip rounds per step converge faster than one on a ring
        CliTest.Result two = run("quadratic", "--plugins", plugins.toString(), "--topology", "ring", "--workers", "16",
                "--dim", "30", "--lr", "0.15", "--target", "0", "--steps", "200", "--seeds", "8", "--optimizer", "multi-gossip");
        CliTest.Result one = run("quadratic", "--plugins", plugins.toString(), "--topology", "ring", "--workers", "16",
                "--dim", "30", "--lr", "0.15", "--target", "0", "--steps", "200", "--seeds", "8", "--optimizer", "multi-gossip:rounds=1");
        assertThat(two.code()).as(two.err()).isZero();
        double rTwo = Double.parseDouble(CsvReader.parse(two.out()).get(0).get("measured_rate"));
        double rOne = Double.parseDouble(CsvReader.parse(one.out()).get(0).get("measured_rate"));
        // rounds=1 is adapt-then-combine D-SGD: the exact rate applies
        double precise = Double.parseDouble(CsvReader.parse(run("quadratic", "--topology", "ring", "--workers", "16",
                "--dim", "30", "--lr", "0.15", "--target", "0", "--steps", "1", "--seeds", "1").out()).get(0).get("predicted_rate_precise"));
        assertThat(rOne).isCloseTo(precise, within(0.01));
        assertThat(rTwo).isGreaterThan(rOne + 0.03); // 0.205 vs 0.155

        assertBadInput(run("quadratic", "--plugins", plugins.toString(), "--topology", "ring", "--workers", "4",
                "--lr", "0.1", "--optimizer", "refuses"), "optimizer 'refuses'", "broken-optimizers.jar", "lr too exotic");
        CliTest.Result crash = run("quadratic", "--plugins", plugins.toString(), "--topology", "ring", "--workers", "4",
                "--lr", "0.1", "--optimizer", "crashes");
        assertThat(crash.code()).isNotZero();
        assertThat(crash.out()).isEmpty();
        assertThat(crash.err().strip()).doesNotContain("\n").contains("kaboom");
    }

    /** An API 2 {@code configure} whose configuration keeps no state and whose {@code start} runs {@code startBody}. */
    static String configure(String startBody) {
        return "public org.tidl.api.OptimizerConfig configure(org.tidl.api.Parameters p) {"
                + " return new org.tidl.api.OptimizerConfig() {"
                + " public org.tidl.api.StateSize stateSize(int n, long d) { return org.tidl.api.StateSize.matrices(0); }"
                + " public org.tidl.api.DecentralizedOptimizer start(org.tidl.api.RunContext run) { " + startBody + " } }; }";
    }

    static String[] optimizer(String cls, String name, String params, String create) {
        String src = "package test;\n"
                + "public class " + cls + " implements org.tidl.api.OptimizerProvider {\n"
                + "public String name() { return \"" + name + "\"; }\n"
                + "public String description() { return \"test plugin\"; }\n"
                + "public int apiVersion() { return org.tidl.api.PluginApi.VERSION; }\n"
                + params + "\n" + create + "\n}\n";
        return new String[] {cls, src};
    }
}
