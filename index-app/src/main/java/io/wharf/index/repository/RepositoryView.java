package io.wharf.index.repository;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A repository as the REST API shows it; {@code name} is the full name, such as {@code acme/team/app}.
 * Listings leave out {@code fullDescription} (up to 100,000 characters each) and {@code starred}.
 *
 * @param pullCount manifest GETs the registry reported (it reports them in batches, every few seconds)
 * @param starred whether the caller starred it ({@code false} for anonymous callers)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RepositoryView(
        String name,
        String namespace,
        Visibility visibility,
        String shortDescription,
        String fullDescription,
        Instant createdAt,
        Instant lastPushedAt,
        long pushCount,
        long pullCount,
        long starCount,
        Boolean starred) {

    static RepositoryView summary(ImageRepository repository, long starCount) {
        return of(repository, null, starCount, null);
    }

    static RepositoryView detail(ImageRepository repository, long starCount, boolean starred) {
        return of(repository, repository.fullDescription(), starCount, starred);
    }

    private static RepositoryView of(ImageRepository repository, String fullDescription, long starCount, Boolean starred) {
        return new RepositoryView(repository.path().fullName(), repository.namespace(), repository.visibility(),
                repository.shortDescription(), fullDescription, repository.createdAt(), repository.lastPushedAt(),
                repository.pushCount(), repository.pullCount(), starCount, starred);
    }
}
