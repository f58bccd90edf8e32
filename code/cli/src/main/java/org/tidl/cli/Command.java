package org.tidl.cli;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** One sub-command of {@code ./tidl}. */
interface Command {

    String name();

    /** One line for the command list. */
    String summary();

    /** Usage line, e.g. "--topology SPEC --workers N". */
    String usage();

    /** Command-specific options; the shared ones (--plugins, --out, --help) are added by {@link Main}. */
    Options options();

    /**
     * Text printed after the options in {@code ./tidl help COMMAND} (e.g. the keys an option accepts, or where
     * they are documented); null for none.
     */
    default String footer() {
        return null;
    }

    /**
     * How this command's messages show a parameter that a library names and that is not one of its options
     * (those are shown as {@code --NAME}): e.g. merge shows train's "--shard". Default: the name as it is.
     */
    default String parameterName(String parameter) {
        return parameter;
    }

    /** @return the exit code */
    int run(CommandLine cl, Context ctx) throws Exception;
}
