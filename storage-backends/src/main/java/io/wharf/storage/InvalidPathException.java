package io.wharf.storage;

/** A path that breaks the driver contract's grammar (and so could escape the storage root). */
public class InvalidPathException extends IllegalArgumentException {

    public InvalidPathException(String path) {
        super("invalid storage path: " + path);
    }
}
