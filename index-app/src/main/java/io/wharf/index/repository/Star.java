package io.wharf.index.repository;

import java.time.Instant;

/** A user's star on a repository. */
public record Star(long repositoryId, long accountId, Instant createdAt) {
}
