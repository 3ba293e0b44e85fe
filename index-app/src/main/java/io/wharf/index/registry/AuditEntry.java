package io.wharf.index.registry;

import java.time.Instant;

/**
 * One entry of the registry's audit log: who ({@code actor}, empty when anonymous) did what ({@code action}:
 * push, delete, gc) where.
 *
 * @param repository null for registry-wide actions (a garbage collection)
 * @param detail what a garbage collection removed, say
 */
public record AuditEntry(long id, Instant at, String actor, String action, String repository, String digest,
        String tag, String detail) {
}
