package org.tidl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Determinism rules checked on the sources of every module (main code, comments and string literals left out), so a
 * regression fails the build with the file and line:
 * <ul>
 *   <li>formatting and parsing name {@code Locale.ROOT}: output bytes must not depend on the default locale;</li>
 *   <li>every random stream comes from {@code org.tidl.api.Seeds}: no generator seeded by hand, no arithmetic on
 *       seeds (which made consecutive seeds replay each other).</li>
 * </ul>
 */
class SourceRulesTest {

    record Rule(Pattern pattern, String why, String allowedIn) { }

    static final List<Rule> RULES = List.of(
            rule("String\\.format\\((?!\\s*(java\\.util\\.)?Locale\\.ROOT\\b)", "String.format without Locale.ROOT", null),
            rule("\\.printf\\((?!\\s*(java\\.util\\.)?Locale\\.ROOT\\b)", "printf without Locale.ROOT", null),
            rule("\\.formatted\\(", "String.formatted uses the default locale: String.format(Locale.ROOT, ...)", null),
            rule("\\.to(Lower|Upper)Case\\(\\s*\\)", "toLowerCase/toUpperCase without Locale.ROOT", null),
            rule("\\bnew\\s+(java\\.util\\.)?(Scanner|Formatter)\\(", "Scanner/Formatter use the default locale", null),
            rule("\\bNumberFormat\\.get\\w*Instance\\(\\s*\\)", "NumberFormat without a locale", null),
            rule("\\bnew\\s+(java\\.text\\.)?DecimalFormat\\((?![^;]*DecimalFormatSymbols)", "DecimalFormat without Locale.ROOT symbols", null),
            rule("\\bMessageFormat\\b|\\bLocale\\.getDefault\\(", "default-locale formatting", null),
            rule("\\bnew\\s+(NumberAxis|LogAxis)\\(", "a JFreeChart number axis formats ticks in the default locale: Chart.numberAxis",
                    "code/reproduction/src/main/java/org/tidl/reproduction/render/Chart.java"),
            rule("\\bnew\\s+(java\\.util\\.)?(SplittableRandom|Random|security\\.SecureRandom|SecureRandom)\\(",
                    "a random generator seeded by hand: Seeds.stream(seed, purpose, index)", "code/api/src/main/java/org/tidl/api/Seeds.java"),
            rule("\\bThreadLocalRandom\\b|\\bMath\\.random\\(", "an unseeded random generator: Seeds.stream(seed, purpose, index)", null),
            rule("0x9E3779B97F4A7C15", "seed arithmetic: Seeds.derive(seed, purpose, index)", "code/api/src/main/java/org/tidl/api/Seeds.java"));

    static Rule rule(String regex, String why, String allowedIn) {
        return new Rule(Pattern.compile(regex), why, allowedIn);
    }

    @Test
    void sourcesFormatInLocaleRootAndDrawRandomNumbersThroughSeeds() throws IOException {
        Path root = Path.of("../..").toAbsolutePath().normalize();
        List<Path> sources = new ArrayList<>();
        for (String module : new String[] {"code", "deep-learning-experiments"}) {
            try (Stream<Path> s = Files.walk(root.resolve(module))) {
                s.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/")).forEach(sources::add);
            }
        }
        assertThat(sources).hasSizeGreaterThan(100);
        List<String> violations = new ArrayList<>();
        for (Path file : sources) {
            String name = root.relativize(file).toString().replace('\\', '/');
            String code = codeOnly(Files.readString(file));
            for (Rule r : RULES) {
                if (name.equals(r.allowedIn())) {
                    continue;
                }
                Matcher m = r.pattern().matcher(code);
                while (m.find()) {
                    int line = 1 + (int) code.substring(0, m.start()).chars().filter(c -> c == '\n').count();
                    violations.add(name + ":" + line + ": " + r.why());
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    /**
     * Plugin API 2: optimizers (built-in and the example plugin) take their state from RunContext when a run starts,
     * never {@code zerosLike()} inside a step; built-in topologies and optimizers go through the plugin API alone
     * (no theory code, no registry: a composite builds its parts through the TopologyResolver it is handed).
     */
    @Test
    void builtInsUseThePluginApiAlone() throws IOException {
        Path root = Path.of("../..").toAbsolutePath().normalize();
        List<String> violations = new ArrayList<>();
        for (String dir : new String[] {"code/core/src/main/java/org/tidl/core/optimizer",
                "code/core/src/main/java/org/tidl/core/topology", "code/examples/example-topology-plugin/src/main/java"}) {
            try (Stream<Path> s = Files.walk(root.resolve(dir))) {
                for (Path file : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String code = codeOnly(Files.readString(file));
                    String name = root.relativize(file).toString();
                    if (dir.contains("optimizer") || dir.contains("example")) {
                        if (code.contains(".zerosLike(")) {
                            violations.add(name + ": zerosLike() in an optimizer: take state from RunContext.newMatrix() in start()");
                        }
                    }
                    if (code.contains("org.tidl.core.theory") || code.contains("TopologyRegistry")
                            || code.contains("OptimizerRegistry")) {
                        violations.add(name + ": a provider uses core theory or a registry instead of the plugin API");
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    /**
     * Comments and docs cite the paper (equations, sections, figures) and the public code they follow, never the
     * project's internal notes, which do not ship ("digest B.4", "REF", "GOS", shared/docs).
     */
    @Test
    void sourcesAndDocsCiteThePaperNotInternalNotes() throws IOException {
        Path root = Path.of("../..").toAbsolutePath().normalize();
        Pattern internal = Pattern.compile("\\bdigest [A-F]\\.?\\d|the digest's|\\bdigest \\(|\\(digest|\\bREF\\b|\\bGOS\\b"
                + "|shared/docs|algorithms\\.md|paper-digest");
        List<String> violations = new ArrayList<>();
        for (String dir : new String[] {"code", "deep-learning-experiments", "docs", "README.md"}) {
            try (Stream<Path> s = Files.walk(root.resolve(dir))) {
                for (Path file : s.filter(p -> !p.toString().contains("/target/") && (p.toString().endsWith(".java")
                        || p.toString().endsWith(".md") || p.toString().endsWith(".exp"))).toList()) {
                    String[] lines = Files.readString(file).split("\n", -1);
                    for (int i = 0; i < lines.length; i++) {
                        if (internal.matcher(lines[i]).find() && !file.endsWith("SourceRulesTest.java")) {
                            violations.add(root.relativize(file) + ":" + (i + 1) + ": " + lines[i].strip());
                        }
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    /** The rules catch what they are for, and nothing in comments or strings. */
    @Test
    void theRulesCatchTheDefectsTheyAreFor() {
        String bad = String.join("\n", "String s = String.format(\"%.1f\", x);", "x.toLowerCase();",
                "new SplittableRandom(seed * 0x9E3779B97F4A7C15L + t);", "\"%s\".formatted(x);");
        String good = String.join("\n", "String s = String.format(Locale.ROOT, \"%.1f\", x); // String.format(\"%d\")",
                "x.toLowerCase(Locale.ROOT); /* new Random( */", "Seeds.stream(seed, \"name\", t);", "\"a,b\".split(\",\");",
                "String t = \"String.format(\";");
        assertThat(count(codeOnly(bad))).isEqualTo(5);
        assertThat(count(codeOnly(good))).isZero();
    }

    private static int count(String code) {
        int n = 0;
        for (Rule r : RULES) {
            Matcher m = r.pattern().matcher(code);
            while (m.find()) {
                n++;
            }
        }
        return n;
    }

    /** The text with comments and the contents of string and character literals blanked (newlines kept). */
    static String codeOnly(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (text.startsWith("\"\"\"", i)) {
                int end = text.indexOf("\"\"\"", i + 3);
                end = end < 0 ? text.length() : end + 3;
                out.append(blank(text, i, end));
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < text.length() && text.charAt(j) != c && text.charAt(j) != '\n') {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(j + 1, text.length());
                out.append(c).append(blank(text, i + 1, j - 1)).append(c);
                i = j;
            } else if (text.startsWith("//", i)) {
                int end = text.indexOf('\n', i);
                end = end < 0 ? text.length() : end;
                out.append(blank(text, i, end));
                i = end;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? text.length() : end + 2;
                out.append(blank(text, i, end));
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String blank(String text, int from, int to) {
        StringBuilder sb = new StringBuilder(Math.max(0, to - from));
        for (int k = from; k < to; k++) {
            sb.append(text.charAt(k) == '\n' ? '\n' : ' ');
        }
        return sb.toString();
    }
}
