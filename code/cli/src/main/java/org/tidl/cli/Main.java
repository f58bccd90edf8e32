package org.tidl.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.AlreadySelectedException;
import org.apache.commons.cli.AmbiguousOptionException;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.MissingOptionException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.OptionGroup;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;
import org.tidl.core.InsufficientMemoryException;
import org.tidl.core.InvalidInputException;
import org.tidl.core.Messages;
import org.tidl.core.Suggestions;
import org.tidl.core.plugin.PluginFolders;

/**
 * {@code ./tidl COMMAND [options]}. Exit codes: 0 success, 1 a verification failed, 2 bad input (one line on
 * stderr, nothing on stdout), 3 out of memory (or a run refused because it would not fit), 4 internal error,
 * 5 the output could not be written (disk full, closed pipe). No failure prints a Java stack trace unless
 * {@code --debug} is given.
 */
public final class Main {

    static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static final int OK = 0;
    static final int BAD_INPUT = 2;
    static final int OUT_OF_MEMORY = 3;
    static final int INTERNAL_ERROR = 4;
    static final int OUTPUT_FAILED = 5;

    static {
        for (Command c : new Command[] {new ListCommand(), new DescribeCommand(), new NeighborsCommand(),
                new RateCommand(), new QuadraticCommand(), new ReproduceCommand(), new VerifyCommand(), new ReportCommand(), new BenchCommand(), new BenchDlCommand(), new TrainCommand(), new PlotCommand(), new MergeCommand(),
                new ExportCommand(), new VersionCommand()}) {
            COMMANDS.put(c.name(), c);
        }
    }

    private Main() {
    }

    /** Exit status of a tool killed by SIGPIPE (128 + 13): the reader of stdout closed it. */
    static final int BROKEN_PIPE = 141;

    public static void main(String[] args) {
        RecordingStream recorder = new RecordingStream(new FileOutputStream(FileDescriptor.out));
        String encoding = System.getProperty("sun.stdout.encoding");
        PrintStream stdout = new PrintStream(new java.io.BufferedOutputStream(recorder, 1 << 16), false,
                encoding != null && Charset.isSupported(encoding) ? Charset.forName(encoding) : Charset.defaultCharset());
        System.setOut(stdout);
        installInterruptHook();
        int code = run(args, stdout, System.err, System.getenv("TIDL_PLUGINS"), recorder);
        RUNNING.set(false);
        System.exit(code);
    }

    /** True while a command runs in this process: a JVM shutdown then means Ctrl-C (or a kill). */
    private static final java.util.concurrent.atomic.AtomicBoolean RUNNING = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * On Ctrl-C (SIGINT, or SIGTERM) during a command, the JVM runs its shutdown hooks: this one says that the
     * command was interrupted and how to continue ({@link Progress#whenInterrupted}), instead of leaving a
     * half-drawn bar. A normal exit clears {@link #RUNNING} first, so it prints nothing then.
     */
    static void installInterruptHook() {
        RUNNING.set(true);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (RUNNING.getAndSet(false)) {
                Progress.interrupted(System.err);
            }
        }, "tidl-interrupt"));
    }

    /** Runs one command in-process (the tests call this). */
    public static int run(String[] args, PrintStream out, PrintStream err, String pluginsEnv) {
        return run(args, out, err, pluginsEnv, null);
    }

    /** As {@link #run(String[], PrintStream, PrintStream, String)}, with stdout's recorder of write errors (main's). */
    static int run(String[] args, PrintStream out, PrintStream err, String pluginsEnv, RecordingStream recorder) {
        boolean debug = Arrays.asList(args).contains("--debug");
        Progress.reset();
        int code;
        try {
            code = dispatch(args, out, err, pluginsEnv);
        } catch (Throwable e) {
            code = report(e, err, debug);
        }
        // PrintStream swallows write errors: ask for them, so a full disk or a closed pipe is not a success
        out.flush();
        if (out.checkError()) {
            if (recorder != null && recorder.failure != null && "Broken pipe".equals(recorder.failure.getMessage())) {
                // the reader closed the pipe (./tidl list | head): it has what it wants; exit like a Unix tool
                // killed by SIGPIPE, without a message
                return code == OK ? BROKEN_PIPE : code;
            }
            String why = recorder != null && recorder.failure != null ? " (" + Messages.reason(recorder.failure) + ")" : "";
            err.println("tidl: error: could not write to standard output" + why);
            return code == OK ? OUTPUT_FAILED : code;
        }
        return code;
    }

    private static int dispatch(String[] args, PrintStream out, PrintStream err, String pluginsEnv) throws Exception {
        if (args.length > 0 && args[0].equals("--debug")) { // ./tidl --debug COMMAND ... as well
            args = Arrays.copyOfRange(args, 1, args.length);
        }
        if (args.length == 0) {
            // a bare ./tidl is a mistake in a script: say how to use it, on stderr, and fail
            err.println("tidl: error: no command given");
            err.println();
            overview(err);
            return BAD_INPUT;
        }
        if (args[0].equals("--help") || args[0].equals("-h")) {
            overview(out);
            return OK;
        }
        if (args[0].equals("--version")) {
            args = Arrays.copyOf(args, args.length);
            args[0] = VersionCommand.NAME; // the same as ./tidl version, options and all
        }
        if (args[0].equals("help")) {
            if (args.length == 1 || args.length == 2 && args[1].equals("help")) { // help help: what help does
                overview(out);
                return OK;
            }
            if (args.length > 2 || !COMMANDS.containsKey(args[1])) {
                throw new InvalidInputException("help: " + (args.length > 2 ? "give one command" : unknownCommand(args[1]))
                        + "; usage: ./tidl help COMMAND");
            }
            help(COMMANDS.get(args[1]), out);
            return OK;
        }
        Command cmd = COMMANDS.get(args[0]);
        if (cmd == null) {
            throw new InvalidInputException(unknownCommand(args[0]) + "; usage: ./tidl COMMAND [options], ./tidl help COMMAND");
        }
        Options options = withShared(cmd.options());
        CommandLine cl;
        try {
            // no abbreviations: "--work" must not silently mean "--workers"
            cl = DefaultParser.builder().setAllowPartialMatching(false).build()
                    .parse(options, Arrays.copyOfRange(args, 1, args.length));
        } catch (ParseException e) {
            throw new InvalidInputException(parseError(e, options) + " (see ./tidl help " + cmd.name() + ")");
        }
        if (cl.hasOption("help")) {
            help(cmd, out);
            return OK;
        }
        if (!cl.getArgList().isEmpty()) {
            throw new InvalidInputException("unexpected argument " + Messages.quote(cl.getArgList().get(0))
                    + " (see ./tidl help " + cmd.name() + ")");
        }
        Args.checkOccurrences(cl);
        try {
            PluginFolders.checkOption(cl.getOptionValue("plugins"));
            return cmd.run(cl, new Context(out, err, cl.getOptionValue("plugins"), pluginsEnv));
        } catch (InvalidInputException e) {
            throw asOption(e, options, cmd);
        }
    }

    /**
     * A library's failure in the command's words: each parameter its message names shown as the option that
     * sets it ("gamma must be in [0, 1)" → "--gamma must be in [0, 1)", "use fresh" → "use --fresh") when the
     * command has that option; otherwise (a key of an experiment file, a plugin spec's parameter) as the library
     * named it. Exit code 2 either way ({@link #report}).
     */
    static InvalidInputException asOption(InvalidInputException e, Options options, Command cmd) {
        return e.naming(p -> options.hasLongOption(p) ? "--" + p : cmd.parameterName(p));
    }

    /** The one line (and exit code) for a failure; with --debug, the stack trace follows. */
    static int report(Throwable e, PrintStream err, boolean debug) {
        Progress.endOpenLine();
        int code;
        if (e instanceof InvalidInputException || e instanceof UncheckedIOException) {
            err.println("tidl: error: " + Messages.oneLine(e.getMessage()));
            code = BAD_INPUT;
        } else if (e instanceof InsufficientMemoryException) {
            err.println("tidl: error: " + e.getMessage());
            code = OUT_OF_MEMORY;
        } else if (Messages.isOutOfMemory(e)) {
            err.println(outOfMemory(e));
            code = OUT_OF_MEMORY;
        } else {
            err.println("tidl: internal error: " + Messages.oneLine(e.toString())
                    + (debug ? "" : " (run again with --debug for the stack trace, and please report it)"));
            code = INTERNAL_ERROR;
        }
        if (debug) {
            e.printStackTrace(err);
        }
        return code;
    }

    /** "unknown command 'trian' (did you mean 'train'? valid: list, describe, ...)". */
    private static String unknownCommand(String given) {
        String hint = Suggestions.didYouMean(given, COMMANDS.keySet());
        return "unknown command " + Messages.quote(given) + " (" + (hint.isEmpty() ? "" : hint + " ") + "valid: "
                + String.join(", ", COMMANDS.keySet()) + ")";
    }

    /**
     * Commons CLI's parse failures in our words, naming the option: "unknown option '--work' (did you mean
     * --workers?)", "--workers needs a value N". The caller adds where to look.
     */
    static String parseError(ParseException e, Options options) {
        if (e instanceof UnrecognizedOptionException u) {
            String given = u.getOption() == null ? "" : u.getOption();
            // "--worker=4" is the option "--worker" with a value
            String name = given.replaceFirst("^-+", "").replaceFirst("=.*$", "");
            List<String> longNames = options.getOptions().stream().map(Option::getLongOpt).filter(o -> o != null).toList();
            String hint = Suggestions.didYouMean(name, longNames, o -> "--" + o);
            return "unknown option " + Messages.quote(given) + (hint.isEmpty() ? "" : " (" + hint + ")");
        }
        if (e instanceof MissingArgumentException m && m.getOption() != null) {
            Option o = m.getOption();
            return optionName(o) + " needs a value" + (o.getArgName() != null ? " " + o.getArgName() : "");
        }
        if (e instanceof MissingOptionException m && m.getMissingOptions() != null) {
            List<String> names = m.getMissingOptions().stream().map(x -> x instanceof Option o ? optionName(o)
                    : x instanceof OptionGroup g ? String.join(" or ", g.getOptions().stream().map(Main::optionName).toList())
                    : "--" + x).toList();
            return String.join(", ", names) + (names.size() == 1 ? " is" : " are") + " required";
        }
        if (e instanceof AlreadySelectedException a && a.getOption() != null && a.getOptionGroup() != null) {
            return optionName(a.getOption()) + " cannot be combined with --" + a.getOptionGroup().getSelected();
        }
        if (e instanceof AmbiguousOptionException a) {
            return "ambiguous option " + Messages.quote(a.getOption()) + " (could be "
                    + String.join(" or ", a.getMatchingOptions().stream().map(o -> "--" + o).toList()) + ")";
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return Character.toLowerCase(m.charAt(0)) + m.substring(1);
    }

    private static String optionName(Option o) {
        return o.getLongOpt() != null ? "--" + o.getLongOpt() : "-" + o.getOpt();
    }

    static String oneLine(String s) {
        return Messages.oneLine(s);
    }

    private static Options withShared(Options own) {
        Options o = new Options();
        own.getOptions().forEach(o::addOption);
        o.addOption(Option.builder().longOpt("plugins").hasArg().argName("DIR")
                .desc("folder of plugin jars (default ./plugins; $TIDL_PLUGINS adds more)").build());
        o.addOption(Option.builder("h").longOpt("help").desc("show this help").build());
        o.addOption(Option.builder().longOpt("debug").desc("on a failure, also print the Java stack trace").build());
        return o;
    }

    private static void overview(PrintStream out) {
        out.println("tidl - topology in decentralized learning (Vogels, Hendrikx, Jaggi 2022)");
        out.println();
        out.println("usage: ./tidl COMMAND [options]      ./tidl help COMMAND (or COMMAND --help)      ./tidl --version");
        out.println();
        for (Command c : COMMANDS.values()) {
            out.printf(Locale.ROOT, "  %-10s %s%n", c.name(), c.summary());
        }
        out.println();
        out.println("Topology specs: name or name:key=value,... (e.g. ring, torus:rows=4,cols=8, circulant:offsets=1,8).");
        out.println("Number lists: 0.5,0.9 or lin:A:B:K or log:A:B:K. Every command takes --plugins DIR and --debug.");
        out.println("Exit codes: 0 ok, 1 verification failed, 2 bad input, 3 out of memory, 4 internal error,");
        out.println("5 output could not be written.");
    }

    private static void help(Command cmd, PrintStream out) {
        HelpFormatter f = new HelpFormatter();
        f.setWidth(110);
        java.io.PrintWriter pw = new java.io.PrintWriter(out);
        f.printHelp(pw, 110, ("./tidl " + cmd.name() + " " + cmd.usage()).strip(), cmd.summary(), withShared(cmd.options()),
                2, 2, cmd.footer());
        pw.flush();
    }

    /** Which limit was hit: ND4J's off-heap memory (JavaCPP's messages) or the Java heap. */
    static String outOfMemory(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            all.append(t.getMessage()).append(' ');
        }
        String m = all.toString();
        if (m.contains("maxPhysicalBytes") || m.contains("physicalBytes")) {
            return "tidl: error: out of process memory for ND4J (limit " + System.getProperty("org.bytedeco.javacpp.maxphysicalbytes", "?")
                    + "); use fewer workers, or raise TIDL_PHYSICAL (and TIDL_OFFHEAP) if the machine has memory to spare"
                    + " (by default it is 3/4 of the machine's memory), e.g. TIDL_PHYSICAL=22g TIDL_OFFHEAP=16g ./tidl ...";
        }
        if (m.contains("maxBytes") || m.contains("totalBytes") || m.contains("Cannot allocate")) {
            return "tidl: error: out of ND4J off-heap memory (limit " + System.getProperty("org.bytedeco.javacpp.maxbytes", "?")
                    + "); raise it with TIDL_OFFHEAP, e.g. TIDL_OFFHEAP=16g ./tidl ..., or use fewer workers";
        }
        if (m.contains("bad_alloc") || m.contains("Allocation failed") || m.contains("Failed to allocate")) {
            return "tidl: error: out of native memory (the machine's memory ran out in ND4J: limit "
                    + System.getProperty("org.bytedeco.javacpp.maxphysicalbytes", "?") + "); use fewer workers or a"
                    + " smaller model, or lower TIDL_PHYSICAL/TIDL_OFFHEAP to what the machine has";
        }
        return "tidl: error: out of Java heap memory (max " + (Runtime.getRuntime().maxMemory() >> 20)
                + " MiB); raise it with TIDL_HEAP, e.g. TIDL_HEAP=16g ./tidl ...";
    }

    /** Passes bytes to the real stdout and keeps the first write error, which PrintStream would swallow. */
    static final class RecordingStream extends FilterOutputStream {
        volatile IOException failure;

        RecordingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                failure = failure == null ? e : failure;
                throw e;
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
                throw e;
            }
        }
    }
}
