package org.tidl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tidl.cli.CliTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidl.api.PluginApi;
import org.tidl.core.io.CsvReader;

/**
 * A plugin compiled against plugin API 1 (the interfaces of src/test/resources/plugin-api-1, as tidl 0.1 shipped
 * them: {@code create} methods, no {@code apiVersion()}) is refused with one line naming its jar, class and the API
 * it needs; the other plugins and the built-ins keep working.
 */
class PluginApiVersionTest {

    static final Path API_1 = Path.of("src/test/resources/plugin-api-1/org/tidl/api");

    @Test
    void aPluginBuiltAgainstApiOneIsRefusedByNameAndTheRestWorks(@TempDir Path tmp) throws Exception {
        assertThat(PluginApi.VERSION).isEqualTo(2);
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        String[] oldTopology = {"OldTopology", "package test;\n"
                + "public class OldTopology implements org.tidl.api.TopologyProvider {\n"
                + "public String name() { return \"old-ring\"; }\n"
                + "public String description() { return \"built against API 1\"; }\n"
                + "public org.tidl.api.GossipScheme create(int n, org.tidl.api.Parameters p) {"
                + " return org.tidl.api.GossipScheme.fixed(org.tidl.api.GossipMatrix.identity(n)); }\n}\n"};
        String[] oldOptimizer = {"OldOptimizer", "package test;\n"
                + "public class OldOptimizer implements org.tidl.api.OptimizerProvider {\n"
                + "public String name() { return \"old-sgd\"; }\n"
                + "public String description() { return \"built against API 1\"; }\n"
                + "public org.tidl.api.DecentralizedOptimizer create(org.tidl.api.Parameters p) { return (c, x) -> { }; }\n}\n"};
        List<Path> api1 = List.of(API_1.resolve("TopologyProvider.java"), API_1.resolve("OptimizerProvider.java"));
        PluginJars.build(tmp, plugins.resolve("old-topology.jar"), ReliabilityCliTest.TOPOLOGY,
                List.<String[]>of(oldTopology), List.of("OldTopology"), List.of(), 0, api1);
        PluginJars.build(tmp, plugins.resolve("old-optimizer.jar"), ReliabilityCliTest.OPTIMIZER,
                List.<String[]>of(oldOptimizer), List.of("OldOptimizer"), List.of(), 0, api1);
        Files.copy(Path.of(System.getProperty("tidl.examplePluginJar")), plugins.resolve("example.jar"));

        CliTest.Result list = run("list", "--format", "csv", "--plugins", plugins.toString());
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out()).contains("topology,wheel,example.jar,", "optimizer,choco-sgd,example.jar,",
                "topology,ring,", "optimizer,dsgd,").doesNotContain("old-ring").doesNotContain("old-sgd");
        assertThat(list.err().lines().toList()).containsExactly(
                "tidl: warning: plugin old-topology.jar, class test.OldTopology: skipped: built against plugin API 1;"
                        + " this tidl needs API 2: rebuild against tidl-api 2 (docs/plugins.md)",
                "tidl: warning: plugin old-optimizer.jar, class test.OldOptimizer: skipped: built against plugin API 1;"
                        + " this tidl needs API 2: rebuild against tidl-api 2 (docs/plugins.md)");
        ReliabilityCliTest.assertNoStackTrace(list);

        // asking for the refused plugin says why it is missing, in one line
        CliTest.Result topology = run("describe", "--plugins", plugins.toString(), "--topology", "old-ring",
                "--workers", "4");
        assertRefused(topology, "tidl: error: topology 'old-ring' is not available: plugin old-topology.jar, class"
                + " test.OldTopology: skipped: built against plugin API 1; this tidl needs API 2");
        CliTest.Result optimizer = run("quadratic", "--plugins", plugins.toString(), "--topology", "ring",
                "--workers", "4", "--lr", "0.1", "--steps", "5", "--seeds", "1", "--optimizer", "old-sgd");
        assertRefused(optimizer, "tidl: error: optimizer 'old-sgd' is not available: plugin old-optimizer.jar, class"
                + " test.OldOptimizer: skipped: built against plugin API 1; this tidl needs API 2");
        ReliabilityCliTest.assertNoStackTrace(optimizer);

        // a built-in composite holding the refused topology says the same
        assertRefused(run("describe", "--plugins", plugins.toString(), "--topology", "cycle:of=[ring,old-ring]",
                "--workers", "4"), "tidl: error: topology 'cycle:of=[ring,old-ring]': topology 'old-ring' is not available");

        // the other plugins and the built-ins still run
        CliTest.Result wheel = run("quadratic", "--plugins", plugins.toString(), "--topology", "wheel", "--workers", "8",
                "--lr", "0.1", "--steps", "20", "--seeds", "1", "--target", "0", "--optimizer", "multi-gossip");
        assertThat(wheel.code()).as(wheel.err()).isZero();
        assertThat(CsvReader.parse(wheel.out()).get(0).get("optimizer")).isEqualTo("multi-gossip");
    }

    /** Exit 2, nothing on stdout: the loading warnings, then one error line that starts with {@code error}. */
    static void assertRefused(CliTest.Result r, String error) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        List<String> lines = r.err().lines().toList();
        assertThat(lines.get(lines.size() - 1)).startsWith(error);
        assertThat(lines.subList(0, lines.size() - 1)).allMatch(l -> l.startsWith("tidl: warning: plugin old-"));
        ReliabilityCliTest.assertNoStackTrace(r);
    }
}
