package io.wharf.index.webhook;

import io.wharf.index.repository.RepositoryPath;

/**
 * What hooks belong to: a repository, or an organization (then {@code repository} is null).
 *
 * @param repository the repository's full name
 */
public record WebhookOwner(String namespace, String repository) {

    public static WebhookOwner of(RepositoryPath path) {
        return new WebhookOwner(path.namespace(), path.fullName());
    }

    static WebhookOwner of(Webhook hook) {
        return new WebhookOwner(hook.namespace(), hook.repository());
    }

    public static WebhookOwner organization(String name) {
        return new WebhookOwner(name, null);
    }

    RepositoryPath path() {
        return RepositoryPath.parse(repository).orElseThrow();
    }

    @Override
    public String toString() {
        return repository != null ? repository : "The organization " + namespace;
    }
}
