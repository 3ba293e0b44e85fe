package io.wharf.index.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The lifecycle rules the registry applies ({@code GET /admin/lifecycle}), from its configuration: which tags
 * garbage collection removes, which tags never move, and how much each namespace may store.
 *
 * @param quotaBytes the quota of each namespace named in the configuration
 * @param defaultQuotaBytes the quota of every other namespace; null: none
 */
public record LifecycleRules(List<Retention> retention, List<ImmutableTags> immutableTags,
        Map<String, Long> quotaBytes, Long defaultQuotaBytes) {

    public LifecycleRules {
        retention = retention == null ? List.of() : List.copyOf(retention);
        immutableTags = immutableTags == null ? List.of() : List.copyOf(immutableTags);
        quotaBytes = quotaBytes == null ? Map.of() : Map.copyOf(quotaBytes);
    }

    /**
     * In repositories matching {@code repositoryPattern}, a tag goes when it matches no {@code keepTags}, is not
     * among the {@code keepLast} most recently pushed and is older than {@code removeOlderThanSeconds}; unset
     * limits (null) hold no tag back.
     */
    public record Retention(String repositoryPattern, Integer keepLast, String keepTags, Long removeOlderThanSeconds) {

        public Duration removeOlderThan() {
            return removeOlderThanSeconds == null ? null : Duration.ofSeconds(removeOlderThanSeconds);
        }
    }

    /** Tags matching {@code tagPattern} in repositories matching {@code repositoryPattern} never move. */
    public record ImmutableTags(String repositoryPattern, String tagPattern) {
    }
}
