package org.tidl.dl.data;

import org.tidl.core.InvalidInputException;

/** A missing or corrupt data file: one line naming the file and how to get it (exit code 2). */
final class DataError {

    private DataError() {
    }

    static InvalidInputException of(java.nio.file.Path file, String problem, String howToGet) {
        return InvalidInputException.mentioning("data file " + file + ": " + problem + " (" + howToGet + ")", "data-dir");
    }
}
