package org.tidl.core;

/**
 * Input the user can fix (unknown topology, impossible n, bad file, …). The CLI prints the message and exits 2.
 * The message is made safe for one line at creation ({@link Messages#oneLine}): quoted input is shortened and
 * invisible characters are shown, wherever the message was built.
 *
 * <p>A bad value of one named parameter ({@link #of}) carries the parameter's name apart from the problem, so
 * that library messages stay free of command-line wording ("gamma must be in [0, 1), got 1.5") and a front end
 * names the parameter its own way ({@link #naming}: the CLI's "--gamma must be in [0, 1), got 1.5").
 */
public final class InvalidInputException extends RuntimeException {

    /** The parameter whose value is bad, or null. */
    private final String parameter;
    /** What is wrong with it (the message without the leading parameter name), or null. */
    private final String problem;

    public InvalidInputException(String message) {
        super(Messages.oneLine(message));
        this.parameter = null;
        this.problem = null;
    }

    /** With the failure behind it (a plugin's exception), which {@code --debug} shows. */
    public InvalidInputException(String message, Throwable cause) {
        super(Messages.oneLine(message), cause);
        this.parameter = null;
        this.problem = null;
    }

    private InvalidInputException(String parameter, String problem) {
        super(Messages.oneLine(parameter + " " + problem));
        this.parameter = parameter;
        this.problem = Messages.oneLine(problem);
    }

    /**
     * A bad value of {@code parameter}; the message is {@code parameter + " " + problem}, e.g.
     * {@code of("gamma", "must be in [0, 1), got 1.5")}.
     */
    public static InvalidInputException of(String parameter, String problem) {
        return new InvalidInputException(parameter, problem);
    }

    /** The parameter whose value is bad, or null when the message names no single parameter. */
    public String parameter() {
        return parameter;
    }

    /** What is wrong with the parameter's value (the message without its name), or null. */
    public String problem() {
        return problem;
    }

    /** The same failure with the parameter shown as {@code shown} (a front end's name for it, e.g. "--gamma"). */
    public InvalidInputException naming(String shown) {
        if (parameter == null) {
            return this;
        }
        InvalidInputException e = new InvalidInputException(shown + " " + problem, getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }
}
