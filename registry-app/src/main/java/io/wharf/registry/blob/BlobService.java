package io.wharf.registry.blob;

import io.wharf.contract.name.RepositoryName;
import io.wharf.registry.digest.Digest;
import io.wharf.registry.error.ErrorCode;
import io.wharf.registry.error.RegistryException;
import io.wharf.registry.persistence.FindOrInsert;
import io.wharf.registry.persistence.LockConflicts;
import io.wharf.registry.quota.NamespaceQuotas;
import io.wharf.registry.repository.ImageRepository;
import io.wharf.registry.repository.RepositoryService;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Blobs as a repository sees them: what it links, may serve, and may lend to a mount. */
@Service
public class BlobService {

    private final Blobs blobs;
    private final RepositoryBlobs links;
    private final BlobStore store;
    private final RepositoryService repositories;
    private final FindOrInsert findOrInsert;
    private final NamespaceQuotas quotas;
    private final Clock clock;

    public BlobService(Blobs blobs, RepositoryBlobs links, BlobStore store, RepositoryService repositories,
            FindOrInsert findOrInsert, NamespaceQuotas quotas, Clock clock) {
        this.blobs = blobs;
        this.links = links;
        this.store = store;
        this.repositories = repositories;
        this.findOrInsert = findOrInsert;
        this.quotas = quotas;
        this.clock = clock;
    }

    /** The blob if {@code name} links it. */
    public Optional<Blob> findLinked(RepositoryName name, Digest digest) {
        return repositories.find(name).flatMap(repository -> findLinked(repository, digest));
    }

    public Optional<Blob> findLinked(ImageRepository repository, Digest digest) {
        return blobs.findLinked(repository.id(), digest.toString());
    }

    /** Of {@code digests}, the blobs {@code repository} links, by digest (its text). */
    public Map<String, Blob> findLinked(ImageRepository repository, Collection<Digest> digests) {
        return blobs.findLinked(repository.id(), digests.stream().map(Digest::toString).distinct().toList());
    }

    /** The blob {@code name} may serve, or BLOB_UNKNOWN. */
    public Blob requireLinked(RepositoryName name, Digest digest) {
        return findLinked(name, digest).orElseThrow(() -> blobUnknown(digest));
    }

    public InputStream open(Blob blob, long offset) throws IOException {
        return store.open(Digest.parse(blob.digest()), offset);
    }

    /**
     * Makes verified content staged at {@code stagedPath} the blob {@code digest} and links it to
     * {@code repository}, unless that would exceed the namespace's quota (DENIED). The blob row is claimed before
     * the content is moved into place: a collection deleting the blob at the same moment either finishes first (the
     * claim then inserts the row again and the content is moved back in) or finds the blob touched and leaves it
     * alone.
     */
    public Blob register(ImageRepository repository, Digest digest, long size, String stagedPath)
            throws IOException {
        quotas.checkRoomFor(repository.name(), digest.toString(), size);
        Blob blob = findOrInsert.apply(() -> claim(digest),
                () -> blobs.insert(new Blob(digest.toString(), size), clock.instant()));
        store.commit(stagedPath, digest, size);
        link(repository, blob);
        return blob;
    }

    /**
     * Cross-repository mount: links a blob {@code from} already serves to {@code target}. Empty when
     * {@code from} does not link it (or a collection just removed it), so the caller falls back to an ordinary
     * upload. DENIED when the blob would take {@code target}'s namespace beyond its quota.
     */
    public Optional<Blob> mount(RepositoryName target, RepositoryName from, Digest digest) {
        return findLinked(from, digest).flatMap(linked -> {
            quotas.checkRoomFor(target.value(), linked.digest(), linked.size());
            return claim(digest);
        }).map(blob -> {
            link(repositories.findOrCreate(target), blob);
            return blob;
        });
    }

    /**
     * Refreshes the links a manifest push relies on, in the push's transaction; MANIFEST_BLOB_UNKNOWN when a
     * collection removed one since the push checked it, so a manifest never references a blob about to go.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void holdLinks(ImageRepository repository, Set<Digest> digests) {
        if (digests.isEmpty()) {
            return;
        }
        Set<String> held = digests.stream().map(Digest::toString).collect(Collectors.toSet());
        if (links.touchLinks(repository.id(), held, clock.instant()) != held.size()) {
            throw new RegistryException(ErrorCode.MANIFEST_BLOB_UNKNOWN,
                    "a blob the manifest references was removed from the repository meanwhile; push it again");
        }
    }

    /** Removes the repository's link to a blob; the content goes when nothing links it any more. */
    @Transactional
    public void unlink(RepositoryName name, Digest digest) {
        ImageRepository repository = repositories.find(name).orElseThrow(() -> blobUnknown(digest));
        if (blobs.unlink(repository.id(), digest.toString()) == 0) {
            throw blobUnknown(digest);
        }
    }

    /** The blob, touched so that garbage collection keeps it for a grace period; empty when it is gone. */
    private Optional<Blob> claim(Digest digest) {
        return blobs.touch(digest.toString(), clock.instant()) == 1 ? blobs.findById(digest.toString())
                : Optional.empty();
    }

    /**
     * Links (or links again, which restarts the grace period of an unreferenced link); NAME_UNKNOWN when the
     * repository was deleted meanwhile. In a namespace with a quota the link is admitted by the quota, one at a time
     * per namespace (so no insert race to lose), DENIED beyond it.
     */
    private void link(ImageRepository repository, Blob blob) {
        RepositoryBlob link = new RepositoryBlob(repository.id(), blob.digest());
        try {
            // Its own transactions (the quota's, or find-or-insert's), repeatable: a repository deletion cascading
            // through the links may pick one as its deadlock's victim.
            LockConflicts.retry(() -> {
                if (quotas.limits(repository.name())) {
                    quotas.admit(repository.name(), blob.digest(), blob.size(), () -> {
                        if (links.touchLinks(link.repositoryId(), Set.of(link.digest()), clock.instant()) == 0) {
                            links.insert(link, clock.instant());
                        }
                    });
                    return;
                }
                findOrInsert.apply(
                        () -> links.touch(link, clock.instant()) == 1 ? Optional.of(link) : Optional.empty(),
                        () -> links.insert(link, clock.instant()));
            });
        } catch (DataIntegrityViolationException insertFailed) {
            // an insert whose repository is gone, or whose concurrent twin the repository's deletion took along
            throw repositories.explainConstraintFailure(repository, insertFailed);
        }
    }

    private static RegistryException blobUnknown(Digest digest) {
        return new RegistryException(ErrorCode.BLOB_UNKNOWN, "blob unknown to registry: " + digest,
                Map.of("digest", digest.toString()));
    }
}
