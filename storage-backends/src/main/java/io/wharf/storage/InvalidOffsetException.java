package io.wharf.storage;

import java.io.IOException;

/** A read was asked to start before the beginning or past the end of a file. */
public class InvalidOffsetException extends IOException {

    public InvalidOffsetException(String path, long offset) {
        super("invalid offset " + offset + " for " + path);
    }
}
