package io.wharf.index.event;

import io.wharf.index.repository.TagPulls;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One event of the registry's notification envelope (CNCF Distribution's format), reduced to what the
 * index uses. Other fields (request, source, ...) are ignored.
 *
 * @param timestamp when the registry made the change; events without one count as happening now
 * @param actor who made the change; may be absent
 */
public record RegistryEvent(String id, OffsetDateTime timestamp, String action, Target target, Actor actor) {

    static final String PUSH = "push";
    static final String DELETE = "delete";
    static final String PULL = "pull";

    /**
     * @param size the manifest's size; older senders only set {@code length}
     * @param platforms Wharf's extension: an index's platforms, or the one platform of an image (from its config)
     * @param imageSize Wharf's extension on image pushes: config plus layers, compressed
     * @param count Wharf's extension on pull events: how many pulls the event reports
     * @param tags Wharf's extension on pull events: of those pulls, the ones that started by a tag, per tag
     * @param subject Wharf's extension on pushes of a manifest that refers to another: that manifest's digest
     */
    public record Target(String mediaType, Long size, Long length, String digest, String repository, String tag,
            List<EventPlatform> platforms, Long imageSize, Long count, Map<String, EventTagPulls> tags,
            String subject) {

        /** What users see as an image's size: its compressed content, else (an index) the manifest itself. */
        long displaySize() {
            return imageSize != null ? imageSize : size != null ? size : length != null ? length : 0;
        }

        /** A pull event from a sender without Wharf's {@code count} stands for one pull, as in Distribution. */
        long pulls() {
            return count != null && count > 0 ? count : 1;
        }

        /** The pulls per tag; entries without a positive count are left out. */
        Map<String, TagPulls> tagPulls() {
            return tags == null ? Map.of() : tags.entrySet().stream()
                    .filter(entry -> entry.getValue() != null && entry.getValue().count() != null
                            && entry.getValue().count() > 0)
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().toTagPulls()));
        }
    }

    /** @param lastPulledAt when the last of the tag's pulls started; a sender may leave it out */
    public record EventTagPulls(Long count, OffsetDateTime lastPulledAt) {

        TagPulls toTagPulls() {
            return new TagPulls(count, lastPulledAt == null ? null : lastPulledAt.toInstant());
        }
    }

    /** @param name the account (or robot) the registry's token named; absent for anonymous pulls */
    public record Actor(String name) {
    }

    String actorName() {
        return actor == null || actor.name() == null || actor.name().isEmpty() ? null : actor.name();
    }

    public record EventPlatform(String os, String architecture, String variant) {
    }

    /** What the event asks the index to do, by its action and which target fields it has. */
    Kind kind() {
        boolean hasTag = target.tag() != null && !target.tag().isEmpty();
        boolean hasDigest = target.digest() != null && !target.digest().isEmpty();
        return switch (action) {
            case PUSH -> hasTag ? Kind.TAG_PUSH : Kind.MANIFEST_PUSH;
            case DELETE -> hasTag ? Kind.TAG_DELETE : hasDigest ? Kind.MANIFEST_DELETE : Kind.REPOSITORY_DELETE;
            case PULL -> Kind.PULL;
            default -> Kind.NOT_RECORDED;
        };
    }

    enum Kind {
        /** The tag now points at the target's digest. */
        TAG_PUSH,
        /** A manifest arrived by digest (or a blob, from other senders): the repository has new content. */
        MANIFEST_PUSH,
        TAG_DELETE,
        /** The manifest and every tag that pointed at it are gone. */
        MANIFEST_DELETE,
        /** No tag, no digest: the whole repository is gone. */
        REPOSITORY_DELETE,
        /** Manifests were pulled: the repository's pull count grows. */
        PULL,
        /** Mounts and other actions the index does not record. */
        NOT_RECORDED
    }
}
