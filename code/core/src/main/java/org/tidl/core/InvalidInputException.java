package org.tidl.core;

/**
 * Input the user can fix (unknown topology, impossible n, bad file, …). The CLI prints the message and exits 2.
 * The message is made safe for one line at creation ({@link Messages#oneLine}): quoted input is shortened and
 * invisible characters are shown, wherever the message was built.
 */
public final class InvalidInputException extends RuntimeException {
    public InvalidInputException(String message) {
        super(Messages.oneLine(message));
    }

    /** With the failure behind it (a plugin's exception), which {@code --debug} shows. */
    public InvalidInputException(String message, Throwable cause) {
        super(Messages.oneLine(message), cause);
    }
}
