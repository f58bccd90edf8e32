package org.tidl.cli;

import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.tidl.reproduction.PaperData;
import org.tidl.reproduction.provenance.CodeVersion;

/**
 * {@code ./tidl version} (and {@code ./tidl --version}): the project version the jar was built from, and, run
 * from a git checkout, the commit and whether tracked files were changed since, so a result can be traced to
 * the code that made it. Git is asked only here (a few milliseconds); without git, the commit is read from
 * {@code .git} and the changes are not checked ({@link CodeVersion}, which provenance records too); outside a checkout only the version is shown.
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
        CodeVersion code = CodeVersion.detect(home);
        String commit = commit(code);
        return "tidl " + (code.version() == null ? "(unknown version)" : code.version())
                + (commit == null ? "" : " (" + commit + ")") + ", Java " + System.getProperty("java.version");
    }

    /** "commit 77cf18d1a2b3" plus whether the code changed; null outside a checkout. */
    static String commit(CodeVersion code) {
        if (code.commit() == null) {
            return null;
        }
        String sha = "commit " + code.commit().substring(0, Math.min(12, code.commit().length()));
        return sha + (code.dirty() == null ? ", changes not checked: git not found"
                : code.dirty() ? ", with uncommitted changes" : ", clean");
    }
}
