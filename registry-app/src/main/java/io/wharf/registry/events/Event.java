package io.wharf.registry.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.wharf.contract.image.Platform;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One event in the format of CNCF Distribution's notifications (see distribution-notifications.md). Fields a
 * kind of event does not have are left out, as Distribution does.
 */
record Event(String id, String timestamp, String action, Target target, RequestRecord request, Actor actor,
        Source source) {

    static final String PUSH = "push";
    static final String DELETE = "delete";
    static final String PULL = "pull";

    /**
     * What the event is about. {@code length} repeats {@code size} for older consumers. Wharf's extensions:
     * {@code platforms}, the platforms an index (manifest list) offers, or the one
     * platform of an image (from its config; none for artifacts); {@code imageSize}, what an image
     * manifest's config and layers weigh compressed (the size users see); {@code count}, how many manifest
     * pulls a pull event stands for (pulls are counted and reported together, not one event per request);
     * {@code tags}, on a pull event, the pulls among them that started by a tag, per tag; {@code subject}, on a push
     * of a manifest that refers to another (a signature, an SBOM), that manifest's digest.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Target(String mediaType, Long size, String digest, Long length, String repository, String url,
            String tag, List<Platform> platforms, Long imageSize, Long count, Map<String, TagPulls> tags,
            String subject) {

        static Target ofRepository(String repository) {
            return new Target(null, null, null, null, repository, null, null, null, null, null, null, null);
        }

        static Target ofTag(String repository, String tag) {
            return new Target(null, null, null, null, repository, null, tag, null, null, null, null, null);
        }

        static Target ofManifest(String repository, String digest) {
            return new Target(null, null, digest, null, repository, null, null, null, null, null, null, null);
        }

        /** {@code tags}: null when no pull started by a tag. */
        static Target ofPulls(String repository, long count, Map<String, TagPulls> tags) {
            return new Target(null, null, null, null, repository, null, null, null, null, count, tags, null);
        }
    }

    /** How many pulls of a pull event started by one tag, and when the last of them did. */
    record TagPulls(long count, Instant lastPulledAt) {
    }

    /** The HTTP request that caused the change; every field is null for a change made outside a request. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RequestRecord(String id, String addr, String host, String method, String useragent) {

        static final RequestRecord NONE = new RequestRecord(null, null, null, null, null);
    }

    /** Who caused the change; {@code {}} when anonymous, as in Distribution. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Actor(String name) {
    }

    /** The registry process that wrote the event. */
    record Source(String addr, String instanceID) {
    }
}
