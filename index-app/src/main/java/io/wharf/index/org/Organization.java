package io.wharf.index.org;

import java.time.Instant;

/** A namespace shared by its members, each with a {@link io.wharf.index.role.Role}. */
public record Organization(long id, String name, Instant createdAt) {
}
