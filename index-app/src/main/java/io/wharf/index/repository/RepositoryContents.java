package io.wharf.index.repository;

import io.wharf.index.IndexProperties;
import io.wharf.index.accesstoken.RobotPermissions;
import io.wharf.index.namespace.Namespaces;
import io.wharf.index.registry.TagTarget;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the registry holds in each repository, as the index records it from the registry's events and
 * from reconciling. Every change carries the registry's time {@code at}: a report older than what a tag
 * records is stale (events may arrive late and out of order) and leaves the tag alone.
 *
 * <p>A repository the index does not know yet is recorded with the default visibility, like one created
 * by a first push, when its namespace exists; in a pull-through cache's namespace with the cache's visibility. Content in a namespace that no user or organization holds
 * cannot have been pushed through this index's tokens, and has no place to go: it is left out.
 */
@Service
@Transactional
public class RepositoryContents {

    private final ImageRepositories repositories;
    private final ImageTags tags;
    private final Stars stars;
    private final Collaborators collaborators;
    private final RobotPermissions robotPermissions;
    private final Namespaces namespaces;
    private final CacheNamespaces caches;
    private final Visibility defaultVisibility;

    public RepositoryContents(ImageRepositories repositories, ImageTags tags, Stars stars, Collaborators collaborators,
            RobotPermissions robotPermissions, Namespaces namespaces, CacheNamespaces caches,
            IndexProperties properties) {
        this.repositories = repositories;
        this.tags = tags;
        this.stars = stars;
        this.collaborators = collaborators;
        this.robotPermissions = robotPermissions;
        this.namespaces = namespaces;
        this.caches = caches;
        this.defaultVisibility = properties.defaultVisibility();
    }

    /** A manifest arrived without a tag (pushed by digest, such as the images of an index). */
    public boolean recordManifestPush(RepositoryPath path, Instant at) {
        Optional<ImageRepository> adopted = adopt(path, at);
        adopted.ifPresent(repository -> repositories.recordPush(repository, at, false));
        return adopted.isPresent();
    }

    /**
     * {@code tag} now points at {@code target}.
     *
     * @return whether it was recorded: {@code false} when the namespace does not exist
     */
    public boolean recordTagPush(RepositoryPath path, String tag, TagTarget target, Instant at) {
        Optional<ImageRepository> adopted = adopt(path, at);
        adopted.ifPresent(repository -> {
            repositories.recordPush(repository, at, true);
            tags.findByRepositoryIdAndName(repository.id(), tag).ifPresentOrElse(
                    existing -> {
                        if (existing.isNotNewerThan(at)) {
                            tags.point(existing, target, at);
                        }
                    },
                    () -> tags.save(new ImageTag(repository, tag, target, at)));
        });
        return adopted.isPresent();
    }

    public void removeTag(RepositoryPath path, String tag, Instant at) {
        repositories.find(path)
                .flatMap(repository -> tags.findByRepositoryIdAndName(repository.id(), tag))
                .filter(existing -> existing.isNotNewerThan(at))
                .ifPresent(tags::delete);
    }

    /** The manifest is gone, and with it every tag that pointed at it. */
    public void removeManifest(RepositoryPath path, String digest, Instant at) {
        repositories.find(path).ifPresent(repository -> tags.findByRepositoryIdAndDigest(repository.id(), digest)
                .stream()
                .filter(existing -> existing.isNotNewerThan(at))
                .forEach(tags::delete));
    }

    /**
     * {@code count} manifests were pulled, {@code tagPulls} of them by a tag; pulls of repositories the index does
     * not know are not counted.
     */
    public void recordPulls(RepositoryPath path, long count, Map<String, TagPulls> tagPulls) {
        repositories.find(path).ifPresent(repository -> {
            repositories.recordPulls(repository, count);
            // A tag the index does not hold (deleted since, or its push not reported yet) has no row to count in.
            tagPulls.forEach((tag, pulls) -> tags.findByRepositoryIdAndName(repository.id(), tag)
                    .ifPresent(existing -> tags.recordPulls(existing, pulls.count(), pulls.lastPulledAt())));
        });
    }

    /**
     * The registry deleted the repository: the index forgets it, with its tags, stars, collaborators and
     * robot permissions. A later push records it afresh, as any new repository. Only content pushed after
     * the deletion (a late event) keeps it, and a repository recorded after it (the index deleted it itself,
     * then someone created it again before this event arrived) is another repository and stays.
     */
    public void removeRepository(RepositoryPath path, Instant at) {
        repositories.find(path).ifPresent(repository -> {
            boolean pushedSince = repository.lastPushedAt() != null && repository.lastPushedAt().isAfter(at);
            if (repository.createdAt().isAfter(at)) {
                return;
            }
            if (pushedSince) {
                removeTagsObservedBy(repository, Map.of(), at);
                return;
            }
            forget(repository);
        });
    }

    /**
     * Forgets the repository with its tags, stars, collaborators and robot permissions, in one transaction: the index
     * deleted it in the registry, whatever the registry's events said last; the registry's repository-delete event,
     * arriving later, finds nothing.
     */
    public void forget(ImageRepository repository) {
        tags.deleteByRepositoryId(repository.id());
        stars.deleteByRepositoryId(repository.id());
        collaborators.deleteByRepositoryId(repository.id());
        robotPermissions.deleteByRepositoryId(repository.id());
        // Bulk deletes throughout: the index's own delete and the registry's delete event may meet here.
        repositories.deleteRepository(repository.id());
    }

    /**
     * Makes the repository's tags what the registry listed at {@code observedAt}: missing ones are added,
     * wrong ones corrected, others removed. Tags changed by events after {@code observedAt} are newer than
     * this observation and stay as they are.
     *
     * @param adoptMissing record the repository when the index does not know it
     */
    public Reconciliation reconcile(RepositoryPath path, Map<String, TagTarget> observed, Instant observedAt,
            boolean adoptMissing) {
        boolean known = repositories.find(path).isPresent();
        Optional<ImageRepository> repository = known || adoptMissing ? adopt(path, observedAt) : Optional.empty();
        if (repository.isEmpty()) {
            return Reconciliation.NOT_RECORDED;
        }
        Map<String, ImageTag> recorded = new HashMap<>();
        tags.findByRepositoryIdOrderByName(repository.get().id()).forEach(tag -> recorded.put(tag.name(), tag));
        int added = 0;
        int updated = 0;
        for (Map.Entry<String, TagTarget> entry : observed.entrySet()) {
            ImageTag existing = recorded.get(entry.getKey());
            if (existing == null) {
                tags.save(new ImageTag(repository.get(), entry.getKey(), entry.getValue(), observedAt));
                added++;
            } else if (!existing.target().equals(entry.getValue()) && existing.isNotNewerThan(observedAt)) {
                tags.point(existing, entry.getValue(), observedAt);
                updated++;
            }
        }
        int removed = removeTagsObservedBy(repository.get(), observed, observedAt);
        tags.recount(repository.get().id());
        return new Reconciliation(!known, added, updated, removed);
    }

    /** Removes the tags missing from {@code observed} that were not changed after {@code at}. */
    private int removeTagsObservedBy(ImageRepository repository, Map<String, TagTarget> observed, Instant at) {
        int removed = 0;
        for (ImageTag tag : tags.findByRepositoryIdOrderByName(repository.id())) {
            if (!observed.containsKey(tag.name()) && tag.isNotNewerThan(at)) {
                tags.delete(tag);
                removed++;
            }
        }
        return removed;
    }

    private Optional<ImageRepository> adopt(RepositoryPath path, Instant at) {
        Optional<ImageRepository> known = repositories.find(path);
        if (known.isPresent() || !namespaces.existsById(path.namespace())) {
            return known;
        }
        Visibility visibility = caches.ofNamespace(path.namespace()).map(AccessFacts.Cache::visibility)
                .orElse(defaultVisibility);
        return Optional.of(repositories.save(new ImageRepository(path, visibility, at)));
    }

    /** What reconciling one repository changed; {@code skipped} when it could not be recorded. */
    public record Reconciliation(boolean skipped, boolean repositoryAdded, int tagsAdded, int tagsUpdated, int tagsRemoved) {

        static final Reconciliation NOT_RECORDED = new Reconciliation(true, false, 0, 0, 0);

        Reconciliation(boolean repositoryAdded, int tagsAdded, int tagsUpdated, int tagsRemoved) {
            this(false, repositoryAdded, tagsAdded, tagsUpdated, tagsRemoved);
        }
    }
}
