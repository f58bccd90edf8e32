package org.tidl.core;

/** Input the user can fix (unknown topology, impossible n, bad file, …). The CLI prints the message and exits 2. */
public final class InvalidInputException extends RuntimeException {
    public InvalidInputException(String message) {
        super(message);
    }
}
