package io.wharf.index.repository;

import io.wharf.index.repository.AccessFacts.Cache;
import java.util.Optional;

/**
 * The pull-through caches as access decisions and repository records need them. Implemented where the caches are
 * administered, which sits above this package.
 */
public interface CacheNamespaces {

    /** The cache whose namespace {@code namespace} is ({@link Cache#mirrorPath()} false). */
    Optional<Cache> ofNamespace(String namespace);

    /** The cache serving the engine mirror path ({@link Cache#mirrorPath()} true), when one is marked so. */
    Optional<Cache> mirror();
}
