package io.wharf.registry.api;

import io.wharf.registry.quota.QuotaProperties;
import io.wharf.registry.tag.Glob;
import io.wharf.registry.tag.TagProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.util.unit.DataSize;

/**
 * The lifecycle rules the registry applies, as {@code GET /admin/lifecycle} shows them: retention, immutable tags
 * and quotas, from its configuration. Patterns are the configured globs; durations seconds; sizes bytes; what is
 * unset is null.
 */
record LifecycleRules(List<Retention> retention, List<ImmutableTags> immutableTags, Map<String, Long> quotaBytes,
        Long defaultQuotaBytes) {

    record Retention(String repositoryPattern, Integer keepLast, String keepTags, Long removeOlderThanSeconds) {
    }

    record ImmutableTags(String repositoryPattern, String tagPattern) {
    }

    static LifecycleRules of(TagProperties tags, QuotaProperties quotas) {
        Map<String, Long> quotaBytes = new TreeMap<>();
        quotas.quotas().forEach((namespace, quota) -> quotaBytes.put(namespace, quota.toBytes()));
        return new LifecycleRules(
                tags.retention().stream()
                        .map(rule -> new Retention(text(rule.repositoryPattern()), rule.keepLast(),
                                text(rule.keepTags()), seconds(rule.removeOlderThan())))
                        .toList(),
                tags.immutableTags().stream()
                        .map(rule -> new ImmutableTags(text(rule.repositoryPattern()), text(rule.tagPattern())))
                        .toList(),
                quotaBytes, bytes(quotas.defaultQuota()));
    }

    private static String text(Glob glob) {
        return glob == null ? null : glob.toString();
    }

    private static Long seconds(Duration duration) {
        return duration == null ? null : duration.toSeconds();
    }

    private static Long bytes(DataSize size) {
        return size == null ? null : size.toBytes();
    }
}
