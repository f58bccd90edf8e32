package org.tidl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidl.core.io.CsvReader;

/**
 * docs/plugins.md works as printed: its code blocks are copied word for word (a block whose first line is
 * {@code // file: PATH} or {@code # file: PATH} is that file), its {@code bash} blocks run in order in the plugin's
 * folder as one shell session (javac, jar, then tidl through a launcher that runs this build's CLI), and each
 * command's stdout must be the {@code text} block printed after it. Only {@code TIDL}, the checkout's location, is
 * set to this build.
 */
class PluginsDocTest {

    static final Pattern FENCE = Pattern.compile("```(\\w*)\\n(.*?)\\n```", Pattern.DOTALL);
    static final Pattern FILE = Pattern.compile("^(?://|#) file: (\\S+)$");
    static final String CHECKOUT_LINE = "export TIDL=~/topology-in-decentralized-learning";

    record Block(String language, String text) {
        String file() {
            Matcher m = FILE.matcher(text.lines().findFirst().orElse(""));
            return m.matches() ? m.group(1) : null;
        }
    }

    static List<Block> blocks(String markdown) {
        List<Block> out = new ArrayList<>();
        Matcher m = FENCE.matcher(markdown);
        while (m.find()) {
            out.add(new Block(m.group(1), m.group(2)));
        }
        return out;
    }

    @Test
    void thePluginGuideWorksAsPrinted(@TempDir Path work) throws Exception {
        Path repo = Path.of("../..").toAbsolutePath().normalize();
        String doc = Files.readString(repo.resolve("docs/plugins.md"));
        assertThat(doc).contains(CHECKOUT_LINE);
        List<Block> blocks = blocks(doc);

        // a stand-in for the user's checkout: the API jar where the doc says it is, and a tidl launcher
        Path apiJar = repo.resolve("code/api/target/tidl-api-0.1.0-SNAPSHOT.jar");
        assertThat(apiJar).as("the API jar (mvn verify packages it before the CLI's tests)").exists();
        Path checkout = Files.createDirectories(work.resolve("tidl-checkout"));
        Files.createDirectories(checkout.resolve("code/api/target"));
        Files.copy(apiJar, checkout.resolve("code/api/target/tidl-api-0.1.0-SNAPSHOT.jar"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path launcher = checkout.resolve("tidl");
        Files.writeString(launcher, "#!/usr/bin/env bash\nexec '" + java + "' -cp '" + System.getProperty("java.class.path")
                + "' org.tidl.cli.Main \"$@\"\n");
        assertThat(launcher.toFile().setExecutable(true)).isTrue();

        Path plugin = Files.createDirectories(work.resolve("my-plugin"));
        int files = 0;
        int commands = 0;
        int checkedOutputs = 0;
        List<String> outputs = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            Block block = blocks.get(b);
            if (block.file() != null) {
                Path f = plugin.resolve(block.file());
                Files.createDirectories(f.getParent());
                Files.writeString(f, block.text() + "\n");
                files++;
            } else if (block.language().equals("bash")) {
                String script = block.text().replace(CHECKOUT_LINE, "export TIDL='" + checkout + "'");
                String out = bash(script, plugin, java.getParent(), checkout); // one shell session: TIDL stays exported
                commands++;
                outputs.add(out);
                if (b + 1 < blocks.size() && blocks.get(b + 1).language().equals("text") && blocks.get(b + 1).file() == null) {
                    assertThat(out.strip()).as("the output printed after:\n" + block.text()).isEqualTo(blocks.get(b + 1).text().strip());
                    checkedOutputs++;
                }
            }
        }
        assertThat(files).as("sources and services files").isEqualTo(5);
        assertThat(commands).isEqualTo(4);
        assertThat(checkedOutputs).isEqualTo(3);
        assertThat(plugin.resolve("plugins/wide-ring.jar")).exists();

        // the printed numbers are right, not only reproduced: wide-ring:k=1 is the built-in ring, and wide-ring:k=2
        // on 8 workers has the gap 1 - (1 + 2cos(pi/4) + 2cos(pi/2))/5 of its circulant spectrum
        Map<String, Map<String, String>> describe = new java.util.HashMap<>();
        for (Map<String, String> row : CsvReader.parse(outputs.get(1))) {
            describe.put(row.get("topology"), row);
        }
        assertThat(describe.get("wide-ring:k=1").get("spectral_gap")).isEqualTo(describe.get("ring").get("spectral_gap"));
        double gap = 1 - (1 + 2 * Math.cos(Math.PI / 4) + 2 * Math.cos(Math.PI / 2)) / 5;
        assertThat(Double.parseDouble(describe.get("wide-ring:k=2").get("spectral_gap"))).isCloseTo(gap, within(1e-11));
        // alternating pairs: W(1)W(0) on 8 workers has |lambda_2| = 1/2, so the per-step gap is 1 - sqrt(1/2)
        assertThat(Double.parseDouble(describe.get("alternating-pairs").get("spectral_gap")))
                .isCloseTo(1 - Math.sqrt(0.5), within(1e-11));
        // a clip no gradient reaches is dsgd-atc, to the last digit; a tight clip is slower
        String[] rates = outputs.get(3).lines().filter(l -> !l.startsWith("optimizer")).map(l -> l.split(",")[1])
                .toArray(String[]::new);
        assertThat(rates).hasSize(3);
        assertThat(rates[0]).isEqualTo(rates[1]);
        assertThat(Double.parseDouble(rates[2])).isLessThan(Double.parseDouble(rates[1]) / 10);
    }

    /** Runs {@code script} with bash -e in {@code dir}, the JDK's tools first on the PATH; returns its stdout. */
    static String bash(String script, Path dir, Path jdkBin, Path checkout) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-e", "-o", "pipefail", "-c", script).directory(dir.toFile());
        pb.environment().put("PATH", jdkBin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().remove("TIDL_PLUGINS");
        pb.environment().put("TIDL", checkout.toString());
        pb.redirectErrorStream(false);
        Process p = pb.start();
        byte[] err = new byte[0];
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.format(Locale.ROOT, "%s%nstderr: %s", script,
                new String(err, StandardCharsets.UTF_8))).isZero();
        return out;
    }
}
