package io.wharf.registry.blob;

import io.wharf.registry.digest.Digest;
import io.wharf.registry.storage.StorageLayout;
import io.wharf.storage.PathNotFoundException;
import io.wharf.storage.StorageDriver;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Content-addressed blob storage over the storage driver. A blob's path exists only once its content was
 * verified against its digest: content is staged elsewhere and moved into place whole.
 */
@Component
public class BlobStore {

    /** As long as CNCF Distribution's redirects: enough for a slow pull to start, short for a leaked URL. */
    private static final Duration REDIRECT_VALIDITY = Duration.ofMinutes(20);

    private final StorageDriver driver;

    public BlobStore(StorageDriver driver) {
        this.driver = driver;
    }

    public InputStream open(Digest digest, long offset) throws IOException {
        return driver.reader(StorageLayout.blobData(digest), offset);
    }

    /** The local file holding the blob, when the driver keeps one (then it can be sent without copying). */
    public Optional<Path> localFile(Digest digest) {
        return driver.localFile(StorageLayout.blobData(digest));
    }

    /** Where a client may fetch the blob directly (a presigned URL), when the driver hands such URLs out. */
    public Optional<URI> redirectUrl(Digest digest) {
        return driver.redirectUrl(StorageLayout.blobData(digest), REDIRECT_VALIDITY);
    }

    public boolean contains(Digest digest, long size) throws IOException {
        try {
            return driver.stat(StorageLayout.blobData(digest)).size() == size;
        } catch (PathNotFoundException absent) {
            return false;
        }
    }

    /** Removes a blob's content; one that is already gone is no error (a collection that died half-way). */
    public void delete(Digest digest) throws IOException {
        try {
            driver.delete(StorageLayout.blobFolder(digest));
        } catch (PathNotFoundException alreadyGone) {
            // nothing to reclaim
        }
    }

    /**
     * Makes verified content at {@code stagedPath} the blob {@code digest}. When the blob is already stored
     * (another upload of the same content won), the staged copy is dropped: content is stored once.
     */
    public void commit(String stagedPath, Digest digest, long size) throws IOException {
        if (contains(digest, size)) {
            driver.delete(stagedPath);
        } else {
            driver.move(stagedPath, StorageLayout.blobData(digest));
        }
    }
}
