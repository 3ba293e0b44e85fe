package io.wharf.registry.blob;

import io.wharf.contract.name.RepositoryName;
import io.wharf.registry.digest.Digest;
import io.wharf.registry.error.ErrorCode;
import io.wharf.registry.error.RegistryException;
import io.wharf.registry.persistence.FindOrInsert;
import io.wharf.registry.repository.ImageRepository;
import io.wharf.registry.repository.RepositoryService;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Blobs as a repository sees them: what it links, may serve, and may lend to a mount. */
@Service
public class BlobService {

    private final Blobs blobs;
    private final RepositoryBlobs links;
    private final BlobStore store;
    private final RepositoryService repositories;
    private final FindOrInsert findOrInsert;
    private final Clock clock;

    public BlobService(Blobs blobs, RepositoryBlobs links, BlobStore store, RepositoryService repositories,
            FindOrInsert findOrInsert, Clock clock) {
        this.blobs = blobs;
        this.links = links;
        this.store = store;
        this.repositories = repositories;
        this.findOrInsert = findOrInsert;
        this.clock = clock;
    }

    /** The blob if {@code name} links it. */
    public Optional<Blob> findLinked(RepositoryName name, Digest digest) {
        return repositories.find(name).flatMap(repository -> findLinked(repository, digest));
    }

    public Optional<Blob> findLinked(ImageRepository repository, Digest digest) {
        return blobs.findLinked(repository.id(), digest.toString());
    }

    /** The blob {@code name} may serve, or BLOB_UNKNOWN. */
    public Blob requireLinked(RepositoryName name, Digest digest) {
        return findLinked(name, digest).orElseThrow(() -> blobUnknown(digest));
    }

    public InputStream open(Blob blob, long offset) throws IOException {
        return store.open(Digest.parse(blob.digest()), offset);
    }

    /** Records a blob whose content is verified and in place, and links it to {@code repository}. */
    public Blob register(ImageRepository repository, Digest digest, long size) {
        Blob blob = findOrInsert.apply(() -> blobs.findById(digest.toString()),
                () -> blobs.save(new Blob(digest.toString(), size, clock.instant())));
        link(repository, blob);
        return blob;
    }

    /**
     * Cross-repository mount: links a blob {@code from} already serves to {@code target}. Empty when
     * {@code from} does not link it, so the caller falls back to an ordinary upload.
     */
    public Optional<Blob> mount(RepositoryName target, RepositoryName from, Digest digest) {
        return findLinked(from, digest).map(blob -> {
            link(repositories.findOrCreate(target), blob);
            return blob;
        });
    }

    /** Removes the repository's link to a blob; the content goes when nothing links it any more. */
    @Transactional
    public void unlink(RepositoryName name, Digest digest) {
        ImageRepository repository = repositories.find(name).orElseThrow(() -> blobUnknown(digest));
        if (blobs.unlink(repository.id(), digest.toString()) == 0) {
            throw blobUnknown(digest);
        }
    }

    private void link(ImageRepository repository, Blob blob) {
        RepositoryBlob.Key key = new RepositoryBlob.Key(repository.id(), blob.digest());
        findOrInsert.apply(() -> links.findById(key),
                () -> links.save(new RepositoryBlob(repository.id(), blob.digest(), clock.instant())));
    }

    private static RegistryException blobUnknown(Digest digest) {
        return new RegistryException(ErrorCode.BLOB_UNKNOWN, "blob unknown to registry: " + digest,
                Map.of("digest", digest.toString()));
    }
}
