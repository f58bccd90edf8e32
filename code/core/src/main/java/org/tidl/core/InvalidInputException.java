package org.tidl.core;

import java.util.List;
import java.util.function.Function;

/**
 * Input the user can fix (unknown topology, impossible n, bad file, …). The CLI prints the message and exits 2.
 * The message is made safe for one line at creation ({@link Messages#oneLine}): quoted input is shortened and
 * invisible characters are shown, wherever the message was built.
 *
 * <p>Library code names parameters, never a front end's flags: a bad value of one parameter is
 * {@link #of of("gamma", "must be in [0, 1), got 1.5")}, and a message that points to another setting as the
 * remedy writes it as {@code {name}} ({@link #mentioning mentioning("… use {fresh} to start over", "fresh")}).
 * The message shows the plain names ("gamma must be in [0, 1), got 1.5"); a front end shows its own
 * ({@link #naming}: the CLI's "--gamma must be in [0, 1), got 1.5") and picks the exit code.
 */
public final class InvalidInputException extends RuntimeException {

    /** The message with parameters as {@code {name}}; null for a plain message. */
    private final String template;
    /** The parameters the template names, the first being the one whose value is bad when {@link #parameter} is set. */
    private final List<String> names;
    /** The parameter whose value is bad, or null. */
    private final String parameter;

    public InvalidInputException(String message) {
        this(message, (Throwable) null);
    }

    /** With the failure behind it (a plugin's exception), which {@code --debug} shows. */
    public InvalidInputException(String message, Throwable cause) {
        super(Messages.oneLine(message), cause);
        this.template = null;
        this.names = List.of();
        this.parameter = null;
    }

    private InvalidInputException(String template, List<String> names, String parameter, Throwable cause) {
        super(Messages.oneLine(render(template, names, n -> n)), cause);
        this.template = template;
        this.names = List.copyOf(names);
        this.parameter = parameter;
    }

    /**
     * A bad value of {@code parameter}: {@code of("gamma", "must be in [0, 1), got 1.5")} says "gamma must be in
     * [0, 1), got 1.5"; a problem that starts with ':' follows the name directly ("plugins: folder x does not
     * exist"). The problem may mention further parameters as {@code {name}} when they are listed in
     * {@code mentioned}.
     */
    public static InvalidInputException of(String parameter, String problem, String... mentioned) {
        List<String> names = new java.util.ArrayList<>(List.of(parameter));
        names.addAll(List.of(mentioned));
        return new InvalidInputException("{" + parameter + "}" + (problem.startsWith(":") ? "" : " ") + problem, names,
                parameter, null);
    }

    /** A failure whose message mentions parameters as {@code {name}} (a remedy: "use {fresh} to start over"). */
    public static InvalidInputException mentioning(String template, String... parameters) {
        return new InvalidInputException(template, List.of(parameters), null, null);
    }

    /** The parameter whose value is bad, or null when the message names no single one. */
    public String parameter() {
        return parameter;
    }

    /** The parameters the message names (the bad one first, when there is one). */
    public List<String> parameters() {
        return names;
    }

    /**
     * The same failure with every named parameter shown as {@code shown} gives it (a front end's name, e.g.
     * "--gamma"); this exception itself when its message names none.
     */
    public InvalidInputException naming(Function<String, String> shown) {
        if (template == null) {
            return this;
        }
        InvalidInputException e = new InvalidInputException(render(template, names, shown), getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }

    private static String render(String template, List<String> names, Function<String, String> shown) {
        String s = template;
        for (String n : names) {
            s = s.replace("{" + n + "}", shown.apply(n));
        }
        return s;
    }
}
