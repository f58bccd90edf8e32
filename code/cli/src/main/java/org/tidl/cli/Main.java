package org.tidl.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.tidl.core.InvalidInputException;

/**
 * {@code ./tidl COMMAND [options]}. Exit codes: 0 success, 1 a verification failed, 2 bad input (one line on
 * stderr, nothing on stdout), 3 out of memory.
 */
public final class Main {

    static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        for (Command c : new Command[] {new ListCommand(), new DescribeCommand(), new NeighborsCommand(),
                new RateCommand(), new QuadraticCommand(), new ReproduceCommand(), new VerifyCommand(), new BenchCommand(), new BenchDlCommand(), new TrainCommand(), new MergeCommand()}) {
            COMMANDS.put(c.name(), c);
        }
    }

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err, System.getenv("TIDL_PLUGINS"));
        System.out.flush();
        System.exit(code);
    }

    /** Runs one command in-process (the tests call this). */
    public static int run(String[] args, PrintStream out, PrintStream err, String pluginsEnv) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            if (args.length > 1 && COMMANDS.containsKey(args[1])) {
                help(COMMANDS.get(args[1]), out);
            } else {
                overview(out);
            }
            return 0;
        }
        Command cmd = COMMANDS.get(args[0]);
        if (cmd == null) {
            err.println("tidl: error: unknown command '" + args[0] + "' (valid: " + String.join(", ", COMMANDS.keySet()) + ")");
            return 2;
        }
        Options options = withShared(cmd.options());
        try {
            CommandLine cl = DefaultParser.builder().build().parse(options, Arrays.copyOfRange(args, 1, args.length));
            if (cl.hasOption("help")) {
                help(cmd, out);
                return 0;
            }
            if (!cl.getArgList().isEmpty()) {
                throw new InvalidInputException("unexpected argument '" + cl.getArgList().get(0) + "' (see ./tidl help " + cmd.name() + ")");
            }
            Context ctx = new Context(out, err, cl.getOptionValue("plugins"), pluginsEnv);
            return cmd.run(cl, ctx);
        } catch (ParseException e) {
            err.println("tidl: error: " + oneLine(e.getMessage()) + " (see ./tidl help " + cmd.name() + ")");
            return 2;
        } catch (InvalidInputException e) {
            err.println("tidl: error: " + oneLine(e.getMessage()));
            return 2;
        } catch (UncheckedIOException e) {
            err.println("tidl: error: " + oneLine(e.getMessage()));
            return 2;
        } catch (OutOfMemoryError e) {
            err.println(outOfMemory(e));
            return 3;
        } catch (Exception e) {
            err.println("tidl: internal error: " + oneLine(e.toString()));
            return 4;
        }
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }

    private static Options withShared(Options own) {
        Options o = new Options();
        own.getOptions().forEach(o::addOption);
        o.addOption(Option.builder().longOpt("plugins").hasArg().argName("DIR")
                .desc("folder of plugin jars (default ./plugins; $TIDL_PLUGINS adds more)").build());
        o.addOption(Option.builder().longOpt("help").desc("show this help").build());
        return o;
    }

    private static void overview(PrintStream out) {
        out.println("tidl - topology in decentralized learning (Vogels, Hendrikx, Jaggi 2022)");
        out.println();
        out.println("usage: ./tidl COMMAND [options]      ./tidl help COMMAND");
        out.println();
        for (Command c : COMMANDS.values()) {
            out.printf(Locale.ROOT, "  %-10s %s%n", c.name(), c.summary());
        }
        out.println();
        out.println("Topology specs: name or name:key=value,... (e.g. ring, torus:rows=4,cols=8, circulant:offsets=1,8).");
        out.println("Number lists: 0.5,0.9 or lin:A:B:K or log:A:B:K. Every command takes --plugins DIR.");
        out.println("Exit codes: 0 ok, 1 verification failed, 2 bad input, 3 out of memory.");
    }

    private static void help(Command cmd, PrintStream out) {
        HelpFormatter f = new HelpFormatter();
        f.setWidth(110);
        java.io.PrintWriter pw = new java.io.PrintWriter(out);
        f.printHelp(pw, 110, "./tidl " + cmd.name() + " " + cmd.usage(), cmd.summary(), withShared(cmd.options()),
                2, 2, null);
        pw.flush();
    }

    /** Which limit was hit: ND4J's off-heap memory (JavaCPP's messages) or the Java heap. */
    static String outOfMemory(OutOfMemoryError e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(' ');
        }
        String m = all.toString();
        if (m.contains("maxPhysicalBytes") || m.contains("physicalBytes")) {
            return "tidl: error: out of process memory for ND4J (limit " + System.getProperty("org.bytedeco.javacpp.maxphysicalbytes", "?")
                    + "); raise TIDL_PHYSICAL (and TIDL_OFFHEAP), e.g. TIDL_PHYSICAL=22g TIDL_OFFHEAP=16g ./tidl ..., or use fewer workers";
        }
        if (m.contains("maxBytes") || m.contains("totalBytes") || m.contains("Cannot allocate")) {
            return "tidl: error: out of ND4J off-heap memory (limit " + System.getProperty("org.bytedeco.javacpp.maxbytes", "?")
                    + "); raise it with TIDL_OFFHEAP, e.g. TIDL_OFFHEAP=16g ./tidl ..., or use fewer workers";
        }
        return "tidl: error: out of Java heap memory (max " + (Runtime.getRuntime().maxMemory() >> 20)
                + " MiB); raise it with TIDL_HEAP, e.g. TIDL_HEAP=16g ./tidl ...";
    }
}
