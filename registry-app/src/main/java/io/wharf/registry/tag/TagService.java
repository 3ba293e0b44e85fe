package io.wharf.registry.tag;

import io.wharf.contract.name.RepositoryName;
import io.wharf.registry.error.ErrorCode;
import io.wharf.registry.error.RegistryException;
import io.wharf.registry.paging.NamePage;
import io.wharf.registry.repository.ImageRepository;
import io.wharf.registry.repository.RepositoryService;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Tags: listing in ASCII order with pagination, pointing a tag at a manifest, removing one tag. */
@Service
public class TagService {

    private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

    private final Tags tags;
    private final RepositoryService repositories;
    private final TagProperties properties;
    private final Clock clock;

    public TagService(Tags tags, RepositoryService repositories, TagProperties properties, Clock clock) {
        this.tags = tags;
        this.repositories = repositories;
        this.properties = properties;
        this.clock = clock;
    }

    public static boolean isValidTag(String candidate) {
        return candidate != null && TAG.matcher(candidate).matches();
    }

    /** Up to {@code limit} tags after {@code last}; NAME_UNKNOWN for a repository never pushed to. */
    public NamePage list(RepositoryName name, int limit, String last) {
        ImageRepository repository = repositories.require(name);
        return NamePage.fetch(limit,
                fetchSize -> tags.namesAfter(repository.id(), last == null ? "" : last, fetchSize));
    }

    public Optional<Long> resolve(ImageRepository repository, String tag) {
        return tags.find(repository.id(), tag).map(Tag::manifestId);
    }

    /**
     * Points {@code tag} at a manifest, creating the tag or moving it, in the caller's transaction (the push's,
     * which commits manifest, tag and event together). When a concurrent push creates the same tag first, the
     * insert fails with a DataIntegrityViolationException, and when a concurrent delete removes the tag before it
     * moves, the move fails with an OptimisticLockingFailureException: for the caller to replay its transaction.
     * Moving an immutable tag is DENIED; pointing it at the manifest it already names is not a move.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void pointTo(ImageRepository repository, String tag, long manifestId) {
        if (!isValidTag(tag)) {
            throw new RegistryException(ErrorCode.MANIFEST_INVALID, "invalid tag: " + tag);
        }
        Optional<Tag> existing = tags.find(repository.id(), tag);
        if (existing.isEmpty()) {
            tags.insert(new Tag(repository.id(), tag, manifestId, clock.instant()));
        } else {
            if (existing.get().manifestId() != manifestId) {
                properties.immutability(repository.name(), tag).ifPresent(rule -> {
                    throw new RegistryException(ErrorCode.DENIED, "tag " + tag + " of " + repository.name()
                            + " is immutable (rule " + rule.repositoryPattern() + ":" + rule.tagPattern()
                            + "): it cannot be moved to another manifest; push under a new tag",
                            Map.of("tag", tag));
                });
            }
            // Pushing a tag again counts as pushing it for retention, even onto the same manifest.
            if (tags.pointTo(repository.id(), tag, manifestId, clock.instant()) == 0) {
                throw new OptimisticLockingFailureException("tag " + tag + " of " + repository.name()
                        + " was deleted while this push moved it");
            }
        }
    }

    /** Removes one tag and nothing else: the manifest and its other tags stay. */
    @Transactional
    public boolean delete(ImageRepository repository, String tag) {
        // Counted, not looked up first: of two concurrent deletes only one removes the tag and reports it.
        return tags.delete(repository.id(), tag) == 1;
    }

    @Transactional
    public void deleteAllPointingTo(long manifestId) {
        tags.deleteByManifestId(manifestId);
    }
}
