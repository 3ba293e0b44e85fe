package io.wharf.index.webhook;

import io.wharf.index.registry.Platform;
import io.wharf.index.repository.RepositoryPath;
import java.time.Instant;
import java.util.List;

/**
 * A change to a repository that hooks may be told about, as the registry's event reported it.
 *
 * @param tag the tag pushed or deleted; null for other events
 * @param digest the manifest's digest; null when the event has none
 * @param actor who made the change, as the registry named them; null when unknown
 */
public record RepositoryChange(WebhookEvent event, RepositoryPath repository, String tag, String digest,
        String mediaType, List<Platform> platforms, String actor, Instant at) {
}
