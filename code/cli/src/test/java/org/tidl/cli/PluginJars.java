package org.tidl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Plugin jars built on the fly by the tests: good ones, and the ways a third party's jar goes wrong. */
final class PluginJars {

    private PluginJars() {
    }

    /**
     * Compiles {@code sources} ({class name, source} in package {@code test}) against the API and packs them as
     * a plugin jar.
     *
     * @param providers    the classes listed in the services file of {@code service}
     * @param leftOut      compiled but not packed (a dependency missing from the jar)
     * @param classVersion if &gt; 0, written as every class file's major version (a class built for a newer Java)
     */
    static void build(Path work, Path jar, String service, List<String[]> sources, Collection<String> providers,
                      Collection<String> leftOut, int classVersion) throws Exception {
        build(work, jar, service, sources, providers, leftOut, classVersion, List.of(), null);
    }

    /**
     * A deep-learning plugin (org.tidl.dl.spi): every source a provider, compiled against the tests' whole class
     * path (DL4J, ND4J and the project's modules), as a third party compiles against its dependencies.
     */
    static void buildDl(Path work, Path jar, String service, List<String[]> sources) throws Exception {
        build(work, jar, service, sources, sources.stream().map(s -> s[0]).toList(), List.of(), 0, List.of(),
                System.getProperty("java.class.path"));
    }

    /**
     * As above; {@code apiSources} (.java files) are compiled with the plugin and take the place of the API's own
     * classes of those names (an older API's interfaces), but are not packed: a plugin built against another API.
     */
    static void build(Path work, Path jar, String service, List<String[]> sources, Collection<String> providers,
                      Collection<String> leftOut, int classVersion, List<Path> apiSources) throws Exception {
        build(work, jar, service, sources, providers, leftOut, classVersion, apiSources, null);
    }

    private static void build(Path work, Path jar, String service, List<String[]> sources, Collection<String> providers,
                              Collection<String> leftOut, int classVersion, List<Path> apiSources, String classPath)
            throws Exception {
        Path here = Files.createDirectories(work.resolve(jar.getFileName() + ".build"));
        Path src = Files.createDirectories(here.resolve("src/test"));
        Path classes = Files.createDirectories(here.resolve("classes"));
        List<String> files = new ArrayList<>();
        for (String[] s : sources) {
            Path f = src.resolve(s[0] + ".java");
            Files.writeString(f, s[1]);
            files.add(f.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String cp = classPath != null ? classPath
                : Path.of(org.tidl.api.TopologyProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", cp));
        args.addAll(files);
        for (Path a : apiSources) {
            args.add(a.toString()); // named on the command line: javac uses them, not the class path's versions
        }
        assertThat(javac.run(null, null, null, args.toArray(new String[0]))).isZero();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            try (var all = Files.list(classes.resolve("test"))) {
                for (Path c : all.sorted().toList()) {
                    String name = c.getFileName().toString();
                    if (leftOut.contains(name.replaceFirst("[.$].*", ""))) {
                        continue;
                    }
                    byte[] bytes = Files.readAllBytes(c);
                    if (classVersion > 0) {
                        bytes[6] = (byte) (classVersion >> 8);
                        bytes[7] = (byte) classVersion;
                    }
                    out.putNextEntry(new JarEntry("test/" + name));
                    out.write(bytes);
                    out.closeEntry();
                }
            }
            out.putNextEntry(new JarEntry("META-INF/services/" + service));
            StringBuilder sb = new StringBuilder();
            for (String p : providers) {
                sb.append("test.").append(p).append('\n');
            }
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }

    /** Every source a provider, nothing left out, class files as compiled. */
    static void build(Path work, Path jar, String service, List<String[]> sources) throws Exception {
        build(work, jar, service, sources, sources.stream().map(s -> s[0]).toList(), List.of(), 0);
    }
}
