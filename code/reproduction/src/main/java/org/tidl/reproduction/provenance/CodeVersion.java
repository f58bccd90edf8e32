package org.tidl.reproduction.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Which code made a result: the git commit of the checkout it ran from and whether the code differed from that
 * commit (uncommitted changes to tracked files outside results/), and the project version the classes were
 * built from. Without git the commit is read from {@code .git}'s files and the changes are not checked.
 *
 * @param commit  the checkout's HEAD, null outside a git checkout
 * @param dirty   uncommitted changes to the code (null outside a checkout, or when git is not installed)
 * @param changed the changed tracked files (paths as git prints them; empty when clean or not checked)
 * @param version the pom's version the classes were built from (null if unknown)
 */
public record CodeVersion(String commit, Boolean dirty, List<String> changed, String version) {

    /**
     * Looks once (git, two short commands); call it before writing results, which would count as changes
     * otherwise. {@code checkout} must be the checkout's root: a folder inside some other repository says
     * nothing about this code.
     */
    public static CodeVersion detect(Path checkout) {
        String version = projectVersion();
        Path dotGit = checkout.toAbsolutePath().normalize().resolve(".git");
        if (!Files.exists(dotGit)) {
            return new CodeVersion(null, null, List.of(), version);
        }
        List<String> head = git(checkout, "rev-parse", "HEAD");
        if (head == null || head.size() != 1 || !head.get(0).matches("[0-9a-f]{40,64}")) {
            String fromFiles = readHead(dotGit); // git missing (or failing): the files still name the commit
            return new CodeVersion(fromFiles, null, List.of(), version);
        }
        // results/ is where runs write: a regenerated figure is not a change to the code
        List<String> status = git(checkout, "--no-optional-locks", "status", "--porcelain", "--untracked-files=no",
                "--", ".", ":(exclude)results");
        if (status == null) {
            return new CodeVersion(head.get(0), null, List.of(), version);
        }
        List<String> changed = status.stream().filter(l -> l.length() > 3).map(l -> l.substring(3)).toList();
        return new CodeVersion(head.get(0), !changed.isEmpty(), changed, version);
    }

    /** The pom's version, written into the jar's resources by Maven's resource filtering (null if absent). */
    public static String projectVersion() {
        Properties p = new Properties();
        try (InputStream in = CodeVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return null;
        }
        String v = p.getProperty("version", "").strip();
        return v.isEmpty() || v.startsWith("${") ? null : v;
    }

    /** The command's output lines, or null when git is missing, fails, or takes over 20 s. */
    private static List<String> git(Path dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return null;
            }
            return new String(out, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            return null;
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
    public static String readHead(Path dotGit) {
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
