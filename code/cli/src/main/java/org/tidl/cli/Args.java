package org.tidl.cli;

import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.tidl.core.InvalidInputException;
import org.tidl.core.io.Csv;

/** Option builders and readers shared by the commands. */
final class Args {

    /** Workers value for {@code --workers inf}. */
    static final int INFINITE = -1;

    private Args() {
    }

    static Option opt(String name, String arg, String desc) {
        Option.Builder b = Option.builder().longOpt(name).desc(desc);
        if (arg != null) {
            b.hasArg().argName(arg);
        }
        return b.build();
    }

    static Option repeated(String name, String arg, String desc) {
        return Option.builder().longOpt(name).desc(desc).hasArg().argName(arg).build();
    }

    static Option out() {
        return opt("out", "FILE", "write the CSV to FILE (atomically) instead of stdout");
    }

    static String required(CommandLine cl, String name) {
        String v = cl.getOptionValue(name);
        if (v == null) {
            throw new InvalidInputException("--" + name + " is required");
        }
        return v;
    }

    static List<String> topologies(CommandLine cl) {
        String[] v = cl.getOptionValues("topology");
        if (v == null || v.length == 0) {
            throw new InvalidInputException("--topology is required (see ./tidl list for the names)");
        }
        return List.of(v);
    }

    /** A positive integer, or {@link #INFINITE} for "inf" when allowed. */
    static int workers(CommandLine cl, boolean allowInfinite) {
        String v = required(cl, "workers").trim();
        if (allowInfinite && (v.equals("inf") || v.equals("infinite"))) {
            return INFINITE;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new InvalidInputException("--workers must be a whole number >= 1" + (allowInfinite ? " or inf" : "")
                + ", got '" + v + "'");
    }

    static double real(CommandLine cl, String name, double lower, double upper, String allowed) {
        String v = required(cl, name);
        double x;
        try {
            x = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("--" + name + " must be " + allowed + ", got '" + v + "'");
        }
        if (!(x >= lower && x <= upper)) {
            throw new InvalidInputException("--" + name + " must be " + allowed + ", got '" + v + "'");
        }
        return x;
    }

    static long seed(CommandLine cl) {
        String v = cl.getOptionValue("seed", "1");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("--seed must be a whole number, got '" + v + "'");
        }
    }

    static int positiveInt(CommandLine cl, String name, int dflt) {
        String v = cl.getOptionValue(name);
        if (v == null) {
            return dflt;
        }
        try {
            int x = Integer.parseInt(v);
            if (x >= 1) {
                return x;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new InvalidInputException("--" + name + " must be a whole number >= 1, got '" + v + "'");
    }

    /** Prints the table, or writes it to --out and says where on stderr. */
    static void emit(Csv csv, CommandLine cl, Context ctx) {
        String out = cl.getOptionValue("out");
        if (out == null) {
            ctx.out.print(csv.render());
        } else {
            csv.writeTo(Path.of(out));
            ctx.err.println("tidl: wrote " + csv.size() + " rows to " + out);
        }
    }
}
