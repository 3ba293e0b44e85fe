package io.wharf.index.registry;

/**
 * The bytes a namespace's repositories hold in the registry (each blob once) and its quota.
 *
 * @param quotaBytes null when the namespace has no quota
 */
public record NamespaceUsage(String namespace, long usedBytes, Long quotaBytes) {

    /** How much of the quota is used, 0 to 100 (beyond 100 shown as 100); 0 without a quota. */
    public int percentOfQuota() {
        if (quotaBytes == null || quotaBytes <= 0) {
            return 0;
        }
        return (int) Math.min(100, usedBytes * 100 / quotaBytes);
    }
}
