package org.tidl.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code ./tidl version} (and {@code ./tidl --version}): the project version the jar was built from, and, run
 * from a git checkout, the commit and whether tracked files were changed since, so a result can be traced to
 * the code that made it. Git is asked only here (a few milliseconds); without git, the commit is read from
 * {@code .git} and the changes are not checked; outside a checkout only the version is shown.
 */
final class VersionCommand implements Command {

    static final String NAME = "version";

    @Override public String name() { return NAME; }
    @Override public String summary() { return "print the version (and the git commit of the checkout)"; }
    @Override public String usage() { return ""; }
    @Override public Options options() { return new Options(); }

    @Override
    public int run(CommandLine cl, Context ctx) {
        ctx.out.println(describe(PaperData.home()));
        return 0;
    }

    /** "tidl 0.1.0-SNAPSHOT (commit 77cf18d1a2b3, with uncommitted changes), Java 17.0.15". */
    static String describe(Path home) {
        String commit = commit(home);
        return "tidl " + version() + (commit == null ? "" : " (" + commit + ")") + ", Java " + System.getProperty("java.version");
    }

    /** The pom's version, written into the jar's resources when it was built. */
    static String version() {
        Properties p = new Properties();
        try (InputStream in = VersionCommand.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // no version file: say so below
        }
        String v = p.getProperty("version", "");
        return v.isBlank() || v.startsWith("${") ? "(unknown version)" : v.strip();
    }

    /** "commit 77cf18d1a2b3" plus whether tracked files changed; null when {@code home} is not a checkout's root. */
    static String commit(Path home) {
        Path root = home.toAbsolutePath().normalize();
        if (!Files.exists(root.resolve(".git"))) {
            return null; // an unpacked copy, or a folder inside some other repository: its commit says nothing
        }
        String sha = git(root, "rev-parse", "--short=12", "HEAD");
        if (sha == null) {
            sha = readHead(root.resolve(".git"));
            return sha == null ? null : "commit " + sha.substring(0, Math.min(12, sha.length())) + ", changes not checked: git not found";
        }
        String status = git(root, "--no-optional-locks", "status", "--porcelain", "--untracked-files=no");
        return "commit " + sha + (status == null ? "" : status.isEmpty() ? ", clean" : ", with uncommitted changes");
    }

    /** The output of {@code git -C root ARGS}, stripped; null when git is missing, fails or takes over 5 s to exit. */
    private static String git(Path root, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", root.toString()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8).strip() : null;
        } catch (IOException e) {
            return null; // no git on the PATH
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * The commit HEAD points to, read from the files: {@code .git} is a folder, or (a worktree) a file naming
     * one; HEAD holds a commit or a ref, found loose (in the worktree's folder or the shared one) or in
     * packed-refs. Null when any of it cannot be read.
     */
    static String readHead(Path dotGit) {
        try {
            Path dir = dotGit;
            if (Files.isRegularFile(dotGit)) {
                String link = Files.readString(dotGit, StandardCharsets.UTF_8).strip();
                if (!link.startsWith("gitdir:")) {
                    return null;
                }
                dir = dotGit.getParent().resolve(link.substring("gitdir:".length()).strip()).normalize();
            }
            Path common = dir;
            if (Files.isRegularFile(dir.resolve("commondir"))) {
                common = dir.resolve(Files.readString(dir.resolve("commondir"), StandardCharsets.UTF_8).strip()).normalize();
            }
            String head = Files.readString(dir.resolve("HEAD"), StandardCharsets.UTF_8).strip();
            if (!head.startsWith("ref:")) {
                return head.matches("[0-9a-f]{40,64}") ? head : null;
            }
            String ref = head.substring(4).strip();
            for (Path d : List.of(dir, common)) {
                Path loose = d.resolve(ref);
                if (Files.isRegularFile(loose)) {
                    return Files.readString(loose, StandardCharsets.UTF_8).strip();
                }
            }
            Path packed = common.resolve("packed-refs");
            if (Files.isRegularFile(packed)) {
                for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                    if (line.endsWith(" " + ref)) {
                        return line.substring(0, line.indexOf(' '));
                    }
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
