package io.wharf.index.repository;

import java.time.Instant;

/** A repository as the REST API shows it; {@code name} is the full name, such as {@code acme/team/app}. */
public record RepositoryView(String name, String namespace, Visibility visibility, Instant createdAt) {

    static RepositoryView of(ImageRepository repository) {
        return new RepositoryView(
                repository.path().fullName(), repository.namespace(), repository.visibility(), repository.createdAt());
    }
}
