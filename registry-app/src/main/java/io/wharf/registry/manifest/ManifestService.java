package io.wharf.registry.manifest;

import io.wharf.contract.name.RepositoryName;
import io.wharf.registry.blob.Blob;
import io.wharf.registry.blob.BlobService;
import io.wharf.registry.digest.Digest;
import io.wharf.registry.digest.DigestAlgorithm;
import io.wharf.registry.error.ErrorCode;
import io.wharf.registry.error.RegistryException;
import io.wharf.registry.events.RegistryEvents;
import io.wharf.registry.repository.ImageRepository;
import io.wharf.registry.repository.RepositoryService;
import io.wharf.registry.tag.TagService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Manifests by tag or digest: push (validated against the blobs and child manifests the repository holds),
 * fetch, delete. A manifest is stored once per repository and digest; tags point at it. Every push and delete
 * commits together with its event (see {@link RegistryEvents}).
 */
@Service
public class ManifestService {

    /** The size the spec asks every registry to accept; larger pushes answer 413. */
    public static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
    /** Tags one push by digest may set; the spec asks for at least 10, and the request line bounds them anyway. */
    public static final int MAX_TAGS_PER_PUSH = 100;
    /** A push replayed this often has lost a race each time: something else is wrong. */
    private static final int PUSH_ATTEMPTS = 3;

    private final Manifests manifests;
    private final ManifestReferences references;
    private final ManifestParser parser;
    private final RepositoryService repositories;
    private final BlobService blobs;
    private final TagService tags;
    private final RegistryEvents events;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ManifestCache cache;

    public ManifestService(Manifests manifests, ManifestReferences references, ManifestParser parser,
            RepositoryService repositories, BlobService blobs, TagService tags, RegistryEvents events,
            PlatformTransactionManager transactions, Clock clock, ManifestCache cache) {
        this.manifests = manifests;
        this.references = references;
        this.parser = parser;
        this.repositories = repositories;
        this.blobs = blobs;
        this.tags = tags;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.cache = cache;
    }

    /**
     * Stores a manifest under {@code reference} (a tag, or the digest it must have), and with a digest also under
     * {@code tagParameters}: all of it, with one push event per tag (one without a tag when there is none), or
     * nothing.
     *
     * @param tagParameters tags to set with a digest reference, at most {@link #MAX_TAGS_PER_PUSH}
     * @param contentType the request's media type without parameters, or null
     */
    public StoredManifest put(RepositoryName name, String reference, List<String> tagParameters, String contentType,
            byte[] payload) {
        if (payload.length > MAX_MANIFEST_BYTES) {
            throw new RegistryException(ErrorCode.SIZE_INVALID, HttpStatus.PAYLOAD_TOO_LARGE,
                    "manifest is larger than " + MAX_MANIFEST_BYTES + " bytes", null);
        }
        boolean byDigest = Digest.looksLikeDigest(reference);
        List<String> tagsToSet = byDigest ? tagParameters : List.of(reference);
        checkTags(byDigest, tagParameters, tagsToSet);
        ParsedManifest parsed = parser.parse(contentType, payload);
        Digest digest = digestOf(reference, byDigest, payload);
        Optional<ImageRepository> existing = repositories.find(name);
        checkReferencesExist(existing, parsed);
        ImageRepository repository = existing.orElseGet(() -> repositories.findOrCreate(name));
        Manifest manifest = replayingLostRaces(repository, () -> {
            // A manifest the untagged-manifest policy removed since the find is inserted again.
            Manifest stored = manifests.findByDigest(repository.id(), digest.toString())
                    .filter(found -> manifests.touch(repository.id(), Set.of(found.digest()), clock.instant()) == 1)
                    .orElseGet(() -> insert(repository, digest, parsed, payload));
            if (tagsToSet.isEmpty()) {
                events.manifestPushed(name.value(), stored.digest(), stored.mediaType(), stored.payload(), null);
            }
            for (String tag : tagsToSet) {
                tags.pointTo(repository, tag, stored.id());
                events.manifestPushed(name.value(), stored.digest(), stored.mediaType(), stored.payload(), tag);
            }
            return stored;
        });
        return StoredManifest.of(manifest);
    }

    /**
     * Stores a manifest a pull-through cache fetched from its upstream, under {@code tag} (null: by digest only),
     * with a push event by {@code actor}. Unlike a push, the blobs and child manifests it references need not be
     * here: the cache fetches them when a client asks for them.
     */
    public StoredManifest storeFetched(RepositoryName name, String tag, String mediaType, byte[] payload,
            String actor) {
        ParsedManifest parsed = parser.parse(mediaType, payload);
        Digest digest = DigestAlgorithm.SHA256.digestOf(payload);
        ImageRepository repository = repositories.findOrCreate(name);
        Manifest manifest = replayingLostRaces(repository, () -> {
            Manifest stored = manifests.findByDigest(repository.id(), digest.toString())
                    .filter(found -> manifests.touch(repository.id(), Set.of(found.digest()), clock.instant()) == 1)
                    .orElseGet(() -> insertReferences(repository,
                            manifests.insert(repository.id(), digest.toString(), parsed, payload, clock.instant()),
                            parsed));
            if (tag != null) {
                tags.pointTo(repository, tag, stored.id());
            }
            events.manifestPushedBy(actor, name.value(), stored.digest(), stored.mediaType(), stored.payload(), tag);
            return stored;
        });
        return StoredManifest.of(manifest);
    }

    private static void checkTags(boolean byDigest, List<String> tagParameters, List<String> tagsToSet) {
        if (!byDigest && !tagParameters.isEmpty()) {
            throw new RegistryException(ErrorCode.MANIFEST_INVALID,
                    "?tag= goes with a push by digest: PUT /v2/<name>/manifests/<digest>?tag=<tag>");
        }
        if (tagsToSet.size() > MAX_TAGS_PER_PUSH) {
            throw new RegistryException(ErrorCode.MANIFEST_INVALID, HttpStatus.URI_TOO_LONG, "at most "
                    + MAX_TAGS_PER_PUSH + " tags per push; set the others with another push", null);
        }
        for (String tag : tagsToSet) {
            if (!TagService.isValidTag(tag)) {
                throw new RegistryException(ErrorCode.MANIFEST_INVALID, "invalid tag: " + tag
                        + " (up to 128 of letters, digits, '_', '.', '-', not starting with '.' or '-')",
                        Map.of("tag", tag));
            }
        }
    }

    /** The manifest {@code reference} names, or MANIFEST_UNKNOWN (NAME_UNKNOWN for an unknown repository). */
    public StoredManifest get(RepositoryName name, String reference) {
        return cache.get(name.value(), reference, () -> {
            ImageRepository repository = repositories.require(name);
            return StoredManifest.of(find(repository, reference).orElseThrow(() -> unknown(reference)));
        });
    }

    /**
     * Deletes a manifest by digest, with every tag pointing at it, on behalf of {@code actor} (a pull-through cache
     * evicting it) rather than of the requester.
     */
    @Transactional
    public void deleteAs(String actor, RepositoryName name, String digest) {
        deleteByDigest(repositories.require(name), name, digest, actor);
    }

    /**
     * Deletes by tag (that tag only, as distribution-spec 1.1 allows) or by digest (the manifest and every
     * tag pointing at it).
     */
    @Transactional
    public void delete(RepositoryName name, String reference) {
        ImageRepository repository = repositories.require(name);
        if (!Digest.looksLikeDigest(reference)) {
            if (!tags.delete(repository, reference)) {
                throw unknown(reference);
            }
            events.tagDeleted(name.value(), reference);
            return;
        }
        deleteByDigest(repository, name, Digest.parse(reference).toString(), null);
    }

    private void deleteByDigest(ImageRepository repository, RepositoryName name, String digest, String actor) {
        Manifest manifest = manifests.findByDigest(repository.id(), digest).orElseThrow(() -> unknown(digest));
        tags.deleteAllPointingTo(manifest.id());
        if (manifests.delete(manifest.id()) == 0) {
            // A concurrent delete won: one deletion, one event.
            throw unknown(digest);
        }
        events.manifestDeletedBy(actor, name.value(), manifest.digest());
    }

    /**
     * Runs a push (manifest, tag, event) as one transaction. When concurrent pushes insert the same manifest or
     * tag, the losers' transactions fail on the unique key; replayed, they find the winner's row. When the
     * repository was deleted meanwhile, the foreign keys fail: NAME_UNKNOWN, no replay.
     */
    private Manifest replayingLostRaces(ImageRepository repository, Supplier<Manifest> push) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> push.get());
            } catch (DataIntegrityViolationException | OptimisticLockingFailureException
                    | PessimisticLockingFailureException raceLost) {
                // an update finding its row gone (a concurrent delete) is a lost race too, and so is being the
                // victim of a deadlock with one
                RuntimeException explained = repositories.explainConstraintFailure(repository, raceLost);
                if (explained != raceLost || attempt == PUSH_ATTEMPTS) {
                    throw explained;
                }
            }
        }
    }

    private Optional<Manifest> find(ImageRepository repository, String reference) {
        if (Digest.looksLikeDigest(reference)) {
            return manifests.findByDigest(repository.id(), Digest.parse(reference).toString());
        }
        if (!TagService.isValidTag(reference)) {
            // No push can have stored anything under it: as unknown as any other missing manifest.
            return Optional.empty();
        }
        return tags.resolve(repository, reference).flatMap(manifests::findById);
    }

    private static Digest digestOf(String reference, boolean byDigest, byte[] payload) {
        if (!byDigest) {
            return DigestAlgorithm.SHA256.digestOf(payload);
        }
        Digest expected = Digest.parse(reference);
        Digest actual = expected.algorithm().digestOf(payload);
        if (!actual.equals(expected)) {
            throw new RegistryException(ErrorCode.DIGEST_INVALID,
                    "manifest digest " + actual + " does not match " + expected,
                    Map.of("expected", expected.toString(), "actual", actual.toString()));
        }
        return expected;
    }

    /** Every blob must be in the repository with the size the descriptor claims; every child manifest too. */
    private void checkReferencesExist(Optional<ImageRepository> repository, ParsedManifest parsed) {
        List<Map<String, Object>> missing = new ArrayList<>();
        // One query for all of them: an image has a config and a layer or dozens.
        Map<String, Blob> linked = repository.map(existing -> blobs.findLinked(existing,
                parsed.blobs().stream().map(Descriptor::digest).toList())).orElse(Map.of());
        for (Descriptor blob : parsed.blobs()) {
            Blob stored = linked.get(blob.digest().toString());
            if (stored == null) {
                missing.add(Map.of("digest", blob.digest().toString(), "reason", "blob unknown"));
            } else if (stored.size() != blob.size()) {
                throw new RegistryException(ErrorCode.MANIFEST_INVALID, "descriptor of " + blob.digest()
                        + " says " + blob.size() + " bytes, the blob has " + stored.size());
            }
        }
        for (Descriptor child : parsed.children()) {
            if (repository.flatMap(existing -> manifests.findByDigest(existing.id(), child.digest().toString()))
                    .isEmpty()) {
                missing.add(Map.of("digest", child.digest().toString(), "reason", "manifest unknown"));
            }
        }
        if (!missing.isEmpty()) {
            throw new RegistryException(ErrorCode.MANIFEST_BLOB_UNKNOWN,
                    "manifest references " + missing.size() + " unknown blob(s) or manifest(s)",
                    Map.of("missing", missing));
        }
    }

    private Manifest insert(ImageRepository repository, Digest digest, ParsedManifest parsed, byte[] payload) {
        blobs.holdLinks(repository, parsed.blobs().stream().map(Descriptor::digest).collect(Collectors.toSet()));
        holdChildren(repository, parsed);
        return insertReferences(repository,
                manifests.insert(repository.id(), digest.toString(), parsed, payload, clock.instant()), parsed);
    }

    private Manifest insertReferences(ImageRepository repository, Manifest manifest, ParsedManifest parsed) {
        parsed.blobs().stream().map(Descriptor::digest).distinct().forEach(blob -> references.insert(
                new ManifestReference(manifest.id(), blob.toString(), ManifestReference.Kind.BLOB)));
        parsed.children().stream().map(Descriptor::digest).distinct().forEach(child -> references.insert(
                new ManifestReference(manifest.id(), child.toString(), ManifestReference.Kind.MANIFEST)));
        return manifest;
    }

    /**
     * Marks the child manifests an index push relies on, in its transaction; MANIFEST_BLOB_UNKNOWN when one was
     * removed since the push checked it, so a committed index never lists a manifest that is gone.
     */
    private void holdChildren(ImageRepository repository, ParsedManifest parsed) {
        Set<String> children = parsed.children().stream().map(child -> child.digest().toString())
                .collect(Collectors.toSet());
        if (!children.isEmpty() && manifests.touch(repository.id(), children, clock.instant()) != children.size()) {
            throw new RegistryException(ErrorCode.MANIFEST_BLOB_UNKNOWN,
                    "a manifest the index lists was removed from the repository meanwhile; push it again");
        }
    }

    private static RegistryException unknown(String reference) {
        return new RegistryException(ErrorCode.MANIFEST_UNKNOWN, "manifest unknown to registry: " + reference,
                Map.of("reference", reference));
    }
}
