package io.wharf.storage;

import java.util.regex.Pattern;

/**
 * The path grammar of the driver contract (see {@link StorageDriver}). Every driver checks each path
 * it is given here before touching storage: this is what keeps a path from escaping the root.
 */
public final class StoragePaths {

    public static final String ROOT = "/";

    private static final Pattern COMPONENT = Pattern.compile("[A-Za-z0-9._-]+");

    private StoragePaths() {
    }

    /**
     * Checks a path naming something below the root: the root itself can be neither read, written,
     * stat'ed, moved nor deleted.
     *
     * @return {@code path}, for chaining
     * @throws InvalidPathException when {@code path} breaks the grammar or is the root
     */
    public static String requireValid(String path) {
        if (path == null || !path.startsWith(ROOT)) {
            throw new InvalidPathException(path);
        }
        // limit -1 keeps trailing empty strings, so "/a/" yields an empty last component and fails.
        for (String component : path.substring(1).split("/", -1)) {
            if (!COMPONENT.matcher(component).matches() || component.equals(".") || component.equals("..")) {
                throw new InvalidPathException(path);
            }
        }
        return path;
    }

    /**
     * Checks a directory path for {@link StorageDriver#list}, which alone also accepts the root.
     *
     * @return {@code path}, for chaining
     * @throws InvalidPathException when {@code path} breaks the grammar
     */
    public static String requireValidOrRoot(String path) {
        return ROOT.equals(path) ? path : requireValid(path);
    }

    /** The full path of the entry {@code name} inside the valid directory path {@code directory}. */
    public static String child(String directory, String name) {
        return ROOT.equals(directory) ? ROOT + name : directory + "/" + name;
    }
}
