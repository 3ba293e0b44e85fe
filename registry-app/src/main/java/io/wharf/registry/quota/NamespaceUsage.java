package io.wharf.registry.quota;

/**
 * Bytes a namespace uses (each blob counted once however many of its repositories link it) and its quota.
 *
 * @param quotaBytes null when the namespace has no quota
 */
public record NamespaceUsage(String namespace, long usedBytes, Long quotaBytes) {
}
