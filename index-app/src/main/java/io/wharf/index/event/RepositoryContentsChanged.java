package io.wharf.index.event;

/**
 * Published once the registry's events of a delivery are applied, when one of them changed what a repository holds
 * (a push or a delete). Pulls alone only move counters, and do not publish it.
 */
public record RepositoryContentsChanged() {
}
