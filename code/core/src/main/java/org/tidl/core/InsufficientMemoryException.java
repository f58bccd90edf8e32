package org.tidl.core;

/**
 * A run that would not fit in the memory it may use, refused before it allocates: the message gives the
 * numbers and the setting to change. The CLI prints it and exits 3, as for running out of memory.
 */
public final class InsufficientMemoryException extends RuntimeException {
    public InsufficientMemoryException(String message) {
        super(Messages.oneLine(message));
    }
}
