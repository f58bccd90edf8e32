package org.tidl.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.tidl.reproduction.PaperData;
import org.tidl.reproduction.provenance.CodeVersion;
import org.tidl.reproduction.provenance.Machine;
import org.tidl.reproduction.provenance.Provenance;

/** What a command's provenance records about how it was run: the command as parsed, code, machine, plugin jars. */
final class Invocations {

    private Invocations() {
    }

    /** Call before the command writes anything (the code version looks at the checkout's changes). */
    static Provenance.Invocation of(String command, CommandLine cl, Context ctx) {
        Set<Path> jars = new LinkedHashSet<>(ctx.topologies().catalog().jars());
        jars.addAll(ctx.optimizers().catalog().jars());
        return new Provenance.Invocation(commandLine(command, cl), CodeVersion.detect(PaperData.home()), Machine.current(),
                List.copyOf(jars));
    }

    /** The command and each option with its values, in the order given (a repeated option once per use). */
    static List<String> commandLine(String command, CommandLine cl) {
        List<String> out = new ArrayList<>();
        out.add(command);
        for (Option o : cl.getOptions()) {
            out.add("--" + o.getLongOpt());
            if (o.getValues() != null) {
                out.addAll(List.of(o.getValues()));
            }
        }
        return out;
    }
}
