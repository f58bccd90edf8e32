package org.tidl.reproduction.provenance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Which code made a result: the git commit of the checkout it ran from and whether the code differed from that
 * commit (uncommitted changes to tracked files outside results/), or, outside a checkout, the version in the
 * jar's manifest.
 *
 * @param commit  the checkout's HEAD, null outside a git checkout
 * @param dirty   uncommitted changes to the code (null outside a checkout)
 * @param changed the changed tracked files (paths as git prints them; empty when clean)
 * @param version the jar's Implementation-Version (null when running from class folders)
 */
public record CodeVersion(String commit, Boolean dirty, List<String> changed, String version) {

    /** Looks once (git, two short commands); call it before writing results, which would count as changes otherwise. */
    public static CodeVersion detect(Path checkout) {
        String version = CodeVersion.class.getPackage().getImplementationVersion();
        List<String> head = git(checkout, "rev-parse", "HEAD");
        if (head == null || head.size() != 1 || !head.get(0).matches("[0-9a-f]{40,64}")) {
            return new CodeVersion(null, null, List.of(), version);
        }
        // results/ is where runs write: a regenerated figure is not a change to the code
        List<String> status = git(checkout, "status", "--porcelain", "--untracked-files=no", "--", ".", ":(exclude)results");
        if (status == null) {
            return new CodeVersion(head.get(0), null, List.of(), version);
        }
        List<String> changed = status.stream().filter(l -> l.length() > 3).map(l -> l.substring(3)).toList();
        return new CodeVersion(head.get(0), !changed.isEmpty(), changed, version);
    }

    /** The command's output lines, or null when git is missing, fails, or takes over 20 s. */
    private static List<String> git(Path dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
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
}
