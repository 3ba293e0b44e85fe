package io.wharf.registry.repository;

/**
 * Published (as a Spring application event) inside the transaction that changes a repository's tags or manifests:
 * a push, a delete, a retention or collection, the repository's deletion. What keeps copies of them (the manifest
 * cache) listens.
 */
public record RepositoryContentChanged(String repository) {
}
