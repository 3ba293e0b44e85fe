package io.wharf.storage;

import java.io.IOException;

/** Nothing is stored at the path a driver was asked about. */
public class PathNotFoundException extends IOException {

    public PathNotFoundException(String path) {
        super("path not found: " + path);
    }
}
