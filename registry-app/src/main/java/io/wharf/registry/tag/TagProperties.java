package io.wharf.registry.tag;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tag policies (defaults in application.yml).
 *
 * @param immutableTags tags that, once pushed, keep pointing at the same manifest
 * @param retention which tags garbage collection removes; the first rule whose pattern matches a repository applies
 */
@ConfigurationProperties("wharf.registry")
public record TagProperties(List<ImmutableTags> immutableTags, List<RetentionRule> retention) {

    public TagProperties {
        immutableTags = immutableTags == null ? List.of() : List.copyOf(immutableTags);
        retention = retention == null ? List.of() : List.copyOf(retention);
    }

    Optional<RetentionRule> retentionOf(String repository) {
        return retention.stream().filter(rule -> rule.repositoryPattern().matches(repository)).findFirst();
    }

    /** The first rule making {@code tag} of {@code repository} immutable. */
    Optional<ImmutableTags> immutability(String repository, String tag) {
        return immutableTags.stream().filter(rule -> rule.covers(repository, tag)).findFirst();
    }

    /**
     * Tags matching {@code tagPattern} in repositories matching {@code repositoryPattern} (see {@link Glob}).
     */
    public record ImmutableTags(Glob repositoryPattern, Glob tagPattern) {

        public ImmutableTags {
            if (repositoryPattern == null || tagPattern == null) {
                throw new IllegalArgumentException(
                        "every wharf.registry.immutable-tags rule needs a repository-pattern and a tag-pattern");
            }
        }

        boolean covers(String repository, String tag) {
            return repositoryPattern.matches(repository) && tagPattern.matches(tag);
        }
    }

    /**
     * A retention rule: in repositories matching {@code repositoryPattern}, a tag is removed when it matches no
     * {@code keepTags}, is not among the {@code keepLast} most recently pushed, and is older than
     * {@code removeOlderThan}; an unset limit does not hold a tag back, but a rule needs at least one of them.
     */
    public record RetentionRule(Glob repositoryPattern, Integer keepLast, Glob keepTags, Duration removeOlderThan) {

        public RetentionRule {
            if (repositoryPattern == null || (keepLast == null && removeOlderThan == null)) {
                throw new IllegalArgumentException("every wharf.registry.retention rule needs a repository-pattern"
                        + " and keep-last or remove-older-than");
            }
        }

        boolean letsGo(String tag, int rankNewestFirst, Instant updatedAt, Instant now) {
            return (keepTags == null || !keepTags.matches(tag))
                    && (keepLast == null || rankNewestFirst >= keepLast)
                    && (removeOlderThan == null || updatedAt.isBefore(now.minus(removeOlderThan)));
        }
    }
}
