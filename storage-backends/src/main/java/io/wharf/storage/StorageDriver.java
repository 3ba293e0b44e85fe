package io.wharf.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A small storage contract in the spirit of CNCF Distribution's {@code StorageDriver}: the registry
 * keeps all OCI-level logic and asks a driver only to read, write, stat, list, move and delete paths.
 *
 * <p>Paths are absolute, slash-separated ({@code /blobs/sha256/ab/abcd.../data}); every component
 * matches {@code [A-Za-z0-9._-]+} and is neither {@code .} nor {@code ..}, so no path can leave the
 * driver's root. A driver rejects any other path with {@link InvalidPathException}.
 *
 * <p>Every driver must pass {@code StorageDriverContract} from this module's test-jar.
 */
public interface StorageDriver {

    /** A short name for logs and metrics, e.g. {@code filesystem} or {@code s3}. */
    String name();

    /**
     * Opens the content at {@code path} for reading, starting at byte {@code offset}.
     *
     * @throws PathNotFoundException when nothing is stored at {@code path}
     * @throws InvalidOffsetException when {@code offset} is negative or beyond the end
     */
    InputStream reader(String path, long offset) throws IOException;

    /**
     * Opens a writer for {@code path}. With {@code append} the writer continues what earlier writers
     * left after {@link FileWriter#close()}; without it any earlier content is replaced.
     */
    FileWriter writer(String path, boolean append) throws IOException;

    /** @throws PathNotFoundException when nothing is stored at {@code path} */
    FileInfo stat(String path) throws IOException;

    /**
     * The direct children of the directory {@code path}, as full paths, sorted.
     *
     * @throws PathNotFoundException when {@code path} does not exist
     */
    List<String> list(String path) throws IOException;

    /**
     * Moves a file to {@code destPath}, replacing anything there, atomically where the backend allows:
     * a reader sees either the old content or the whole new content, never part of it.
     *
     * @throws PathNotFoundException when {@code sourcePath} does not exist
     */
    void move(String sourcePath, String destPath) throws IOException;

    /**
     * Deletes the file or the whole directory tree at {@code path}: a directory goes with everything in it.
     *
     * <p>A directory being written into does not make the delete fail. What was stored below it when the delete
     * began is gone; a file that arrives while the delete runs may stay; a writer still open below it may fail or
     * may store its content when it closes or commits. So whoever writes into a directory that may be deleted meanwhile
     * deletes it again once it stopped writing.
     *
     * @throws PathNotFoundException when {@code path} does not exist
     */
    void delete(String path) throws IOException;

    /**
     * A URL a client may fetch {@code path} from directly for {@code validFor} (a presigned URL),
     * or empty when the driver serves content only through {@link #reader}.
     */
    default Optional<URI> redirectUrl(String path, Duration validFor) {
        return Optional.empty();
    }

    /**
     * The local file that holds the content stored at {@code path}, for drivers that keep content in local files,
     * so that a server may send it with {@code sendfile} (no copy through the JVM); empty when the driver has no such
     * file or nothing is stored at {@code path}. The file must only be read.
     */
    default Optional<Path> localFile(String path) {
        return Optional.empty();
    }
}
