package org.tidl.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.tidl.core.InvalidInputException;
import org.tidl.core.Messages;
import org.tidl.core.NumberLists;
import org.tidl.core.io.Csv;

/**
 * Option builders and readers shared by the commands: the one place where an option's value is checked against
 * what it allows (whole numbers that do not fit are refused, never wrapped), so every command gives the same
 * one-line error.
 */
final class Args {

    /** Workers value for {@code --workers inf}. */
    static final int INFINITE = -1;

    /** Most threads a command may ask for (ForkJoinPool's limit is 32767; more is a typo). */
    static final int MAX_THREADS = 4096;

    /** Options declared with {@link #repeated}: the only ones that may be given more than once. */
    private static final Set<String> REPEATABLE = ConcurrentHashMap.newKeySet();

    private Args() {
    }

    static Option opt(String name, String arg, String desc) {
        Option.Builder b = Option.builder().longOpt(name).desc(desc);
        if (arg != null) {
            b.hasArg().argName(arg);
        }
        return b.build();
    }

    /** An option that may be given several times (each occurrence adds a value). */
    static Option repeated(String name, String arg, String desc) {
        REPEATABLE.add(name);
        return Option.builder().longOpt(name).desc(desc).hasArg().argName(arg).build();
    }

    static Option out() {
        return opt("out", "FILE", "write the CSV to FILE (atomically) instead of stdout");
    }

    /**
     * Refuses an option given twice (unless declared {@link #repeated}: a second {@code --workers} would
     * otherwise be ignored) and an option whose value is empty ({@code --out ''}).
     */
    static void checkOccurrences(CommandLine cl) {
        Map<String, String> seen = new HashMap<>();
        for (Option o : cl.getOptions()) {
            String name = o.getLongOpt() != null ? o.getLongOpt() : o.getOpt();
            String value = o.getValue();
            if (o.hasArg() && (value == null || value.isBlank())) {
                throw new InvalidInputException("--" + name + " needs a value, got " + Messages.quote(value == null ? "" : value));
            }
            String before = seen.putIfAbsent(name, value == null ? "" : value);
            if (before != null && !REPEATABLE.contains(name)) {
                throw new InvalidInputException("--" + name + " is given more than once"
                        + (o.hasArg() ? " (" + Messages.quote(before) + " and " + Messages.quote(value) + ")" : "")
                        + "; give it once");
            }
        }
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

    /** A whole number of workers in [1, max], or {@link #INFINITE} for "inf" when allowed. */
    static int workers(CommandLine cl, boolean allowInfinite) {
        return workers(cl, allowInfinite, Integer.MAX_VALUE);
    }

    static int workers(CommandLine cl, boolean allowInfinite, int max) {
        String v = required(cl, "workers").strip();
        if (allowInfinite && (v.equals("inf") || v.equals("infinite"))) {
            return INFINITE;
        }
        if (allowInfinite) {
            try {
                return NumberLists.wholeInt("--workers", v, 1, max);
            } catch (InvalidInputException e) {
                throw new InvalidInputException(e.getMessage().replace(", got", " or inf, got"));
            }
        }
        return NumberLists.wholeInt("--workers", v, 1, max);
    }

    /** A real in [lower, upper] (finite). */
    static double real(CommandLine cl, String name, double lower, double upper, String allowed) {
        String v = required(cl, name);
        try {
            return NumberLists.real("--" + name, v, lower, false, upper, false);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("--" + name + " must be " + allowed + ", got " + Messages.quote(v));
        }
    }

    /** --seed: any 64-bit whole number (default 1). */
    static long seed(CommandLine cl) {
        return NumberLists.whole("--seed", cl.getOptionValue("seed", "1"), Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** A whole number in [min, max]; {@code dflt} when the option is absent. */
    static int integer(CommandLine cl, String name, int dflt, int min, int max) {
        String v = cl.getOptionValue(name);
        return v == null ? dflt : NumberLists.wholeInt("--" + name, v, min, max);
    }

    /** A whole number in [1, 2147483647]; {@code dflt} when the option is absent. */
    static int positiveInt(CommandLine cl, String name, int dflt) {
        return integer(cl, name, dflt, 1, Integer.MAX_VALUE);
    }

    /** --threads in [1, {@link #MAX_THREADS}] (default: the cores). */
    static int threads(CommandLine cl) {
        return integer(cl, "threads", Runtime.getRuntime().availableProcessors(), 1, MAX_THREADS);
    }

    /**
     * The command line that runs {@code command} again with the options of {@code cl}, less those named in
     * {@code drop}, plus {@code extra}; values are quoted for a POSIX shell where needed. For the hint of
     * {@link Progress#whenInterrupted}: {@code rerun("train", cl, Set.of("fresh"), "--resume")} gives
     * {@code ./tidl train --experiment fashion-grid --set 'name=my run' --resume}.
     */
    static String rerun(String command, CommandLine cl, Set<String> drop, String... extra) {
        StringBuilder sb = new StringBuilder("./tidl ").append(command);
        for (Option o : cl.getOptions()) {
            String name = o.getLongOpt() != null ? o.getLongOpt() : o.getOpt();
            if (drop.contains(name) || name.equals("help")) {
                continue;
            }
            sb.append(" --").append(name);
            if (o.hasArg()) {
                sb.append(' ').append(shellQuote(o.getValue()));
            }
        }
        for (String e : extra) {
            sb.append(' ').append(e);
        }
        return sb.toString();
    }

    /** {@code s} as one word for a POSIX shell: as is when plainly safe, else in single quotes. */
    static String shellQuote(String s) {
        return Messages.shellWord(s);
    }

    /**
     * The file an option names for output (null when not given), checked before any work: a folder is refused; a
     * missing parent folder is created when the file is written. Every command's {@code --out FILE} (and
     * {@code export --draw}) goes through here, so they all behave alike.
     */
    static Path outputFile(CommandLine cl, String option) {
        String value = cl.getOptionValue(option);
        if (value == null) {
            return null;
        }
        Path file = Path.of(value);
        if (java.nio.file.Files.isDirectory(file)) {
            throw new InvalidInputException("--" + option + ": " + value + " is a folder; give a file name in it");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && java.nio.file.Files.exists(parent) && !java.nio.file.Files.isDirectory(parent)) {
            throw new InvalidInputException("--" + option + ": " + parent + " is a file, not a folder");
        }
        return file;
    }

    /** Prints the table, or writes it to {@code out} ({@link #outputFile}'s, null: stdout) and says where on stderr. */
    static void emit(Csv csv, Path out, Context ctx) {
        if (out == null) {
            ctx.out.print(csv.render());
        } else {
            csv.writeTo(out);
            ctx.err.println("tidl: wrote " + csv.size() + (csv.size() == 1 ? " row" : " rows") + " to " + out);
        }
    }
}
