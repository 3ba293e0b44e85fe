package io.wharf.registry.tag;

import io.wharf.registry.events.RegistryEvents;
import io.wharf.registry.repository.ImageRepositories;
import io.wharf.registry.repository.ImageRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Retention policies ({@code wharf.registry.retention}): which tags a rule lets go, and removing them one by one,
 * each with its tag-delete event. Immutable tags are never removed by retention.
 */
@Service
public class TagRetention {

    private final Tags tags;
    private final ImageRepositories repositories;
    private final TagProperties properties;
    private final RegistryEvents events;

    public TagRetention(Tags tags, ImageRepositories repositories, TagProperties properties, RegistryEvents events) {
        this.tags = tags;
        this.repositories = repositories;
        this.properties = properties;
        this.events = events;
    }

    /** A tag a rule lets go, as it was when looked at. */
    public record ExpiredTag(long repositoryId, String repository, String tag, Instant updatedAt) {
    }

    public List<ExpiredTag> expired(Instant now) {
        List<ExpiredTag> expired = new ArrayList<>();
        if (properties.retention().isEmpty()) {
            return expired;
        }
        for (ImageRepository repository : repositories.findAll()) {
            properties.retentionOf(repository.name()).ifPresent(rule -> {
                List<Tag> newestFirst = tags.newestFirst(repository.id());
                for (int rank = 0; rank < newestFirst.size(); rank++) {
                    Tag tag = newestFirst.get(rank);
                    if (rule.letsGo(tag.name(), rank, tag.updatedAt(), now)
                            && properties.immutability(repository.name(), tag.name()).isEmpty()) {
                        expired.add(new ExpiredTag(repository.id(), repository.name(), tag.name(), tag.updatedAt()));
                    }
                }
            });
        }
        return expired;
    }

    /** Removes the tag unless a push moved it since it was looked at; true when removed. */
    @Transactional
    public boolean remove(ExpiredTag expired) {
        if (tags.deleteIfUnchanged(expired.repositoryId(), expired.tag(), expired.updatedAt()) == 0) {
            return false;
        }
        events.tagDeleted(expired.repository(), expired.tag());
        return true;
    }
}
